package conv4j.optim;

import conv4j.nn.Param;
import java.util.List;

/**
 * Adam's update, shared by {@link Adam} and {@link AdamW}, which differ only in where weight decay enters. PyTorch's
 * formulas, with t the parameter's own step count:
 * <pre>
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g^2
 *   w = w - lr * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)
 * </pre>
 * eps is added outside the square root.
 */
abstract sealed class AdamFamily extends Optimizer permits Adam, AdamW {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean decoupled;

    AdamFamily(List<Param> params, double learningRate, double beta1, double beta2, double eps, Penalty penalty,
            boolean decoupled) {
        super(params, learningRate, penalty, "exp_avg", "exp_avg_sq");
        this.beta1 = Check.belowOne("beta1", beta1);
        this.beta2 = Check.belowOne("beta2", beta2);
        this.eps = Check.positive("eps", eps);
        this.decoupled = decoupled;
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    public double eps() {
        return eps;
    }

    @Override
    final void update(int index, Param param, float[] w, float[] grad, double lr, long paramStep) {
        float[] m = buffer(0, index);
        float[] v = buffer(1, index);
        if (m == null) {
            m = allocateBuffer(0, index);
            v = allocateBuffer(1, index);
        }
        double l2 = penalty().l2Coefficient(param);
        double l1 = penalty().l1Coefficient(param);
        // AdamW shrinks the weight directly instead of passing the decay through the moment estimates, which would
        // divide it by sqrt(v) and so decay rarely-updated weights more than the others.
        double coupledL2 = decoupled ? 0 : l2;
        double shrink = decoupled ? 1 - lr * l2 : 1;
        double stepSize = lr / (1 - Math.pow(beta1, paramStep));
        double correction2Sqrt = Math.sqrt(1 - Math.pow(beta2, paramStep));
        for (int k = 0; k < w.length; k++) {
            double wk = w[k];
            double g = grad[k] + coupledL2 * wk + l1 * Math.signum(wk);
            double mk = beta1 * m[k] + (1 - beta1) * g;
            double vk = beta2 * v[k] + (1 - beta2) * g * g;
            m[k] = (float) mk;
            v[k] = (float) vk;
            w[k] = (float) (wk * shrink - stepSize * mk / (Math.sqrt(vk) / correction2Sqrt + eps));
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(lr=" + learningRate() + ", betas=(" + beta1 + ", " + beta2 + "), eps="
                + eps + penaltyText() + ")";
    }
}
