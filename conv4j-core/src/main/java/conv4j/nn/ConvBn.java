package conv4j.nn;

import conv4j.autograd.ActivationOps;
import conv4j.autograd.Grad;
import conv4j.autograd.Variable;
import conv4j.kernels.Activations;

/**
 * The unit the residual blocks and GoogLeNet repeat: a convolution, its batch norm, often a ReLU. At inference (eval
 * mode, gradients off) with no hook on either layer, nothing but this unit ever sees the convolution's output, so the
 * batch norm and the ReLU overwrite it where it lies, as PyTorch's in-place ReLU does: two fewer activation-sized
 * arrays to allocate and zero per unit. Otherwise each layer runs as in training.
 */
final class ConvBn {
    private ConvBn() {
    }

    /** True when {@link #apply} works in place: its result is then the unit's alone to overwrite. */
    static boolean inPlace(Conv2d conv, BatchNorm2d bn) {
        return !Grad.isEnabled() && !bn.isTraining() && !conv.observed() && !bn.observed();
    }

    /** bn(conv(input)), then ReLU if asked. */
    static Variable apply(Conv2d conv, BatchNorm2d bn, Variable input, boolean relu) {
        if (!inPlace(conv, bn)) {
            Variable out = bn.call(conv.call(input));
            return relu ? ActivationOps.relu(out) : out;
        }
        Variable out = conv.call(input);
        bn.normalizeInPlace(out.value());
        if (relu) {
            Activations.relu(out.value().data(), out.value().data());
        }
        return out;
    }
}
