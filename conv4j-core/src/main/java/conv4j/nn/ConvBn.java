package conv4j.nn;

import conv4j.autograd.ActivationOps;
import conv4j.autograd.Grad;
import conv4j.autograd.Variable;
import conv4j.kernels.Activations;

/**
 * The unit the residual blocks and GoogLeNet repeat: a convolution, its batch norm, often a ReLU. With no hook on
 * either layer, nothing but this unit ever sees their outputs. At inference (eval mode, gradients off) the batch norm
 * and the ReLU then overwrite the convolution's output where it lies: two fewer activation-sized arrays to allocate
 * and zero per unit. Otherwise the ReLU overwrites the batch norm's output (whose backward keeps its input, not its
 * output), as PyTorch's in-place ReLU does: one fewer.
 */
final class ConvBn {
    private ConvBn() {
    }

    /** True when no hook watches either layer: {@link #apply}'s result is then the caller's alone to overwrite. */
    static boolean owned(Conv2d conv, BatchNorm2d bn) {
        return !conv.observed() && !bn.observed();
    }

    /** True when {@link #apply} overwrites the convolution's output with the batch norm's and the ReLU's. */
    static boolean inPlace(Conv2d conv, BatchNorm2d bn) {
        return !Grad.isEnabled() && !bn.isTraining() && owned(conv, bn);
    }

    /** bn(conv(input)), then ReLU if asked. */
    static Variable apply(Conv2d conv, BatchNorm2d bn, Variable input, boolean relu) {
        if (!inPlace(conv, bn)) {
            Variable out = bn.call(conv.call(input));
            if (!relu) {
                return out;
            }
            return owned(conv, bn) ? ActivationOps.reluInPlace(out) : ActivationOps.relu(out);
        }
        Variable out = conv.call(input);
        bn.normalizeInPlace(out.value());
        if (relu) {
            Activations.relu(out.value().data(), out.value().data());
        }
        return out;
    }
}
