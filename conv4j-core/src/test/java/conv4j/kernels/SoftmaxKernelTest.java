package conv4j.kernels;

import static conv4j.testkit.Close.assertClose;
import static conv4j.testkit.Close.toFloat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.testkit.Close;
import conv4j.testkit.GradientCheck;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SoftmaxKernelTest {

    @Test
    void softmaxOfASmallVectorMatchesTheHandComputedAnswer() {
        // e^0, e^1, e^2 over their sum 1 + e + e^2 = 11.107337927...
        float[] y = new float[3];
        SoftmaxKernel.softmax(1, 3, new float[] {0f, 1f, 2f}, y);
        assertClose(new float[] {0.09003057f, 0.24472847f, 0.66524096f}, y, 1e-6, 0, "softmax [0, 1, 2]");
        // Shifting the logits changes nothing.
        SoftmaxKernel.softmax(1, 3, new float[] {100f, 101f, 102f}, y);
        assertClose(new float[] {0.09003057f, 0.24472847f, 0.66524096f}, y, 1e-6, 0, "softmax [100, 101, 102]");
    }

    @Test
    void softmaxOfHugeEqualLogitsIsFiniteAndUniform() {
        float[] y = new float[3];
        SoftmaxKernel.softmax(1, 3, new float[] {1000f, 1000f, 1000f}, y);
        for (float v : y) {
            assertEquals(1f / 3, v, 1e-7f);
        }
        SoftmaxKernel.logSoftmax(1, 3, new float[] {1000f, 1000f, 1000f}, y);
        for (float v : y) {
            assertEquals(-Math.log(3), v, 1e-6);
        }
    }

    @Test
    void logSoftmaxOfAVeryUnlikelyClassIsFinite() {
        float[] y = new float[2];
        SoftmaxKernel.logSoftmax(1, 2, new float[] {0f, 200f}, y);
        assertEquals(-200f, y[0], 1e-4f);
        assertEquals(0f, y[1], 1e-6f);
    }

    @Test
    void referenceBackwardPassesGradientChecks() {
        SplittableRandom r = new SplittableRandom(41);
        for (int trial = 0; trial < 10; trial++) {
            int rows = r.nextInt(1, 5);
            int cols = r.nextInt(1, 8);
            double[] x = scaled(Close.randomDoubles(r, rows * cols), 3);
            double[] dy = Close.randomDoubles(r, rows * cols);
            assertPasses(GradientCheck.checkVjp(v -> SoftmaxReference.softmax(rows, cols, v), x, dy,
                    SoftmaxReference.softmaxBackward(rows, cols, x, dy)), "softmax");
            assertPasses(GradientCheck.checkVjp(v -> SoftmaxReference.logSoftmax(rows, cols, v), x, dy,
                    SoftmaxReference.logSoftmaxBackward(rows, cols, x, dy)), "log-softmax");
        }
    }

    @Test
    void forwardAndBackwardMatchTheReference() {
        SplittableRandom r = new SplittableRandom(42);
        int[][] shapes = {{1, 1}, {1, 3}, {7, 10}, {5, 17}, {3, 1000}, {64, 1000}, {33, 65}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int cols = shape[1];
            double[] x = scaled(Close.randomDoubles(r, rows * cols), 10);
            double[] dy = Close.randomDoubles(r, rows * cols);
            float[] y = new float[rows * cols];
            float[] dx = new float[rows * cols];
            String what = rows + "x" + cols;

            SoftmaxKernel.softmax(rows, cols, toFloat(x), y);
            assertClose(SoftmaxReference.softmax(rows, cols, x), y, 1e-4, 1e-7, "softmax " + what);
            SoftmaxKernel.softmaxBackward(rows, cols, y, toFloat(dy), dx);
            assertClose(SoftmaxReference.softmaxBackward(rows, cols, x, dy), dx, 1e-4, 1e-6,
                    "softmax backward " + what);

            SoftmaxKernel.logSoftmax(rows, cols, toFloat(x), y);
            assertClose(SoftmaxReference.logSoftmax(rows, cols, x), y, 1e-4, 1e-5, "log-softmax " + what);
            SoftmaxKernel.logSoftmaxBackward(rows, cols, y, toFloat(dy), dx);
            // dy - p * sum(dy): the sum runs over up to 1000 values of |dy| <= 1, so allow its float rounding.
            assertClose(SoftmaxReference.logSoftmaxBackward(rows, cols, x, dy), dx, 1e-4, 1e-5,
                    "log-softmax backward " + what);
        }
    }

    @Test
    void worksInPlace() {
        float[] x = {0f, 1f, 2f, 5f, -1f, 3f};
        SoftmaxKernel.softmax(2, 3, x, x);
        double[] original = {0, 1, 2, 5, -1, 3};
        assertClose(SoftmaxReference.softmax(2, 3, original), x, 1e-6, 0, "softmax in place");
        float[] z = Close.toFloat(original);
        SoftmaxKernel.logSoftmax(2, 3, z, z);
        assertClose(SoftmaxReference.logSoftmax(2, 3, original), z, 1e-6, 1e-7, "log-softmax in place");
    }

    @Test
    void wrongSizesAreRefusedNamingTheValue() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxKernel.softmax(2, 3, new float[5], new float[6]));
        assertTrue(e.getMessage().contains("5") && e.getMessage().contains("6"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxKernel.logSoftmax(0, 3, new float[0], new float[0]));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SoftmaxKernel.softmaxBackward(2, 3, new float[6], new float[6], new float[7]));
    }

    static double[] scaled(double[] x, double factor) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= factor;
        }
        return x;
    }

    static void assertPasses(GradientCheck.Result result, String what) {
        assertTrue(result.passes(), what + ": " + result);
    }
}
