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

    // Float arithmetic in a loop the JIT vectorises, as in Sgd; the per-step scalars are formed in double.
    @Override
    final void update(int index, Param param, float[] w, float[] grad, double lr, long paramStep, int from,
                      int to) {
        float[] m = buffer(0, index);
        float[] v = buffer(1, index);
        double l2 = penalty().l2Coefficient(param);
        float l1 = (float) penalty().l1Coefficient(param);
        // AdamW shrinks the weight directly instead of passing the decay through the moment estimates, which would
        // divide it by sqrt(v) and so decay rarely-updated weights more than the others.
        float coupledL2 = decoupled ? 0f : (float) l2;
        float shrink = (float) (decoupled ? 1 - lr * l2 : 1);
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float oneMinusB1 = (float) (1 - beta1);
        float oneMinusB2 = (float) (1 - beta2);
        float stepSize = (float) (lr / (1 - Math.pow(beta1, paramStep)));
        float invCorrection2Sqrt = (float) (1 / Math.sqrt(1 - Math.pow(beta2, paramStep)));
        float epsF = (float) eps;
        if (l1 != 0) {
            for (int k = from; k < to; k++) {
                float wk = w[k];
                float g = grad[k] + coupledL2 * wk + l1 * Math.signum(wk);
                float mk = b1 * m[k] + oneMinusB1 * g;
                float vk = b2 * v[k] + oneMinusB2 * g * g;
                m[k] = mk;
                v[k] = vk;
                w[k] = wk * shrink - stepSize * mk / ((float) Math.sqrt(vk) * invCorrection2Sqrt + epsF);
            }
        } else {
            for (int k = from; k < to; k++) {
                float wk = w[k];
                float g = grad[k] + coupledL2 * wk;
                float mk = b1 * m[k] + oneMinusB1 * g;
                float vk = b2 * v[k] + oneMinusB2 * g * g;
                m[k] = mk;
                v[k] = vk;
                w[k] = wk * shrink - stepSize * mk / ((float) Math.sqrt(vk) * invCorrection2Sqrt + epsF);
            }
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(lr=" + learningRate() + ", betas=(" + beta1 + ", " + beta2 + "), eps="
                + eps + penaltyText() + ")";
    }
}
