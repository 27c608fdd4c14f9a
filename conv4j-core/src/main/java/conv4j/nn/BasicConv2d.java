package conv4j.nn;

import conv4j.autograd.Variable;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;

/**
 * GoogLeNet's unit as torchvision builds it: a convolution without bias (the batch norm's shift replaces it), batch
 * normalisation with eps 0.001, then ReLU. Children {@code conv} and {@code bn}, so the state_dict names are
 * torchvision's ({@code conv1.conv.weight}, {@code conv1.bn.running_mean}).
 */
public final class BasicConv2d extends Module {
    static final float BN_EPS = 1e-3f;

    private final Conv2d conv;
    private final BatchNorm2d bn;

    public BasicConv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, Rng rng) {
        this.conv = addChild("conv", Conv2d.builder(inChannels, outChannels, kernelSize).stride(stride)
                .padding(padding).bias(false).build(rng));
        this.bn = addChild("bn", new BatchNorm2d(outChannels, BN_EPS, 0.1f));
    }

    /** A 1x1 convolution: a reduction or projection of the channels. */
    public BasicConv2d(int inChannels, int outChannels, Rng rng) {
        this(inChannels, outChannels, 1, 1, 0, rng);
    }

    public Conv2d conv() {
        return conv;
    }

    public BatchNorm2d bn() {
        return bn;
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

    @Override
    public Variable forward(Variable input) {
        return ConvBn.apply(conv, bn, input, true);
    }

    @Override
    public Shape outputShape(Shape input) {
        return bn.outputShape(conv.outputShape(input));
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
        return "BasicConv2d" + conv.describe().substring("Conv2d".length()).replace(", no bias", "");
    }
}
