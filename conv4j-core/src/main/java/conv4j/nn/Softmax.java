package conv4j.nn;

import conv4j.autograd.ActivationOps;
import conv4j.autograd.Variable;
import conv4j.tensor.Shape;

/**
 * Class probabilities from scores, per row of an N x classes input. For training, feed the scores to
 * {@link CrossEntropyLoss} instead, which fuses the softmax with the loss.
 */
public final class Softmax extends Module {
    @Override
    public Variable forward(Variable input) {
        outputShape(input.shape());
        return ActivationOps.softmax(input);
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 2) {
            throw inputError("an N x classes input", input);
        }
        return input;
    }
}
