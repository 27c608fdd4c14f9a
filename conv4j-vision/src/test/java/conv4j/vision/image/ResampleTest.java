package conv4j.vision.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ResampleTest {

    @Test
    void halvingAveragesEachTwoByTwoBlock() {
        float[] plane = {
            1, 3, 0, 0,
            5, 7, 0, 4,
            2, 2, 1, 1,
            2, 2, 1, 1,
        };
        assertArrayEquals(new float[] {4, 1, 2, 1}, Resample.area(plane, 4, 4, 2, 2), 1e-6f);
    }

    @Test
    void aPartlyCoveredPixelCountsByTheShareCovered() {
        // 3 -> 2: each output covers 1.5 inputs, the middle one half each.
        float[] out = Resample.area(new float[] {3, 6, 9}, 1, 3, 1, 2);
        assertArrayEquals(new float[] {(3 + 0.5f * 6) / 1.5f, (0.5f * 6 + 9) / 1.5f}, out, 1e-6f);
    }

    @Test
    void enlargingRepeatsPixelsAndBlendsWhereAnOutputStraddlesTwo() {
        // 2 -> 5: each output covers 0.4 of an input; the middle one straddles both halves equally.
        float[] out = Resample.area(new float[] {10, 20}, 2, 1, 5, 1);
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
            float[] out = Resample.area(plane, s[0], s[1], s[2], s[3]);
            double outSum = 0;
            for (float v : out) {
                outSum += v;
            }
            assertEquals(sum / plane.length, outSum / out.length, 1e-5, java.util.Arrays.toString(s));
        }
    }

    /** 4 x 6 values (7 i mod 11) / 10, the input of the PyTorch figures below. */
    private static float[] pytorchInput() {
        float[] x = new float[24];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 7 % 11) / 10f;
        }
        return x;
    }

    @Test
    void bilinearReductionMatchesPyTorchAntialiased() {
        // torch.nn.functional.interpolate(x, size, mode='bilinear', align_corners=False, antialias=True), torch 1.13
        assertArrayEquals(new float[] {0.49183673f, 0.56607143f, 0.41020408f, 0.49183673f, 0.54642857f, 0.43265306f},
                Resample.bilinear(pytorchInput(), 4, 6, 2, 3), 1e-6f);
        assertArrayEquals(new float[] {0.40875f, 0.45111111f, 0.72888889f, 0.29f, 0.65f, 0.51666667f, 0.55f,
            0.39375f, 0.41f, 0.58222222f, 0.37111111f, 0.4975f}, Resample.bilinear(pytorchInput(), 4, 6, 3, 4), 1e-6f);
    }

    @Test
    void bilinearEnlargementMatchesPyTorch() {
        // the same call with 2 x 3 -> 3 x 5: enlarging, antialiasing changes nothing
        float[] in = {0f, 1f, 0.5f, 0.25f, 0.75f, 1f};
        assertArrayEquals(new float[] {0f, 0.4f, 1f, 0.7f, 0.5f, 0.125f, 0.425f, 0.875f, 0.8f, 0.75f, 0.25f, 0.45f,
            0.75f, 0.9f, 1f}, Resample.bilinear(in, 2, 3, 3, 5), 1e-6f);
    }

    /**
     * The antialiased bilinear resize as one double loop over every input pixel for every output pixel: the weight is
     * the product of the two triangles, widened by the scale when reducing, normalised over the pixels inside.
     */
    private static float[] plainBilinear(float[] x, int h, int w, int oh, int ow) {
        double sy = (double) h / oh;
        double sx = (double) w / ow;
        double fy = Math.max(1, sy);
        double fx = Math.max(1, sx);
        float[] y = new float[oh * ow];
        for (int r = 0; r < oh; r++) {
            for (int c = 0; c < ow; c++) {
                double cy = (r + 0.5) * sy;
                double cx = (c + 0.5) * sx;
                double sum = 0;
                double weights = 0;
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double wy = Math.max(0, 1 - Math.abs(i + 0.5 - cy) / fy);
                        double wx = Math.max(0, 1 - Math.abs(j + 0.5 - cx) / fx);
                        sum += wy * wx * x[i * w + j];
                        weights += wy * wx;
                    }
                }
                y[r * ow + c] = (float) (sum / weights);
            }
        }
        return y;
    }

    @Test
    void bilinearMatchesAPlainLoopShrinkingALotAndEnlarging() {
        java.util.Random random = new java.util.Random(3);
        int[][] sizes = {{97, 61, 13, 9}, {64, 64, 7, 7}, {40, 30, 40, 30}, {5, 7, 23, 11}, {9, 50, 31, 4}};
        for (int[] s : sizes) {
            float[] plane = new float[s[0] * s[1]];
            for (int i = 0; i < plane.length; i++) {
                plane[i] = random.nextFloat();
            }
            assertArrayEquals(plainBilinear(plane, s[0], s[1], s[2], s[3]),
                    Resample.bilinear(plane, s[0], s[1], s[2], s[3]), 1e-5f, java.util.Arrays.toString(s));
        }
    }

    @Test
    void bilinearShrinkingSeesEveryRow() {
        // one bright row in eight: without antialiasing a 8x reduction would either miss it or copy it whole
        float[] plane = new float[64 * 4];
        for (int r = 3; r < 64; r += 8) {
            java.util.Arrays.fill(plane, r * 4, r * 4 + 4, 1f);
        }
        for (float v : Resample.bilinear(plane, 64, 4, 8, 4)) {
            assertEquals(0.125, v, 0.03);
        }
    }

    @Test
    void refusesAnEmptySize() {
        assertThrows(IllegalArgumentException.class, () -> Resample.area(new float[4], 2, 2, 0, 3));
    }
}
