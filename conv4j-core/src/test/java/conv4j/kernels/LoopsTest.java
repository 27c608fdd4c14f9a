package conv4j.kernels;

import static conv4j.testkit.Close.assertClose;
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
            assertClose(scalar, vector, 1e-6, 1e-7, "sigmoid");
            ScalarLoops.tanh(x, scalar, from, to);
            VectorLoops.tanh(x, vector, from, to);
            assertClose(scalar, vector, 1e-6, 1e-7, "tanh");
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
            assertClose(scalar, vector, 1e-6, 0, "exp shifted");
            assertEquals(scalarSum, vectorSum, 1e-6 * Math.abs(scalarSum));
            assertEquals(scalarSum, ScalarLoops.sumExpShifted(x, from, to, 3f), 1e-12 * Math.abs(scalarSum));
            assertEquals(scalarSum, VectorLoops.sumExpShifted(x, from, to, 3f), 1e-6 * Math.abs(scalarSum));
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
            assertEquals(sum, ScalarLoops.sum(x, from, to), 1e-12 * magnitude, "scalar sum " + n);
            assertEquals((float) max, ScalarLoops.max(x, from, to), "scalar max " + n);
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
