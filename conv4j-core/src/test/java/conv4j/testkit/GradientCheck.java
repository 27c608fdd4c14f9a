package conv4j.testkit;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Central-difference gradient checks in double precision (eps 1e-6, max relative error 1e-3: the bar DL4J and
 * PyTorch's gradcheck use). Relative error is |a - n| / (|a| + |n|); entries whose absolute error is below 1e-9 pass,
 * because there both values are zero up to rounding.
 */
public final class GradientCheck {
    public static final double EPS = 1e-6;
    public static final double MAX_RELATIVE_ERROR = 1e-3;
    private static final double ABSOLUTE_FLOOR = 1e-9;

    private GradientCheck() {
    }

    /** The worst entry of one comparison. */
    public record Result(double maxRelativeError, int worstIndex, double analytic, double numeric) {
        public boolean passes() {
            return maxRelativeError <= MAX_RELATIVE_ERROR;
        }

        @Override
        public String toString() {
            return String.format("max relative error %.3e at index %d (analytic %.10g, numeric %.10g)",
                    maxRelativeError, worstIndex, analytic, numeric);
        }
    }

    /** Numeric gradient of a scalar function at {@code x} (x is restored afterwards). */
    public static double[] numericGradient(ToDoubleFunction<double[]> f, double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double saved = x[i];
            x[i] = saved + EPS;
            double plus = f.applyAsDouble(x);
            x[i] = saved - EPS;
            double minus = f.applyAsDouble(x);
            x[i] = saved;
            g[i] = (plus - minus) / (2 * EPS);
        }
        return g;
    }

    /** Compares an analytic gradient of a scalar function with central differences. */
    public static Result check(ToDoubleFunction<double[]> f, double[] x, double[] analytic) {
        return compare(analytic, numericGradient(f, x));
    }

    /**
     * Checks a vector-Jacobian product: for {@code y = forward(x)} and upstream gradient {@code dy}, the analytic
     * {@code dx} must equal the gradient of {@code sum(y * dy)} with respect to x.
     */
    public static Result checkVjp(Function<double[], double[]> forward, double[] x, double[] dy, double[] dx) {
        return check(v -> dot(forward.apply(v), dy), x, dx);
    }

    public static Result compare(double[] analytic, double[] numeric) {
        if (analytic.length != numeric.length) {
            throw new IllegalArgumentException("analytic gradient has " + analytic.length + " entries, numeric "
                    + numeric.length);
        }
        double worst = 0;
        int worstIndex = -1;
        for (int i = 0; i < analytic.length; i++) {
            double a = analytic[i];
            double n = numeric[i];
            double abs = Math.abs(a - n);
            double rel = abs < ABSOLUTE_FLOOR ? 0 : abs / (Math.abs(a) + Math.abs(n));
            if (Double.isNaN(a) || Double.isNaN(n)) {
                rel = Double.POSITIVE_INFINITY;
            }
            if (worstIndex < 0 || rel > worst) {
                worst = rel;
                worstIndex = i;
            }
        }
        return worstIndex < 0 ? new Result(0, -1, 0, 0)
                : new Result(worst, worstIndex, analytic[worstIndex], numeric[worstIndex]);
    }

    public static double dot(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("dot of lengths " + a.length + " and " + b.length);
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
