package conv4j.vision.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.vision.image.ImageTensors;
import org.junit.jupiter.api.Test;

class RandomResizedCropTest {

    @Test
    void windowsLieInsideTheImageWithinTheScaleAndRatioRanges() {
        RandomResizedCrop crop = new RandomResizedCrop(32, 32);
        double smallest = 1;
        double largest = 0;
        for (int seed = 0; seed < 2000; seed++) {
            RandomResizedCrop.Window w = crop.window(120, 160, new Rng(seed));
            assertTrue(w.top() >= 0 && w.left() >= 0 && w.top() + w.height() <= 120 && w.left() + w.width() <= 160,
                    w.toString());
            double share = (double) w.height() * w.width() / (120 * 160);
            double ratio = (double) w.width() / w.height();
            // whole pixels move the share and the ratio a little off the drawn values
            assertTrue(share > 0.07 && share <= 1, w + " covers " + share);
            assertTrue(ratio > 0.7 && ratio < 1.42, w + " has ratio " + ratio);
            smallest = Math.min(smallest, share);
            largest = Math.max(largest, share);
        }
        assertTrue(smallest < 0.1 && largest > 0.9, smallest + " .. " + largest);
    }

    @Test
    void theWholeSquareImageWhenScaleAndRatioAreOne() {
        RandomResizedCrop crop = new RandomResizedCrop(4, 4, 1, 1, 1, 1);
        assertEquals(new RandomResizedCrop.Window(0, 0, 9, 9), crop.window(9, 9, new Rng(3)));
    }

    @Test
    void afterTenMissesTheCentralWindowTrimmedToTheRatioAsTorchvision() {
        // a window of half the area or more at ratio 10 never fits in 6 x 6
        RandomResizedCrop wide = new RandomResizedCrop(2, 2, 0.5, 1, 10, 10);
        // torchvision: w = 6, h = round(6 / 10) = 1, top = (6 - 1) // 2 = 2
        assertEquals(new RandomResizedCrop.Window(2, 0, 1, 6), wide.window(6, 6, new Rng(1)));
        RandomResizedCrop tall = new RandomResizedCrop(2, 2, 0.5, 1, 0.1, 0.1);
        assertEquals(new RandomResizedCrop.Window(0, 2, 6, 1), tall.window(6, 6, new Rng(1)));
        // 20 x 5 is wider (ratio 0.25) than 0.21 allows: w = round(20 x 0.21) = 4, left = (5 - 4) // 2 = 0
        RandomResizedCrop narrow = new RandomResizedCrop(2, 2, 0.99, 1, 0.2, 0.21);
        assertEquals(new RandomResizedCrop.Window(0, 0, 20, 4), narrow.window(20, 5, new Rng(1)));
    }

    @Test
    void theOutputIsTheWindowResizedBilinearly() {
        float[] x = new float[2 * 30 * 40];
        java.util.Random random = new java.util.Random(8);
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        Tensor in = Tensor.of(x, 2, 30, 40);
        RandomResizedCrop crop = new RandomResizedCrop(12, 10);
        for (int seed = 0; seed < 20; seed++) {
            RandomResizedCrop.Window w = crop.window(30, 40, new Rng(seed));
            float[] window = new float[2 * w.height() * w.width()];
            for (int c = 0; c < 2; c++) {
                for (int r = 0; r < w.height(); r++) {
                    for (int col = 0; col < w.width(); col++) {
                        window[(c * w.height() + r) * w.width() + col] = x[(c * 30 + w.top() + r) * 40 + w.left() + col];
                    }
                }
            }
            Tensor expected = ImageTensors.resizeBilinear(Tensor.of(window, 2, w.height(), w.width()), 12, 10);
            Tensor out = crop.apply(in, new Rng(seed));
            assertEquals(Shape.of(2, 12, 10), out.shape());
            assertArrayEquals(expected.data(), out.data(), "seed " + seed);
        }
    }

    @Test
    void refusesScalesAndRatiosOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new RandomResizedCrop(8, 8, 0, 1, 0.75, 1.33));
        assertThrows(IllegalArgumentException.class, () -> new RandomResizedCrop(8, 8, 0.5, 1.2, 0.75, 1.33));
        assertThrows(IllegalArgumentException.class, () -> new RandomResizedCrop(8, 8, 0.5, 1, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> new RandomResizedCrop(0, 8));
    }
}
