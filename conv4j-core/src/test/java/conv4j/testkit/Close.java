package conv4j.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;

/** Float comparisons with numpy's allclose rule, |a - e| <= atol + rtol * |e|, and random test data. */
public final class Close {
    private Close() {
    }

    public static void assertClose(float[] expected, float[] actual, double rtol, double atol, String what) {
        if (expected.length != actual.length) {
            fail(what + ": expected " + expected.length + " values, got " + actual.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
                fail(String.format("%s: index %d expected %.8g, got %.8g (rtol %.1e, atol %.1e)",
                        what, i, e, a, rtol, atol));
            }
        }
    }

    public static void assertClose(double[] expected, float[] actual, double rtol, double atol, String what) {
        assertClose(toFloat(expected), actual, rtol, atol, what);
    }

    public static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    public static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    /** Uniform values in [-1, 1). */
    public static double[] randomDoubles(SplittableRandom r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble(-1, 1);
        }
        return x;
    }

    public static float[] randomFloats(SplittableRandom r, int n) {
        return toFloat(randomDoubles(r, n));
    }
}
