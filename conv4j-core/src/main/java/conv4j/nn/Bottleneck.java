package conv4j.nn;

import conv4j.autograd.Variable;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import java.util.Objects;

/**
 * The residual block of ResNet-50, -101 and -152: a 1x1 convolution reduces the width to {@code planes}, a 3x3
 * works at that width, a 1x1 expands it to 4 x planes; batch norm after each, ReLU between, and the input added
 * before the last ReLU. Children and state_dict names as torchvision's: conv1, bn1, conv2, bn2, conv3, bn3,
 * downsample.0, downsample.1.
 *
 * <p>Where the block downsamples, the stride sits in the 3x3 convolution in torchvision ({@link StrideAt#CONV2},
 * "ResNet v1.5", a little more accurate and about 8% more multiply-adds), in the first 1x1 in the paper
 * ({@link StrideAt#CONV1}, whose table 1 counts 3.8 x 10^9 multiply-adds for ResNet-50).
 */
public final class Bottleneck extends Module {
    /** Output channels per plane: a bottleneck puts out 4 x {@code planes} channels. */
    public static final int EXPANSION = 4;

    /** Which convolution of the block carries its stride. */
    public enum StrideAt {
        /** The first 1x1, as in the paper. */
        CONV1,
        /** The 3x3, as in torchvision. */
        CONV2
    }

    private final int inChannels;
    private final int planes;
    private final int stride;
    private final StrideAt strideAt;
    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final Conv2d conv2;
    private final BatchNorm2d bn2;
    private final Conv2d conv3;
    private final BatchNorm2d bn3;
    private final Sequential downsample;

    public Bottleneck(int inChannels, int planes, int stride, StrideAt strideAt, Rng rng) {
        Shortcut.checkSettings("Bottleneck", inChannels, planes, stride);
        this.inChannels = inChannels;
        this.planes = planes;
        this.stride = stride;
        this.strideAt = Objects.requireNonNull(strideAt, "strideAt");
        int first = strideAt == StrideAt.CONV1 ? stride : 1;
        this.conv1 = addChild("conv1", Conv2d.builder(inChannels, planes, 1).stride(first).bias(false).build(rng));
        this.bn1 = addChild("bn1", new BatchNorm2d(planes));
        this.conv2 = addChild("conv2", BasicBlock.conv3x3(planes, planes, stride / first, rng));
        this.bn2 = addChild("bn2", new BatchNorm2d(planes));
        this.conv3 = addChild("conv3", Conv2d.builder(planes, planes * EXPANSION, 1).bias(false).build(rng));
        this.bn3 = addChild("bn3", new BatchNorm2d(planes * EXPANSION));
        Sequential projection = Shortcut.projectionIfNeeded(inChannels, planes * EXPANSION, stride, rng);
        this.downsample = projection == null ? null : addChild("downsample", projection);
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

    public StrideAt strideAt() {
        return strideAt;
    }

    public int outChannels() {
        return planes * EXPANSION;
    }

    @Override
    public Variable forward(Variable input) {
        Variable out = ConvBn.apply(conv1, bn1, input, true);
        out = ConvBn.apply(conv2, bn2, out, true);
        out = ConvBn.apply(conv3, bn3, out, false);
        return Shortcut.addThenRelu(out, ConvBn.owned(conv3, bn3), input, downsample);
    }

    @Override
    public Shape outputShape(Shape input) {
        Shape out = conv3.outputShape(conv2.outputShape(conv1.outputShape(input)));
        return Shortcut.checkSum(this, bn3.outputShape(out), input, downsample);
    }

    @Override
    public long multiplyAdds(Shape input) {
        Shape a = conv1.outputShape(input);
        Shape b = conv2.outputShape(a);
        return conv1.multiplyAdds(input) + conv2.multiplyAdds(a) + conv3.multiplyAdds(b)
                + (downsample == null ? 0 : downsample.multiplyAdds(input));
    }

    @Override
    public Window window() {
        return conv1.window().then(conv2.window()).then(conv3.window());
    }

    @Override
    public String describe() {
        return "Bottleneck(" + inChannels + ", " + planes + "->" + outChannels()
                + (stride == 1 ? "" : ", stride " + stride + (strideAt == StrideAt.CONV1 ? " in conv1" : " in conv2"))
                + ")";
    }
}
