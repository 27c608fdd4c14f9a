package conv4j.nn;

import conv4j.autograd.Variable;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;

/**
 * The residual block of ResNet-18 and -34: two 3x3 convolutions (the first with the block's stride), each followed
 * by batch norm, ReLU between them, and the input added before the last ReLU: y = ReLU(F(x) + x). Where the stride
 * or the width changes, the shortcut is a 1x1 convolution with batch norm ({@code downsample}). Children and
 * state_dict names as torchvision's: conv1, bn1, conv2, bn2, downsample.0, downsample.1.
 */
public final class BasicBlock extends Module {
    /** Output channels per plane: a basic block puts out {@code planes} channels. */
    public static final int EXPANSION = 1;

    private final int inChannels;
    private final int planes;
    private final int stride;
    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final Conv2d conv2;
    private final BatchNorm2d bn2;
    private final Sequential downsample;

    public BasicBlock(int inChannels, int planes, int stride, Rng rng) {
        Shortcut.checkSettings("BasicBlock", inChannels, planes, stride);
        this.inChannels = inChannels;
        this.planes = planes;
        this.stride = stride;
        this.conv1 = addChild("conv1", conv3x3(inChannels, planes, stride, rng));
        this.bn1 = addChild("bn1", new BatchNorm2d(planes));
        this.conv2 = addChild("conv2", conv3x3(planes, planes, 1, rng));
        this.bn2 = addChild("bn2", new BatchNorm2d(planes));
        Sequential projection = Shortcut.projectionIfNeeded(inChannels, planes * EXPANSION, stride, rng);
        this.downsample = projection == null ? null : addChild("downsample", projection);
    }

    static Conv2d conv3x3(int in, int out, int stride, Rng rng) {
        return Conv2d.builder(in, out, 3).stride(stride).padding(1).bias(false).build(rng);
    }

    public int inChannels() {
        return inChannels;
    }

    public int planes() {
        return planes;
    }

    public int stride() {
        return stride;
    }

    public int outChannels() {
        return planes * EXPANSION;
    }

    @Override
    public Variable forward(Variable input) {
        Variable out = ConvBn.apply(conv1, bn1, input, true);
        out = ConvBn.apply(conv2, bn2, out, false);
        return Shortcut.addThenRelu(out, ConvBn.owned(conv2, bn2), input, downsample);
    }

    @Override
    public Shape outputShape(Shape input) {
        Shape out = bn2.outputShape(conv2.outputShape(bn1.outputShape(conv1.outputShape(input))));
        return Shortcut.checkSum(this, out, input, downsample);
    }

    @Override
    public long multiplyAdds(Shape input) {
        Shape middle = conv1.outputShape(input);
        return conv1.multiplyAdds(input) + conv2.multiplyAdds(middle)
                + (downsample == null ? 0 : downsample.multiplyAdds(input));
    }

    @Override
    public Window window() {
        return conv1.window().then(conv2.window());
    }

    @Override
    public String describe() {
        return "BasicBlock(" + inChannels + ", " + planes + (stride == 1 ? "" : ", stride " + stride) + ")";
    }
}
