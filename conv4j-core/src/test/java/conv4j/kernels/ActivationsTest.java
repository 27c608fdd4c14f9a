package conv4j.kernels;

import static conv4j.testkit.Close.assertClose;
import static conv4j.testkit.Close.toFloat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.testkit.GradientCheck;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class ActivationsTest {
    private static final float ALPHA = 0.01f;

    @Test
    void reluAndItsDerivativeAtChosenPoints() {
        float[] x = {-1f, 0f, 2.5f};
        float[] y = new float[3];
        Activations.relu(x, y);
        assertArrayEquals(new float[] {0f, 0f, 2.5f}, y);
        float[] dx = new float[3];
        Activations.reluBackward(x, new float[] {1, 1, 1}, dx);
        assertArrayEquals(new float[] {0f, 0f, 1f}, dx, "relu'(0) is 0");
    }

    @Test
    void leakyReluAndItsDerivativeAtChosenPoints() {
        float[] y = new float[3];
        Activations.leakyRelu(ALPHA, new float[] {-2f, 0f, 3f}, y);
        assertEquals(-0.02f, y[0], 1e-9f);
        assertEquals(0f, y[1]);
        assertEquals(3f, y[2]);
        float[] dx = new float[3];
        Activations.leakyReluBackward(ALPHA, new float[] {-2f, 0f, 3f}, new float[] {1, 1, 1}, dx);
        assertArrayEquals(new float[] {ALPHA, ALPHA, 1f}, dx, "leaky'(x) is alpha for x <= 0");
    }

    @Test
    void sigmoidAndTanhAtChosenPointsMatchTheirExponentialFormulas() {
        double[] points = {-3, -0.5, 0, 0.5, 2, 7};
        float[] x = toFloat(points);
        float[] sigmoid = new float[x.length];
        float[] tanh = new float[x.length];
        Activations.sigmoid(x, sigmoid);
        Activations.tanh(x, tanh);
        float[] sigmoidGrad = new float[x.length];
        float[] tanhGrad = new float[x.length];
        float[] ones = new float[x.length];
        java.util.Arrays.fill(ones, 1f);
        Activations.sigmoidBackward(sigmoid, ones, sigmoidGrad);
        Activations.tanhBackward(tanh, ones, tanhGrad);
        for (int i = 0; i < points.length; i++) {
            double p = points[i];
            double s = 1 / (1 + Math.exp(-p));
            double t = (Math.exp(2 * p) - 1) / (Math.exp(2 * p) + 1);
            assertEquals(s, sigmoid[i], 1e-6, "sigmoid(" + p + ")");
            assertEquals(t, tanh[i], 1e-6, "tanh(" + p + ")");
            assertEquals(Math.exp(-p) / Math.pow(1 + Math.exp(-p), 2), sigmoidGrad[i], 1e-6, "sigmoid'(" + p + ")");
            assertEquals(4 / Math.pow(Math.exp(p) + Math.exp(-p), 2), tanhGrad[i], 1e-6, "tanh'(" + p + ")");
        }
        assertEquals(0.5f, sigmoid[2]);
        assertEquals(0f, tanh[2]);
    }

    @Test
    void sigmoidAndTanhStayFiniteForLargeInputs() {
        float[] x = {-1000f, -100f, -89f, 89f, 100f, 1000f, Float.MAX_VALUE, -Float.MAX_VALUE};
        float[] y = new float[x.length];
        Activations.sigmoid(x, y);
        for (float v : y) {
            assertTrue(Float.isFinite(v) && v >= 0f && v <= 1f, "sigmoid gave " + v);
        }
        assertEquals(0f, y[0]);
        assertTrue(y[1] < 1e-40f);
        assertEquals(1f, y[4]);
        assertEquals(1f, y[5]);
        Activations.tanh(x, y);
        assertArrayEquals(new float[] {-1, -1, -1, 1, 1, 1, 1, -1}, y);
    }

    @Test
    void reluKeepsNaN() {
        float[] y = new float[1];
        Activations.relu(new float[] {Float.NaN}, y);
        assertTrue(Float.isNaN(y[0]));
    }

    @Test
    void referenceDerivativesPassGradientChecksAwayFromTheKink() {
        SplittableRandom r = new SplittableRandom(21);
        double[] x = awayFromZero(r, 200);
        double[] dy = conv4j.testkit.Close.randomDoubles(r, x.length);
        check("relu", ActivationsReference::relu, ActivationsReference::reluDerivative, x, dy);
        check("leaky relu", v -> ActivationsReference.leakyRelu(ALPHA, v),
                v -> ActivationsReference.leakyReluDerivative(ALPHA, v), x, dy);
        check("sigmoid", ActivationsReference::sigmoid, ActivationsReference::sigmoidDerivative, x, dy);
        check("tanh", ActivationsReference::tanh, ActivationsReference::tanhDerivative, x, dy);
    }

    @Test
    void forwardAndBackwardMatchTheReferenceOnRandomLengths() {
        SplittableRandom r = new SplittableRandom(22);
        // Lengths around the vector width, odd tails, and one large enough to be split over the pool.
        int[] lengths = {1, 15, 16, 17, 33, 100, 1023, 3 * Activations.GRAIN + 7};
        for (int n : lengths) {
            double[] x = awayFromZero(r, n);
            for (int i = 0; i < n; i++) {
                x[i] *= 6; // the whole useful range of sigmoid and tanh
            }
            double[] dy = conv4j.testkit.Close.randomDoubles(r, n);
            float[] xf = toFloat(x);
            float[] dyf = toFloat(dy);
            float[] y = new float[n];
            float[] dx = new float[n];

            Activations.relu(xf, y);
            assertClose(ActivationsReference.map(ActivationsReference::relu, x), y, 1e-6, 0, "relu " + n);
            Activations.reluBackward(xf, dyf, dx);
            assertClose(ActivationsReference.backward(ActivationsReference::reluDerivative, x, dy), dx, 1e-6, 0,
                    "relu backward " + n);

            Activations.leakyRelu(ALPHA, xf, y);
            assertClose(ActivationsReference.map(v -> ActivationsReference.leakyRelu(ALPHA, v), x), y, 1e-6, 0,
                    "leaky relu " + n);
            Activations.leakyReluBackward(ALPHA, xf, dyf, dx);
            assertClose(ActivationsReference.backward(v -> ActivationsReference.leakyReluDerivative(ALPHA, v), x,
                    dy), dx, 1e-6, 0, "leaky relu backward " + n);

            Activations.sigmoid(xf, y);
            assertClose(ActivationsReference.map(ActivationsReference::sigmoid, x), y, 1e-5, 1e-7, "sigmoid " + n);
            Activations.sigmoidBackward(y, dyf, dx);
            assertClose(ActivationsReference.backward(ActivationsReference::sigmoidDerivative, x, dy), dx, 1e-4,
                    1e-6, "sigmoid backward " + n);

            Activations.tanh(xf, y);
            assertClose(ActivationsReference.map(ActivationsReference::tanh, x), y, 1e-5, 1e-7, "tanh " + n);
            Activations.tanhBackward(y, dyf, dx);
            // 1 - y^2 loses relative accuracy where y is near 1; the absolute error stays at float rounding.
            assertClose(ActivationsReference.backward(ActivationsReference::tanhDerivative, x, dy), dx, 1e-4,
                    1e-6, "tanh backward " + n);
        }
    }

    @Test
    void forwardWorksInPlace() {
        float[] x = {-1f, 2f, -3f};
        Activations.relu(x, x);
        assertArrayEquals(new float[] {0f, 2f, 0f}, x);
    }

    @Test
    void mismatchedLengthsAreRefusedNamingBothLengths() {
        var e = assertThrows(IllegalArgumentException.class, () -> Activations.relu(new float[3], new float[4]));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("4"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Activations.sigmoidBackward(new float[3], new float[3], new float[2]));
        assertThrows(IllegalArgumentException.class,
                () -> Activations.leakyReluBackward(ALPHA, new float[3], new float[5], new float[3]));
        assertThrows(IllegalArgumentException.class, () -> Activations.tanh(null, new float[1]));
    }

    private static void check(String what, DoubleUnaryOperator f, DoubleUnaryOperator derivative, double[] x,
                              double[] dy) {
        GradientCheck.Result result = GradientCheck.checkVjp(v -> ActivationsReference.map(f, v), x, dy,
                ActivationsReference.backward(derivative, x, dy));
        assertTrue(result.passes(), what + ": " + result);
    }

    /** Uniform in [-1, 1] with |x| >= 0.01, so a central difference never straddles the ReLU kink. */
    private static double[] awayFromZero(SplittableRandom r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double magnitude = r.nextDouble(0.01, 1);
            x[i] = r.nextBoolean() ? magnitude : -magnitude;
        }
        return x;
    }
}
