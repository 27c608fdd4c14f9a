package conv4j.kernels;

import static conv4j.testkit.Close.assertClose;
import static conv4j.testkit.Close.toDouble;
import static conv4j.testkit.Close.toFloat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.testkit.Close;
import conv4j.testkit.GradientCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PoolKernelTest {
    private static final float[] FOUR_BY_FOUR = {
        1, 3, 2, 4,
        5, 6, 7, 8,
        3, 2, 1, 0,
        1, 2, 3, 4,
    };
    private static final float[] FIVE_BY_FIVE = {
        1, 2, 3, 4, 5,
        6, 9, 1, 2, 7,
        3, 4, 8, 1, 0,
        2, 7, 1, 5, 3,
        9, 0, 2, 6, 4,
    };

    @Test
    void maxPooling2x2Stride2TakesTheLargestOfEachBlock() {
        Pool2dGeometry g = Pool2dGeometry.of(1, 1, 4, 4, 2, 2, 0);
        float[] y = new float[4];
        int[] argmax = new int[4];
        PoolKernel.maxForward(g, FOUR_BY_FOUR, y, argmax);
        assertArrayEquals(new float[] {6, 8, 3, 4}, y);
        assertArrayEquals(new int[] {5, 7, 8, 15}, argmax);
    }

    @Test
    void averagePooling2x2Stride2AveragesEachBlock() {
        Pool2dGeometry g = Pool2dGeometry.of(1, 1, 4, 4, 2, 2, 0);
        float[] y = new float[4];
        PoolKernel.averageForward(g, true, FOUR_BY_FOUR, y);
        assertArrayEquals(new float[] {3.75f, 5.25f, 2f, 2f}, y);
    }

    @Test
    void overlapping3x3Stride2PoolingAndItsAccumulatingBackward() {
        Pool2dGeometry g = Pool2dGeometry.of(1, 1, 5, 5, 3, 2, 0);
        float[] y = new float[4];
        int[] argmax = new int[4];
        PoolKernel.maxForward(g, FIVE_BY_FIVE, y, argmax);
        assertArrayEquals(new float[] {9, 8, 9, 8}, y);
        // The 8 at (2, 2) wins two windows, so its gradient adds up to 2.
        float[] dx = new float[25];
        PoolKernel.maxBackward(g, new float[] {1, 1, 1, 1}, argmax, dx);
        float[] expected = new float[25];
        expected[6] = 1;
        expected[12] = 2;
        expected[20] = 1;
        assertArrayEquals(expected, dx);

        float[] average = new float[4];
        PoolKernel.averageForward(g, true, FIVE_BY_FIVE, average);
        assertClose(new float[] {37f / 9, 31f / 9, 4f, 30f / 9}, average, 1e-6, 0, "3x3/2 average");
    }

    @Test
    void channelsArePooledIndependently() {
        float[] twoChannels = new float[32];
        System.arraycopy(FOUR_BY_FOUR, 0, twoChannels, 0, 16);
        for (int i = 0; i < 16; i++) {
            twoChannels[16 + i] = 10 - FOUR_BY_FOUR[i];
        }
        Pool2dGeometry g = Pool2dGeometry.of(1, 2, 4, 4, 2, 2, 0);
        assertEquals(2 * 2 * 2, g.outputSize());
        float[] y = new float[8];
        PoolKernel.maxForward(g, twoChannels, y, new int[8]);
        // The second channel's maxima are 10 minus the first channel's block minima.
        assertArrayEquals(new float[] {6, 8, 3, 4, 9, 8, 9, 10}, y);
    }

    @Test
    void paddingIsCountedInTheAverageOnlyWhenAskedAndNeverWinsTheMax() {
        Pool2dGeometry g = Pool2dGeometry.of(1, 1, 2, 2, 2, 2, 1);
        float[] x = {1, 2, 3, 4};
        float[] y = new float[4];
        PoolKernel.averageForward(g, true, x, y);
        assertArrayEquals(new float[] {0.25f, 0.5f, 0.75f, 1f}, y);
        PoolKernel.averageForward(g, false, x, y);
        assertArrayEquals(new float[] {1, 2, 3, 4}, y);
        float[] negative = {-1, -2, -3, -4};
        PoolKernel.maxForward(g, negative, y, new int[4]);
        assertArrayEquals(negative, y);
    }

    @Test
    void ceilModeWindowsDivideByTheirClippedSize() {
        Pool2dGeometry g = new Pool2dGeometry(1, 1, 3, 3, 2, 2, 2, 2, 0, 0, true);
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] y = new float[4];
        PoolKernel.averageForward(g, true, x, y);
        assertArrayEquals(new float[] {3f, 4.5f, 7.5f, 9f}, y);
        PoolKernel.maxForward(g, x, y, new int[4]);
        assertArrayEquals(new float[] {5, 6, 8, 9}, y);
    }

    @Test
    void globalAveragePoolingGivesOneValuePerChannel() {
        float[] x = new float[2 * 2 * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        float[] y = new float[4];
        PoolKernel.globalAverageForward(2, 2, 2, 2, x, y);
        assertArrayEquals(new float[] {1.5f, 5.5f, 9.5f, 13.5f}, y);
    }

    @Test
    void adaptivePoolingUsesPyTorchsOverlappingWindows() {
        // 5 -> 3: windows [0, 2), [1, 4), [3, 5).
        float[] x = {1, 2, 3, 4, 5};
        float[] y = new float[3];
        PoolKernel.adaptiveAverageForward(1, 1, 1, 5, 1, 3, x, y);
        assertArrayEquals(new float[] {1.5f, 3f, 4.5f}, y);
    }

    @Test
    void referenceBackwardPassesGradientChecks() {
        SplittableRandom r = new SplittableRandom(11);
        for (Pool2dGeometry g : geometries(r, 40)) {
            double[] x = distinct(r, g.inputSize());
            int outputs = PoolReference.outH(g) * PoolReference.outW(g) * g.planes();
            double[] dy = Close.randomDoubles(r, outputs);
            int[] argmax = PoolReference.maxForward(g, x).argmax();
            assertPasses(GradientCheck.checkVjp(v -> PoolReference.maxForward(g, v).y(), x, dy,
                    PoolReference.maxBackward(g, argmax, dy)), "max " + g);
            for (boolean includePad : new boolean[] {true, false}) {
                assertPasses(GradientCheck.checkVjp(v -> PoolReference.averageForward(g, includePad, v), x, dy,
                        PoolReference.averageBackward(g, includePad, dy)), "average " + includePad + " " + g);
            }
        }
    }

    @Test
    void referenceGlobalAndAdaptiveBackwardPassGradientChecks() {
        SplittableRandom r = new SplittableRandom(12);
        for (int trial = 0; trial < 20; trial++) {
            int planes = r.nextInt(1, 5);
            int inH = r.nextInt(1, 9);
            int inW = r.nextInt(1, 9);
            int outH = r.nextInt(1, 7);
            int outW = r.nextInt(1, 7);
            double[] x = Close.randomDoubles(r, planes * inH * inW);
            double[] dyGlobal = Close.randomDoubles(r, planes);
            assertPasses(GradientCheck.checkVjp(v -> PoolReference.globalAverageForward(planes, inH * inW, v), x,
                    dyGlobal, PoolReference.globalAverageBackward(planes, inH * inW, dyGlobal)), "global");
            double[] dy = Close.randomDoubles(r, planes * outH * outW);
            assertPasses(GradientCheck.checkVjp(v -> PoolReference.adaptiveAverageForward(planes, inH, inW, outH,
                    outW, v), x, dy, PoolReference.adaptiveAverageBackward(planes, inH, inW, outH, outW, dy)),
                    "adaptive " + inH + "x" + inW + " -> " + outH + "x" + outW);
        }
    }

    @Test
    void maxPoolingMatchesTheReference() {
        SplittableRandom r = new SplittableRandom(13);
        for (Pool2dGeometry g : geometries(r, 60)) {
            double[] x = distinct(r, g.inputSize());
            PoolReference.MaxResult expected = PoolReference.maxForward(g, x);
            float[] y = new float[g.outputSize()];
            int[] argmax = new int[g.outputSize()];
            PoolKernel.maxForward(g, toFloat(x), y, argmax);
            assertClose(expected.y(), y, 1e-6, 0, "max forward " + g);
            assertArrayEquals(expected.argmax(), argmax, "argmax " + g);

            double[] dy = Close.randomDoubles(r, y.length);
            float[] dx = filledWithGarbage(g.inputSize());
            PoolKernel.maxBackward(g, toFloat(dy), argmax, dx);
            assertClose(PoolReference.maxBackward(g, expected.argmax(), dy), dx, 1e-4, 1e-5, "max backward " + g);
        }
    }

    @Test
    void averagePoolingMatchesTheReference() {
        SplittableRandom r = new SplittableRandom(14);
        for (Pool2dGeometry g : geometries(r, 60)) {
            double[] x = Close.randomDoubles(r, g.inputSize());
            double[] dy = Close.randomDoubles(r, g.outputSize());
            for (boolean includePad : new boolean[] {true, false}) {
                float[] y = new float[g.outputSize()];
                PoolKernel.averageForward(g, includePad, toFloat(x), y);
                assertClose(PoolReference.averageForward(g, includePad, x), y, 1e-4, 1e-5, "average " + g);
                float[] dx = filledWithGarbage(g.inputSize());
                PoolKernel.averageBackward(g, includePad, toFloat(dy), dx);
                assertClose(PoolReference.averageBackward(g, includePad, dy), dx, 1e-4, 1e-5,
                        "average backward " + g);
            }
        }
    }

    @Test
    void globalAndAdaptivePoolingMatchTheReference() {
        SplittableRandom r = new SplittableRandom(15);
        for (int trial = 0; trial < 30; trial++) {
            int batch = r.nextInt(1, 4);
            int channels = r.nextInt(1, 5);
            int inH = r.nextInt(1, 13);
            int inW = r.nextInt(1, 13);
            int outH = r.nextInt(1, 8);
            int outW = r.nextInt(1, 8);
            int planes = batch * channels;
            double[] x = Close.randomDoubles(r, planes * inH * inW);
            float[] y = new float[planes];
            PoolKernel.globalAverageForward(batch, channels, inH, inW, toFloat(x), y);
            assertClose(PoolReference.globalAverageForward(planes, inH * inW, x), y, 1e-4, 1e-5, "global");
            double[] dyGlobal = Close.randomDoubles(r, planes);
            float[] dx = filledWithGarbage(x.length);
            PoolKernel.globalAverageBackward(batch, channels, inH, inW, toFloat(dyGlobal), dx);
            assertClose(PoolReference.globalAverageBackward(planes, inH * inW, dyGlobal), dx, 1e-4, 1e-5,
                    "global backward");

            float[] adaptive = new float[planes * outH * outW];
            PoolKernel.adaptiveAverageForward(batch, channels, inH, inW, outH, outW, toFloat(x), adaptive);
            assertClose(PoolReference.adaptiveAverageForward(planes, inH, inW, outH, outW, x), adaptive, 1e-4,
                    1e-5, "adaptive");
            double[] dy = Close.randomDoubles(r, adaptive.length);
            PoolKernel.adaptiveAverageBackward(batch, channels, inH, inW, outH, outW, toFloat(dy), dx);
            assertClose(PoolReference.adaptiveAverageBackward(planes, inH, inW, outH, outW, dy), dx, 1e-4, 1e-5,
                    "adaptive backward");
        }
    }

    @Test
    void wideRowsMatchTheReference() {
        SplittableRandom r = new SplittableRandom(17);
        for (int trial = 0; trial < 40; trial++) {
            Pool2dGeometry g = PoolRowsTest.wideGeometry(r);
            double[] x = distinct(r, g.inputSize());
            float[] y = new float[g.outputSize()];
            int[] argmax = new int[g.outputSize()];
            PoolKernel.maxForward(g, toFloat(x), y, argmax);
            PoolReference.MaxResult expected = PoolReference.maxForward(g, x);
            assertClose(expected.y(), y, 1e-6, 0, "wide max " + g);
            assertArrayEquals(expected.argmax(), argmax, "wide argmax " + g);
            for (boolean includePad : new boolean[] {true, false}) {
                PoolKernel.averageForward(g, includePad, toFloat(x), y);
                assertClose(PoolReference.averageForward(g, includePad, x), y, 1e-4, 1e-5, "wide average " + g);
            }
        }
    }

    @Test
    void aNaNInAWindowWinsTheMax() {
        float[] x = {1, Float.NaN, 3, 4};
        float[] y = new float[1];
        int[] argmax = new int[1];
        PoolKernel.maxForward(Pool2dGeometry.of(1, 1, 2, 2, 2, 2, 0), x, y, argmax);
        assertTrue(Float.isNaN(y[0]));
        assertEquals(1, argmax[0]);
    }

    @Test
    void largeInputsSplitOverThePoolMatchTheReference() {
        // 64 planes of 32 x 32: more than one chunk of work, so the pool is used when it has threads.
        Pool2dGeometry g = Pool2dGeometry.of(4, 16, 32, 32, 3, 2, 1);
        SplittableRandom r = new SplittableRandom(16);
        double[] x = distinct(r, g.inputSize());
        float[] y = new float[g.outputSize()];
        int[] argmax = new int[g.outputSize()];
        PoolKernel.maxForward(g, toFloat(x), y, argmax);
        PoolReference.MaxResult expected = PoolReference.maxForward(g, x);
        assertArrayEquals(expected.argmax(), argmax);
        float[] dy = Close.randomFloats(r, y.length);
        float[] dx = new float[g.inputSize()];
        PoolKernel.averageBackward(g, true, dy, dx);
        assertClose(PoolReference.averageBackward(g, true, toDouble(dy)), dx, 1e-4, 1e-5, "large average backward");
    }

    @Test
    void wrongArrayLengthsAreRefusedNamingBothLengths() {
        Pool2dGeometry g = Pool2dGeometry.of(1, 1, 4, 4, 2, 2, 0);
        var e = assertThrows(IllegalArgumentException.class,
                () -> PoolKernel.maxForward(g, new float[15], new float[4], new int[4]));
        assertTrue(e.getMessage().contains("15") && e.getMessage().contains("16"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PoolKernel.maxForward(g, new float[16], new float[4], new int[3]));
        assertThrows(IllegalArgumentException.class,
                () -> PoolKernel.averageBackward(g, true, new float[5], new float[16]));
        assertThrows(IllegalArgumentException.class,
                () -> PoolKernel.globalAverageForward(2, 3, 4, 4, new float[96], new float[5]));
        assertThrows(IllegalArgumentException.class,
                () -> PoolKernel.adaptiveAverageForward(1, 1, 4, 4, 0, 2, new float[16], new float[0]));
    }

    @Test
    void anArgmaxOutsideItsPlaneIsRefused() {
        Pool2dGeometry g = Pool2dGeometry.of(1, 2, 2, 2, 2, 2, 0);
        var e = assertThrows(IllegalArgumentException.class,
                () -> PoolKernel.maxBackward(g, new float[2], new int[] {0, 2}, new float[8]));
        assertTrue(e.getMessage().contains("2"), e.getMessage());
    }

    /** Random geometries: stride, padding, ceil mode, batch 1, non-square and odd sizes, 1x1 windows. */
    static List<Pool2dGeometry> geometries(SplittableRandom r, int count) {
        List<Pool2dGeometry> list = new ArrayList<>();
        list.add(Pool2dGeometry.of(1, 1, 1, 1, 1, 1, 0));
        list.add(new Pool2dGeometry(1, 2, 7, 5, 3, 2, 2, 1, 1, 1, true));
        list.add(new Pool2dGeometry(2, 1, 5, 5, 2, 2, 2, 2, 1, 1, true));
        list.add(new Pool2dGeometry(1, 1, 4, 6, 3, 3, 2, 2, 1, 1, true));
        while (list.size() < count) {
            int kernelH = r.nextInt(1, 5);
            int kernelW = r.nextInt(1, 5);
            int padH = r.nextInt(0, kernelH / 2 + 1);
            int padW = r.nextInt(0, kernelW / 2 + 1);
            int inH = Math.max(1, kernelH - 2 * padH) + r.nextInt(0, 7);
            int inW = Math.max(1, kernelW - 2 * padW) + r.nextInt(0, 7);
            list.add(new Pool2dGeometry(r.nextInt(1, 3), r.nextInt(1, 4), inH, inW, kernelH, kernelW,
                    r.nextInt(1, 4), r.nextInt(1, 4), padH, padW, r.nextBoolean()));
        }
        return list;
    }

    /** Values without ties, spaced far wider than the gradient check's step, so the max is never ambiguous. */
    static double[] distinct(SplittableRandom r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
        for (int i = 0; i < n; i++) {
            x[i] = 2 * (x[i] + 0.5 * r.nextDouble()) / n - 1;
        }
        return x;
    }

    /** Backward kernels overwrite their output; stale values in it must not leak through. */
    static float[] filledWithGarbage(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 123.25f);
        return a;
    }

    static void assertPasses(GradientCheck.Result result, String what) {
        assertTrue(result.passes(), what + ": " + result);
    }
}
