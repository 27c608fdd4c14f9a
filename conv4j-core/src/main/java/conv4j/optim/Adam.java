package conv4j.optim;

import conv4j.nn.Param;
import java.util.List;

/**
 * Adam (Kingma and Ba), PyTorch's {@code torch.optim.Adam} without amsgrad. The penalty is coupled: its L2 and L1
 * terms are added to the gradient before the moment estimates, as PyTorch's {@code weight_decay} does for Adam.
 */
public final class Adam extends AdamFamily {

    /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public Adam(List<Param> params, double learningRate) {
        this(params, learningRate, 0.9, 0.999, 1e-8, Penalty.none());
    }

    public Adam(List<Param> params, double learningRate, double beta1, double beta2, double eps, Penalty penalty) {
        super(params, learningRate, beta1, beta2, eps, penalty, false);
    }
}
