package conv4j.testkit;

import conv4j.autograd.Grad;
import conv4j.autograd.Ops;
import conv4j.autograd.Variable;
import conv4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Checks the autograd wiring of an op or layer in float32, the precision the engine computes in: the gradient that
 * backward() delivers to each input against central differences of sum(f(x) * r) for a fixed random r. Float
 * rounding limits this to about 1e-2 relative error with eps 1e-3; the tight double-precision bar applies to the
 * kernels' reference twins, which these ops call.
 */
public final class FloatGradientCheck {
    public static final double EPS = 1e-3;
    public static final double MAX_RELATIVE_ERROR = 1e-2;
    private static final double ABSOLUTE_FLOOR = 2e-4;

    private FloatGradientCheck() {
    }

    /** The worst relative error over every element of every input. */
    public static GradientCheck.Result check(Function<List<Variable>, Variable> f, List<Tensor> inputs, long seed) {
        List<Variable> vars = new ArrayList<>();
        for (Tensor t : inputs) {
            vars.add(Variable.parameter(t));
        }
        Variable y = f.apply(vars);
        SplittableRandom random = new SplittableRandom(seed);
        Tensor r = Tensor.zeros(y.shape());
        for (int i = 0; i < r.size(); i++) {
            r.data()[i] = (float) random.nextDouble(-1, 1);
        }
        Ops.sum(Ops.mul(y, Variable.of(r))).backward();

        double worst = 0;
        int worstIndex = -1;
        double worstA = 0;
        double worstN = 0;
        int flat = 0;
        for (int v = 0; v < inputs.size(); v++) {
            float[] x = inputs.get(v).data();
            Tensor g = vars.get(v).grad();
            for (int i = 0; i < x.length; i++, flat++) {
                float saved = x[i];
                x[i] = (float) (saved + EPS);
                double plus = weightedSum(f, inputs, r);
                x[i] = (float) (saved - EPS);
                double minus = weightedSum(f, inputs, r);
                x[i] = saved;
                double numeric = (plus - minus) / (2 * EPS);
                double analytic = g == null ? 0 : g.data()[i];
                double abs = Math.abs(analytic - numeric);
                double rel = abs < ABSOLUTE_FLOOR ? 0 : abs / (Math.abs(analytic) + Math.abs(numeric));
                if (Double.isNaN(analytic) || Double.isNaN(numeric)) {
                    rel = Double.POSITIVE_INFINITY;
                }
                if (worstIndex < 0 || rel > worst) {
                    worst = rel;
                    worstIndex = flat;
                    worstA = analytic;
                    worstN = numeric;
                }
            }
        }
        return new GradientCheck.Result(worst, worstIndex, worstA, worstN);
    }

    public static boolean passes(GradientCheck.Result r) {
        return r.maxRelativeError() <= MAX_RELATIVE_ERROR;
    }

    private static double weightedSum(Function<List<Variable>, Variable> f, List<Tensor> inputs, Tensor r) {
        try (Grad.Scope ignored = Grad.disabled()) {
            List<Variable> vars = new ArrayList<>();
            for (Tensor t : inputs) {
                vars.add(Variable.of(t));
            }
            float[] y = f.apply(vars).value().data();
            double s = 0;
            for (int i = 0; i < y.length; i++) {
                s += (double) y[i] * r.data()[i];
            }
            return s;
        }
    }

    /** A tensor of uniform values in [-1, 1). */
    public static Tensor random(SplittableRandom random, int... dims) {
        Tensor t = Tensor.zeros(dims);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = (float) random.nextDouble(-1, 1);
        }
        return t;
    }
}
