package conv4j.nn;

import conv4j.autograd.ActivationOps;
import conv4j.autograd.Variable;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;

/**
 * GoogLeNet's unit as the 2014 paper builds it, before batch norm: a convolution with its bias, then ReLU. Child
 * {@code conv}, so the state_dict names follow {@link BasicConv2d}'s without the batch norm ({@code conv1.conv.weight},
 * {@code conv1.conv.bias}).
 */
public final class ConvReLU extends Module {
    private final Conv2d conv;

    public ConvReLU(int inChannels, int outChannels, int kernelSize, int stride, int padding, Rng rng) {
        this.conv = addChild("conv", Conv2d.builder(inChannels, outChannels, kernelSize).stride(stride)
                .padding(padding).build(rng));
    }

    /** A 1x1 convolution: a reduction or projection of the channels. */
    public ConvReLU(int inChannels, int outChannels, Rng rng) {
        this(inChannels, outChannels, 1, 1, 0, rng);
    }

    public Conv2d conv() {
        return conv;
    }

    public int inChannels() {
        return conv.inChannels();
    }

    public int outChannels() {
        return conv.outChannels();
    }

    public int kernelSize() {
        return conv.kernelH();
    }

    public int stride() {
        return conv.strideH();
    }

    public int padding() {
        return conv.padding().top();
    }

    /** The convolution's backward needs its input, not its output: unless a hook watches it, ReLU may overwrite it. */
    @Override
    public Variable forward(Variable input) {
        Variable out = conv.call(input);
        return conv.observed() ? ActivationOps.relu(out) : ActivationOps.reluInPlace(out);
    }

    @Override
    public Shape outputShape(Shape input) {
        return conv.outputShape(input);
    }

    @Override
    public long multiplyAdds(Shape input) {
        return conv.multiplyAdds(input);
    }

    @Override
    public Window window() {
        return conv.window();
    }

    @Override
    public String describe() {
        return "ConvReLU" + conv.describe().substring("Conv2d".length());
    }
}
