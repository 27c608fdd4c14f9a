package conv4j.kernels;

import static conv4j.testkit.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import conv4j.testkit.Close;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector loops and the scalar loops (the path taken without the incubator module) must agree with each other
 * and with a double computation, including over sub-ranges that do not start or end on a vector boundary.
 */
class LoopsTest {

    @Test
    void vectorLoopsRunWhenTheModuleIsPresentUnlessSwitchedOff() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        boolean off = "false".equals(System.getProperty(Simd.PROPERTY));
        assertEquals(module && !off, Loops.VECTORIZED);
    }

    @Test
    void elementwiseLoopsAgreeOnSubRanges() {
        assumeTrue(Loops.VECTORIZED, "the vector loops need jdk.incubator.vector");
        SplittableRandom r = new SplittableRandom(31);
        for (int trial = 0; trial < 30; trial++) {
            int n = r.nextInt(1, 300);
            int from = r.nextInt(0, n);
            int to = r.nextInt(from, n + 1);
            float[] x = Close.randomFloats(r, n);
            for (int i = 0; i < n; i++) {
                x[i] *= 8;
            }
            float[] dy = Close.randomFloats(r, n);
            float[] scalar = new float[n];
            float[] vector = new float[n];

            ScalarLoops.reluBackward(x, dy, scalar, from, to);
            VectorLoops.reluBackward(x, dy, vector, from, to);
            assertClose(scalar, vector, 0, 0, "relu backward");
            ScalarLoops.leakyRelu(0.1f, x, scalar, from, to);
            VectorLoops.leakyRelu(0.1f, x, vector, from, to);
            assertClose(scalar, vector, 1e-6, 0, "leaky relu");
            ScalarLoops.leakyReluBackward(0.1f, x, dy, scalar, from, to);
            VectorLoops.leakyReluBackward(0.1f, x, dy, vector, from, to);
            assertClose(scalar, vector, 1e-6, 0, "leaky relu backward");
            ScalarLoops.sigmoid(x, scalar, from, to);
            VectorLoops.sigmoid(x, vector, from, to);
            assertArrayEquals(scalar, vector, "sigmoid");
            ScalarLoops.tanh(x, scalar, from, to);
            VectorLoops.tanh(x, vector, from, to);
            assertArrayEquals(scalar, vector, "tanh");
            boolean[] keep = new boolean[n];
            for (int i = 0; i < n; i++) {
                keep[i] = r.nextBoolean();
            }
            ScalarLoops.scaleByMask(keep, 1.25f, x, scalar, from, to);
            VectorLoops.scaleByMask(keep, 1.25f, x, vector, from, to);
            assertClose(scalar, vector, 0, 0, "scale by mask");
            java.util.Arrays.fill(scalar, 0f);
            java.util.Arrays.fill(vector, 0f);
            int yFrom = n - (to - from);
            double scalarSum = ScalarLoops.expShifted(x, from, to, 3f, scalar, yFrom);
            double vectorSum = VectorLoops.expShifted(x, from, to, 3f, vector, yFrom);
            assertArrayEquals(scalar, vector, "exp shifted");
            assertEquals(scalarSum, vectorSum, 0, "the same sum, bit for bit");
            assertEquals(scalarSum, ScalarLoops.sumExpShifted(x, from, to, 3f), 0);
            assertEquals(scalarSum, VectorLoops.sumExpShifted(x, from, to, 3f), 0);
        }
    }

    @Test
    void reductionsMatchADoubleSumOnLongRanges() {
        SplittableRandom r = new SplittableRandom(32);
        for (int n : new int[] {0, 1, 17, 1000, 5 * VectorLoops.BLOCK + 3, 200_000}) {
            float[] x = Close.randomFloats(r, n + 9);
            float[] g = Close.randomFloats(r, n + 9);
            for (int i = 0; i < x.length; i++) {
                x[i] += 3; // a mean far from zero, as activations have
            }
            int from = 5;
            int to = 5 + n;
            double sum = 0;
            double squares = 0;
            double product = 0;
            double max = Double.NEGATIVE_INFINITY;
            double magnitude = 0;
            float mean = 3.1f;
            for (int i = from; i < to; i++) {
                sum += x[i];
                squares += (x[i] - (double) mean) * (x[i] - (double) mean);
                product += g[i] * (x[i] - (double) mean);
                max = Math.max(max, x[i]);
                magnitude += Math.abs(x[i]) * (1 + Math.abs(g[i]) + Math.abs(x[i] - mean));
            }
            // Float lanes summing at most BLOCK / lanes terms each: relative rounding below 64 * 2^-24 of the
            // magnitudes summed.
            double tolerance = 4e-6 * magnitude + 1e-12;
            assertEquals(sum, Loops.sum(x, from, to), tolerance, "sum " + n);
            assertEquals(squares, Loops.sumSquaredDeviation(x, from, to, mean), tolerance, "squares " + n);
            assertEquals(product, Loops.sumProductDeviation(g, x, from, to, mean), tolerance, "product " + n);
            assertEquals((float) max, Loops.max(x, from, to), "max " + n);
            assertEquals((float) max, ScalarLoops.max(x, from, to), "scalar max " + n);
            // the vector loops add the same values in the same order as the scalar ones, at every width
            assertEquals(ScalarLoops.sum(x, from, to), Loops.sum(x, from, to), 0, "sum " + n);
            assertEquals(ScalarLoops.sumSquaredDeviation(x, from, to, mean),
                    Loops.sumSquaredDeviation(x, from, to, mean), 0, "squares " + n);
            assertEquals(ScalarLoops.sumProductDeviation(g, x, from, to, mean),
                    Loops.sumProductDeviation(g, x, from, to, mean), 0, "product " + n);
        }
    }

    @Test
    void theSumsOrderIsFixedByTheElementsAlone() {
        // 16 lanes, blocks of 1024: with x[i] = 2^(i % 40), a sum's rounding shows the order it was taken in
        float[] x = new float[3000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.scalb(1.0, (i * 7) % 40 - 20);
        }
        for (int[] range : new int[][] {{0, 3000}, {3, 2999}, {17, 40}, {1000, 2100}, {5, 6}, {100, 115}, {7, 23}}) {
            double expected = 0;
            for (int start = range[0]; start < range[1]; start += 1024) {
                int end = Math.min(range[1], start + 1024);
                for (int lane = 0; lane < 16; lane++) {
                    float s = 0f;
                    for (int i = start + lane; i < end; i += 16) {
                        s += x[i];
                    }
                    expected += s;
                }
            }
            assertEquals(expected, Loops.sum(x, range[0], range[1]), 0, range[0] + ".." + range[1]);
        }
    }

    @Test
    void rangesShorterThanTheLanesGiveTheLanesBits() {
        // one element per lane at most: the 16-lane definition, computed here, whichever loop takes the range
        float[] x = new float[40];
        float[] g = new float[40];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.scalb(1.0 + i / 7.0, (i * 7) % 40 - 20);
            g[i] = (float) Math.scalb(-1.0 - i / 5.0, (i * 3) % 20 - 10);
        }
        x[4] = -0f;
        float mean = 0.3f;
        for (int[] range : new int[][] {{4, 5}, {3, 7}, {20, 35}, {0, 15}}) {
            double sum = 0;
            double squares = 0;
            double product = 0;
            for (int lane = 0; lane < 16; lane++) {
                int i = range[0] + lane;
                float s = 0f;
                float q = 0f;
                float p = 0f;
                if (i < range[1]) {
                    s += x[i];
                    q = Math.fma(x[i] - mean, x[i] - mean, q);
                    p = Math.fma(x[i] - mean, g[i], p);
                }
                sum += s;
                squares += q;
                product += p;
            }
            String at = range[0] + ".." + range[1];
            assertEquals(sum, Loops.sum(x, range[0], range[1]), 0, "sum " + at);
            assertEquals(squares, Loops.sumSquaredDeviation(x, range[0], range[1], mean), 0, "squares " + at);
            assertEquals(product, Loops.sumProductDeviation(g, x, range[0], range[1], mean), 0, "product " + at);
            if (Loops.VECTORIZED) {
                assertEquals(sum, VectorLoops.sum(x, range[0], range[1]), 0, "vector sum " + at);
                assertEquals(squares, VectorLoops.sumSquaredDeviation(x, range[0], range[1], mean), 0, at);
                assertEquals(product, VectorLoops.sumProductDeviation(g, x, range[0], range[1], mean), 0, at);
            }
        }
    }

    @Test
    void maxPropagatesNaN() {
        float[] x = new float[40];
        x[33] = Float.NaN;
        assertTrue(Float.isNaN(Loops.max(x, 0, 40)));
        assertTrue(Float.isNaN(ScalarLoops.max(x, 0, 40)));
    }
}
