package conv4j.autograd;

import conv4j.tensor.Tensor;

/**
 * How one recorded op sends the gradient of its output back to its inputs. It adds into each input that
 * {@link Variable#requiresGrad() requires a gradient}, through {@link Variable#addGrad} or
 * {@link Variable#addOwnedGrad}.
 */
@FunctionalInterface
public interface BackwardRule {
    void backward(Tensor gradOutput);
}
