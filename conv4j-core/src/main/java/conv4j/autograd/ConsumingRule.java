package conv4j.autograd;

import conv4j.tensor.Tensor;

/**
 * A backward rule that may overwrite the output gradient it receives and hand that array on as its input's gradient.
 * {@link Variable#backward()} gives it the gradient when nothing else will read it (an intermediate result whose
 * gradient is not retained), which saves allocating and zero-filling one array per elementwise op; elsewhere the
 * rule works on a copy.
 */
@FunctionalInterface
interface ConsumingRule extends BackwardRule {

    /** Sends {@code gradOutput} back, free to overwrite it and to pass it on through addOwnedGrad. */
    void backwardConsuming(Tensor gradOutput);

    @Override
    default void backward(Tensor gradOutput) {
        backwardConsuming(gradOutput.copy());
    }
}
