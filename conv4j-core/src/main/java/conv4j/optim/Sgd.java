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

    // Float arithmetic, as in PyTorch, in loops the JIT vectorises: the step is memory-bound, and the same loop in
    // double arithmetic measured several times slower. sign(w) does not vectorise, so L1 takes a loop of its own.
    @Override
    void update(int index, Param param, float[] w, float[] grad, double lr, long paramStep, int from, int to) {
        float rate = (float) lr;
        float l2 = (float) penalty().l2Coefficient(param);
        float l1 = (float) penalty().l1Coefficient(param);
        float mu = (float) momentum;
        // Allocated as zeros before the first step, so that mu * v + g below is exactly g: PyTorch's v = g then.
        float[] v = momentum == 0 ? null : buffer(0, index);
        if (l1 != 0) {
            for (int k = from; k < to; k++) {
                float g = grad[k] + l2 * w[k] + l1 * Math.signum(w[k]);
                if (v != null) {
                    float vk = mu * v[k] + g;
                    v[k] = vk;
                    g = nesterov ? g + mu * vk : vk;
                }
                w[k] -= rate * g;
            }
        } else if (v == null) {
            for (int k = from; k < to; k++) {
                w[k] -= rate * (grad[k] + l2 * w[k]);
            }
        } else if (nesterov) {
            for (int k = from; k < to; k++) {
                float g = grad[k] + l2 * w[k];
                float vk = mu * v[k] + g;
                v[k] = vk;
                w[k] -= rate * (g + mu * vk);
            }
        } else {
            for (int k = from; k < to; k++) {
                float vk = mu * v[k] + grad[k] + l2 * w[k];
                v[k] = vk;
                w[k] -= rate * vk;
            }
        }
    }

    @Override
    public String toString() {
        return "Sgd(lr=" + learningRate() + (momentum == 0 ? "" : ", momentum=" + momentum)
                + (nesterov ? ", nesterov" : "") + penaltyText() + ")";
    }
}
