package conv4j.optim;

import conv4j.nn.Param;
import java.util.Collection;

/**
 * The L1 and L2 penalties an optimizer adds to each parameter's gradient, scaled per parameter by
 * {@link Param#l1Multiplier()} and {@link Param#l2Multiplier()} (0 for biases and normalisation parameters, so only
 * weights are decayed by default).
 *
 * <p>L2 follows PyTorch's {@code weight_decay}: the gradient gains {@code weightDecay * w}, which is the gradient of
 * {@code (weightDecay / 2) * sum w^2}. The lecture writes the regularised loss as
 * {@code L = (1/N) sum_i L_i + lambda * sum_j w_j^2}, whose gradient is {@code 2 * lambda * w}: so
 * {@code weightDecay = 2 * lambda} ({@link #ofLambda}). L1 adds {@code l1 * sign(w)} (sign(0) = 0), the gradient of
 * {@code l1 * sum |w|}, so there {@code l1} is the lecture's lambda itself.
 */
public record Penalty(double l1, double weightDecay) {
    private static final Penalty NONE = new Penalty(0, 0);

    public Penalty {
        Check.nonNegative("l1", l1);
        Check.nonNegative("weight decay", weightDecay);
    }

    public static Penalty none() {
        return NONE;
    }

    public static Penalty ofWeightDecay(double weightDecay) {
        return new Penalty(0, weightDecay);
    }

    public static Penalty ofL1(double l1) {
        return new Penalty(l1, 0);
    }

    /** The lecture's L2 term {@code lambda * sum w^2}: weight decay {@code 2 * lambda}. */
    public static Penalty ofLambda(double lambda) {
        Check.nonNegative("lambda", lambda);
        return new Penalty(0, 2 * lambda);
    }

    public boolean isNone() {
        return l1 == 0 && weightDecay == 0;
    }

    /**
     * The penalty's contribution to the loss, {@code (weightDecay/2) sum m2 w^2 + l1 sum m1 |w|} with each parameter's
     * multipliers, so that a training loop can report the regularised loss whose gradient the optimizer follows.
     */
    public double value(Collection<Param> params) {
        double squares = 0;
        double absolutes = 0;
        for (Param p : params) {
            double m2 = p.l2Multiplier();
            double m1 = p.l1Multiplier();
            if (m2 == 0 && m1 == 0) {
                continue;
            }
            double s = 0;
            double a = 0;
            for (float w : p.value().data()) {
                s += (double) w * w;
                a += Math.abs(w);
            }
            squares += m2 * s;
            absolutes += m1 * a;
        }
        return 0.5 * weightDecay * squares + l1 * absolutes;
    }

    /** The coefficient of {@code w} this penalty adds to a parameter's gradient. */
    double l2Coefficient(Param p) {
        return weightDecay * p.l2Multiplier();
    }

    /** The coefficient of {@code sign(w)} this penalty adds to a parameter's gradient. */
    double l1Coefficient(Param p) {
        return l1 * p.l1Multiplier();
    }
}
