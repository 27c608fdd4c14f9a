package conv4j.nn;

import conv4j.autograd.ConvOps;
import conv4j.autograd.Variable;
import conv4j.kernels.Conv2dGeometry;
import conv4j.kernels.ConvPlan;
import conv4j.kernels.Padding;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;

/**
 * A convolution layer: K filters, each of C/groups x kH x kW weights and one bias shared by its positions, slid over
 * the input with a stride. Learned parameters: (kH x kW x C/groups + 1) x K. Output size per axis:
 * floor((H + padding - dilation (k - 1) - 1) / stride) + 1.
 */
public final class Conv2d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int kernelH;
    private final int kernelW;
    private final int strideH;
    private final int strideW;
    private final int dilationH;
    private final int dilationW;
    private final int groups;
    private final boolean samePadding;
    private final Padding padding;
    private final Param weight;
    private final Param bias;

    private Conv2d(Builder b, Rng rng, Tensor given) {
        if (b.inChannels < 1 || b.outChannels < 1) {
            throw new IllegalArgumentException("Conv2d: channels must be positive, received in=" + b.inChannels
                    + ", out=" + b.outChannels);
        }
        if (b.kernelH < 1 || b.kernelW < 1) {
            throw new IllegalArgumentException("Conv2d: kernel size must be positive, received " + b.kernelH + "x"
                    + b.kernelW);
        }
        if (b.strideH < 1 || b.strideW < 1) {
            throw new IllegalArgumentException("Conv2d: stride must be at least 1, received " + b.strideH + "x"
                    + b.strideW);
        }
        if (b.dilationH < 1 || b.dilationW < 1) {
            throw new IllegalArgumentException("Conv2d: dilation must be at least 1, received " + b.dilationH + "x"
                    + b.dilationW);
        }
        if (b.groups < 1 || b.inChannels % b.groups != 0 || b.outChannels % b.groups != 0) {
            throw new IllegalArgumentException("Conv2d: groups must divide in and out channels, received groups="
                    + b.groups + " with in=" + b.inChannels + ", out=" + b.outChannels);
        }
        this.inChannels = b.inChannels;
        this.outChannels = b.outChannels;
        this.kernelH = b.kernelH;
        this.kernelW = b.kernelW;
        this.strideH = b.strideH;
        this.strideW = b.strideW;
        this.dilationH = b.dilationH;
        this.dilationW = b.dilationW;
        this.groups = b.groups;
        this.samePadding = b.samePadding;
        this.padding = b.padding;
        int perGroup = inChannels / groups;
        int fanIn = perGroup * kernelH * kernelW;
        int fanOut = outChannels / groups * kernelH * kernelW;
        Shape weightShape = Shape.of(outChannels, perGroup, kernelH, kernelW);
        if (given != null && !given.shape().equals(weightShape)) {
            throw new IllegalArgumentException("Conv2d: the weight given is " + given.shape() + ", the layer needs "
                    + weightShape);
        }
        Tensor w = given != null ? given : b.init.fill(Tensor.zeros(weightShape), fanIn, fanOut, rng);
        this.weight = addParam("weight", w, 1.0);
        this.bias = b.bias ? addParam("bias", Tensor.zeros(outChannels), 0.0) : null;
    }

    /** A 3x3-style convolution with stride 1 and no padding; {@link #builder} sets the rest. */
    public Conv2d(int inChannels, int outChannels, int kernelSize, Rng rng) {
        this(builder(inChannels, outChannels, kernelSize), rng, null);
    }

    public static Builder builder(int inChannels, int outChannels, int kernelSize) {
        return new Builder(inChannels, outChannels, kernelSize, kernelSize);
    }

    public static Builder builder(int inChannels, int outChannels, int kernelH, int kernelW) {
        return new Builder(inChannels, outChannels, kernelH, kernelW);
    }

    /** Settings of a convolution, PyTorch's defaults: stride 1, no padding, dilation 1, one group, a bias. */
    public static final class Builder {
        private final int inChannels;
        private final int outChannels;
        private final int kernelH;
        private final int kernelW;
        private int strideH = 1;
        private int strideW = 1;
        private int dilationH = 1;
        private int dilationW = 1;
        private int groups = 1;
        private boolean samePadding;
        private Padding padding = Padding.valid();
        private boolean bias = true;
        private Init init = Init.HE_UNIFORM;

        private Builder(int inChannels, int outChannels, int kernelH, int kernelW) {
            this.inChannels = inChannels;
            this.outChannels = outChannels;
            this.kernelH = kernelH;
            this.kernelW = kernelW;
        }

        public Builder stride(int stride) {
            return stride(stride, stride);
        }

        public Builder stride(int strideH, int strideW) {
            this.strideH = strideH;
            this.strideW = strideW;
            return this;
        }

        /** Zero padding of {@code p} on every side. */
        public Builder padding(int p) {
            return padding(p, p);
        }

        public Builder padding(int padH, int padW) {
            return padding(Padding.of(padH, padW));
        }

        /** Explicit, possibly asymmetric padding. */
        public Builder padding(Padding p) {
            this.padding = p;
            this.samePadding = false;
            return this;
        }

        /** No padding: the output shrinks by (kernel - 1) per axis. */
        public Builder paddingValid() {
            return padding(Padding.valid());
        }

        /**
         * Padding that gives an output of ceil(input / stride): the input size at stride 1. Where the total is odd the
         * extra row and column go to the bottom and right, as in TensorFlow and PyTorch.
         */
        public Builder paddingSame() {
            this.samePadding = true;
            return this;
        }

        public Builder dilation(int dilation) {
            return dilation(dilation, dilation);
        }

        public Builder dilation(int dilationH, int dilationW) {
            this.dilationH = dilationH;
            this.dilationW = dilationW;
            return this;
        }

        public Builder groups(int groups) {
            this.groups = groups;
            return this;
        }

        public Builder bias(boolean bias) {
            this.bias = bias;
            return this;
        }

        public Builder init(Init init) {
            this.init = init;
            return this;
        }

        public Conv2d build(Rng rng) {
            return new Conv2d(this, rng, null);
        }

        /**
         * A convolution whose weight is {@code weight} itself (out x in/groups x kH x kW), as an importer makes one:
         * drawing 25 million random values only to overwrite them was a third of loading ResNet-50 from ONNX.
         */
        public Conv2d build(Tensor weight) {
            return new Conv2d(this, null, java.util.Objects.requireNonNull(weight, "weight"));
        }
    }

    public Param weight() {
        return weight;
    }

    public Param bias() {
        return bias;
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
    }

    public int kernelH() {
        return kernelH;
    }

    public int kernelW() {
        return kernelW;
    }

    public int strideH() {
        return strideH;
    }

    public int strideW() {
        return strideW;
    }

    public int dilationH() {
        return dilationH;
    }

    public int dilationW() {
        return dilationW;
    }

    public int groups() {
        return groups;
    }

    /** Whether the padding is "same", worked out per input size; {@link #padding()} does not apply then. */
    public boolean isPaddingSame() {
        return samePadding;
    }

    /** The explicit padding, used unless {@link #isPaddingSame()}. */
    public Padding padding() {
        return padding;
    }

    /** The convolution's full geometry for an input shape, or an error naming this layer. */
    public Conv2dGeometry geometry(Shape input) {
        if (input.rank() != 4 || input.dim(1) != inChannels) {
            throw inputError("N x " + inChannels + " x H x W input", input);
        }
        int h = input.dim(2);
        int w = input.dim(3);
        Padding p = samePadding
                ? Padding.same(h, w, kernelH, kernelW, strideH, strideW, dilationH, dilationW)
                : padding;
        try {
            return Conv2dGeometry.of(input.dim(0), inChannels, h, w, outChannels, kernelH, kernelW, strideH, strideW,
                    p, dilationH, dilationW, groups);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label() + " on input " + input + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Variable forward(Variable input) {
        Conv2dGeometry g = geometry(input.shape());
        return ConvOps.conv2d(input, weight.variable(), bias == null ? null : bias.variable(), g);
    }

    @Override
    public Shape outputShape(Shape input) {
        Conv2dGeometry g = geometry(input);
        ConvPlans.observe(this, g);
        return g.outputShape();
    }

    /** How each pass of this layer is computed on an input of this shape (batch included). */
    public ConvPlan plan(Shape input) {
        return ConvPlan.of(geometry(input));
    }

    @Override
    public long multiplyAdds(Shape input) {
        return geometry(input).multiplyAdds();
    }

    @Override
    public Window window() {
        return new Window(dilationH * (kernelH - 1) + 1, dilationW * (kernelW - 1) + 1, strideH, strideW);
    }

    @Override
    public String describe() {
        StringBuilder b = new StringBuilder("Conv2d(").append(inChannels).append(", ").append(outChannels)
                .append(", kernel ").append(kernelH).append('x').append(kernelW);
        if (strideH != 1 || strideW != 1) {
            b.append(", stride ").append(strideH == strideW ? "" + strideH : strideH + "x" + strideW);
        }
        if (samePadding) {
            b.append(", padding same");
        } else if (!padding.equals(Padding.valid())) {
            b.append(", padding ").append(padding.top() == padding.bottom() && padding.left() == padding.right()
                    ? (padding.top() == padding.left() ? "" + padding.top() : padding.top() + "x" + padding.left())
                    : padding.toString());
        }
        if (dilationH != 1 || dilationW != 1) {
            b.append(", dilation ").append(dilationH == dilationW ? "" + dilationH : dilationH + "x" + dilationW);
        }
        if (groups != 1) {
            b.append(", groups ").append(groups);
        }
        if (bias == null) {
            b.append(", no bias");
        }
        return b.append(')').toString();
    }
}
