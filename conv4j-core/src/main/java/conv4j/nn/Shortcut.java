package conv4j.nn;

import conv4j.autograd.ActivationOps;
import conv4j.autograd.Ops;
import conv4j.autograd.Variable;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;

/** What the residual blocks share: the shortcut (identity, or a projection where the shape changes) and the sum. */
final class Shortcut {
    private Shortcut() {
    }

    /**
     * The paper's option B: a 1x1 convolution with the block's stride and batch norm where the shape changes,
     * none (the identity) where it does not.
     */
    static Sequential projectionIfNeeded(int inChannels, int outChannels, int stride, Rng rng) {
        if (stride == 1 && inChannels == outChannels) {
            return null;
        }
        return new Sequential(Conv2d.builder(inChannels, outChannels, 1).stride(stride).bias(false).build(rng),
                new BatchNorm2d(outChannels));
    }

    /**
     * ReLU(F(x) + x): the residual branch plus the shortcut; autograd sends the gradient down both. With
     * {@code residualOwned} (the branch's output came from {@link ConvBn}, watched by no hook), the sum and the ReLU
     * overwrite the branch's output, as PyTorch's {@code out += identity} and in-place ReLU do.
     */
    static Variable addThenRelu(Variable residual, boolean residualOwned, Variable input, Sequential downsample) {
        Variable identity = downsample == null ? input : downsample.call(input);
        if (!residualOwned) {
            return ActivationOps.relu(Ops.add(residual, identity));
        }
        return ActivationOps.reluInPlace(Ops.addInPlace(residual, identity));
    }

    /** The shortcut's output shape must equal the residual branch's, or the sum is impossible. */
    static Shape checkSum(Module block, Shape residual, Shape input, Sequential downsample) {
        Shape identity = downsample == null ? input : downsample.outputShape(input);
        if (!identity.equals(residual)) {
            throw new IllegalArgumentException(block.label() + " on input " + input + ": the residual branch gives "
                    + residual + " but the shortcut " + identity);
        }
        return residual;
    }

    static void checkSettings(String block, int inChannels, int planes, int stride) {
        if (inChannels < 1 || planes < 1 || stride < 1) {
            throw new IllegalArgumentException(block + ": channels, planes and stride must be positive, received in="
                    + inChannels + ", planes=" + planes + ", stride=" + stride);
        }
    }
}
