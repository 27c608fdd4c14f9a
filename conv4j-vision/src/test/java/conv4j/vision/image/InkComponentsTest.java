package conv4j.vision.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class InkComponentsTest {

    @Test
    void dropsRegionsSmallerThanTheShareOfTheLargest() {
        float[] ink = {
            1, 1, 1, 0, 0, 0,
            1, 1, 1, 0, 0, 1,
            1, 1, 1, 0, 0, 0,
            0, 0, 0, 0, 1, 1,
        };
        // Regions of 9, 1 and 2 pixels; with 0.2 of 9 = 1.8 the single pixel goes, the pair stays.
        InkComponents.removeSmall(ink, 4, 6, 0.2);
        assertArrayEquals(new float[] {
            1, 1, 1, 0, 0, 0,
            1, 1, 1, 0, 0, 0,
            1, 1, 1, 0, 0, 0,
            0, 0, 0, 0, 1, 1,
        }, ink);
    }

    @Test
    void diagonalNeighboursAreOneRegion() {
        float[] ink = {
            0.5f, 0, 0, 0,
            0, 0.5f, 0, 0,
            0, 0, 0.5f, 0,
            0, 0, 0, 0.5f,
        };
        float[] before = ink.clone();
        InkComponents.removeSmall(ink, 4, 4, 0.9);
        assertArrayEquals(before, ink);
    }
}
