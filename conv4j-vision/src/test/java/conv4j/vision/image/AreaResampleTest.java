package conv4j.vision.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AreaResampleTest {

    @Test
    void halvingAveragesEachTwoByTwoBlock() {
        float[] plane = {
            1, 3, 0, 0,
            5, 7, 0, 4,
            2, 2, 1, 1,
            2, 2, 1, 1,
        };
        assertArrayEquals(new float[] {4, 1, 2, 1}, AreaResample.resize(plane, 4, 4, 2, 2), 1e-6f);
    }

    @Test
    void aPartlyCoveredPixelCountsByTheShareCovered() {
        // 3 -> 2: each output covers 1.5 inputs, the middle one half each.
        float[] out = AreaResample.resize(new float[] {3, 6, 9}, 1, 3, 1, 2);
        assertArrayEquals(new float[] {(3 + 0.5f * 6) / 1.5f, (0.5f * 6 + 9) / 1.5f}, out, 1e-6f);
    }

    @Test
    void enlargingRepeatsPixelsAndBlendsWhereAnOutputStraddlesTwo() {
        // 2 -> 5: each output covers 0.4 of an input; the middle one straddles both halves equally.
        float[] out = AreaResample.resize(new float[] {10, 20}, 2, 1, 5, 1);
        assertArrayEquals(new float[] {10, 10, 15, 20, 20}, out, 1e-5f);
    }

    @Test
    void keepsTheMeanOfAnyPlane() {
        java.util.Random random = new java.util.Random(2);
        int[][] sizes = {{37, 23, 20, 13}, {5, 8, 20, 12}, {100, 3, 7, 1}};
        for (int[] s : sizes) {
            float[] plane = new float[s[0] * s[1]];
            double sum = 0;
            for (int i = 0; i < plane.length; i++) {
                plane[i] = random.nextFloat();
                sum += plane[i];
            }
            float[] out = AreaResample.resize(plane, s[0], s[1], s[2], s[3]);
            double outSum = 0;
            for (float v : out) {
                outSum += v;
            }
            assertEquals(sum / plane.length, outSum / out.length, 1e-5, java.util.Arrays.toString(s));
        }
    }

    @Test
    void refusesAnEmptySize() {
        assertThrows(IllegalArgumentException.class, () -> AreaResample.resize(new float[4], 2, 2, 0, 3));
    }
}
