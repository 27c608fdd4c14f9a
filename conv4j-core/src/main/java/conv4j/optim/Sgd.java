package conv4j.optim;

import conv4j.nn.Param;
import java.util.List;

/**
 * Stochastic gradient descent with optional momentum and Nesterov momentum, PyTorch's {@code torch.optim.SGD} with
 * dampening 0:
 * <pre>
 *   g = grad + weightDecay * m2 * w + l1 * m1 * sign(w)
 *   v = momentum * v + g          (v = g on a parameter's first step)
 *   g = nesterov ? g + momentum * v : v
 *   w = w - lr * g
 * </pre>
 * with m1, m2 the parameter's penalty multipliers. Without momentum there is no buffer and the update is
 * {@code w -= lr * g}.
 */
public final class Sgd extends Optimizer {
    private final double momentum;
    private final boolean nesterov;

    /** Plain gradient descent: {@code w -= lr * grad}. */
    public Sgd(List<Param> params, double learningRate) {
        this(params, learningRate, 0, false, Penalty.none());
    }

    public Sgd(List<Param> params, double learningRate, double momentum) {
        this(params, learningRate, momentum, false, Penalty.none());
    }

    public Sgd(List<Param> params, double learningRate, double momentum, boolean nesterov, Penalty penalty) {
        super(params, learningRate, penalty, bufferNames(momentum));
        this.momentum = momentum;
        this.nesterov = nesterov;
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("Nesterov momentum needs momentum > 0, received " + momentum);
        }
    }

    private static String[] bufferNames(double momentum) {
        Check.belowOne("momentum", momentum);
        return momentum == 0 ? new String[0] : new String[] {"momentum_buffer"};
    }

    public double momentum() {
        return momentum;
    }

    public boolean nesterov() {
        return nesterov;
    }

    @Override
    void update(int index, Param param, float[] w, float[] grad, double lr, long paramStep) {
        double l2 = penalty().l2Coefficient(param);
        double l1 = penalty().l1Coefficient(param);
        if (momentum == 0) {
            for (int k = 0; k < w.length; k++) {
                double g = grad[k] + l2 * w[k] + l1 * Math.signum(w[k]);
                w[k] = (float) (w[k] - lr * g);
            }
            return;
        }
        float[] v = buffer(0, index);
        boolean first = v == null;
        if (first) {
            v = allocateBuffer(0, index);
        }
        for (int k = 0; k < w.length; k++) {
            double g = grad[k] + l2 * w[k] + l1 * Math.signum(w[k]);
            double vk = first ? g : momentum * v[k] + g;
            v[k] = (float) vk;
            double d = nesterov ? g + momentum * vk : vk;
            w[k] = (float) (w[k] - lr * d);
        }
    }

    @Override
    public String toString() {
        return "Sgd(lr=" + learningRate() + (momentum == 0 ? "" : ", momentum=" + momentum)
                + (nesterov ? ", nesterov" : "") + penaltyText() + ")";
    }
}
