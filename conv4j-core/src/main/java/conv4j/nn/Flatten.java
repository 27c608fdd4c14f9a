package conv4j.nn;

import conv4j.autograd.Ops;
import conv4j.autograd.Variable;
import conv4j.tensor.Shape;

/** N x C x H x W to N x (C * H * W): the bridge from feature maps to fully connected layers. */
public final class Flatten extends Module {

    @Override
    public Variable forward(Variable input) {
        return Ops.reshape(input, outputShape(input.shape()));
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() < 2) {
            throw inputError("an input with a batch dimension and at least one more", input);
        }
        return Shape.of(input.dim(0), input.sizeFrom(1));
    }
}
