package conv4j.optim;

import conv4j.nn.Param;
import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), PyTorch's {@code torch.optim.AdamW}: before the Adam
 * update each weight shrinks by {@code w -= lr * weightDecay * m2 * w} (m2 its L2 multiplier), and the gradient the
 * moments see carries no L2 term. The L1 term, which has no decoupled form, is still added to the gradient.
 */
public final class AdamW extends AdamFamily {

    /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, weight decay 0.01. */
    public AdamW(List<Param> params, double learningRate) {
        this(params, learningRate, 0.9, 0.999, 1e-8, Penalty.ofWeightDecay(0.01));
    }

    public AdamW(List<Param> params, double learningRate, double beta1, double beta2, double eps, Penalty penalty) {
        super(params, learningRate, beta1, beta2, eps, penalty, true);
    }
}
