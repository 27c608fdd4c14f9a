package conv4j.nn;

import conv4j.autograd.LossOps;
import conv4j.autograd.Variable;
import conv4j.tensor.Tensor;

/** Mean squared error over all elements. */
public final class MSELoss {
    public Variable forward(Variable prediction, Tensor target) {
        return LossOps.mse(prediction, target);
    }
}
