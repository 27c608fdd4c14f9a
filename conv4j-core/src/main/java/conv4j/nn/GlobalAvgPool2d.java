package conv4j.nn;

import conv4j.autograd.PoolOps;
import conv4j.autograd.Variable;
import conv4j.tensor.Shape;

/** The mean of each feature map: N x C x H x W to N x C, in place of large fully connected layers (GoogLeNet). */
public final class GlobalAvgPool2d extends Module {

    @Override
    public Variable forward(Variable input) {
        outputShape(input.shape());
        return PoolOps.globalAvgPool(input);
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 4) {
            throw inputError("an N x C x H x W input", input);
        }
        return Shape.of(input.dim(0), input.dim(1));
    }
}
