package conv4j.nn;

import conv4j.autograd.Ops;
import conv4j.autograd.Variable;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;

/**
 * GoogLeNet's inception module with dimension reductions: four branches over the same input, their outputs
 * concatenated along the channels. branch1 is a 1x1 convolution; branch2 a 1x1 reduction, then a 3x3; branch3 a 1x1
 * reduction, then the "5x5" convolution; branch4 a 3x3 max pooling (stride 1), then a 1x1 projection. The widths are
 * a row of the paper's table 1: (in, #1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5, pool proj).
 *
 * <p>The paper's third branch is 5x5; torchvision's is 3x3 (a slip kept so that its trained weights still load), so
 * the kernel of that branch is a setting: 5 for the paper, 3 to load torchvision's weights. The unit of every branch
 * is a setting too: torchvision's {@link BasicConv2d} (batch norm after each convolution), or the 2014 paper's
 * {@link ConvReLU} (a convolution with bias, then ReLU).
 */
public final class Inception extends Module {
    /** The convolution unit of the branches. */
    public enum Unit {
        /** Convolution, batch norm, ReLU: torchvision's, after the batch-norm paper. */
        BASIC_CONV2D("BasicConv2d"),
        /** Convolution with bias, ReLU: the 2014 paper's. */
        CONV_RELU("ConvReLU");

        private final String layerType;

        Unit(String layerType) {
            this.layerType = layerType;
        }

        /** The unit's layer type, as model files name it. */
        public String layerType() {
            return layerType;
        }

        /** A kernel x kernel unit of this kind: a branch's, or a GoogLeNet stem's with its stride and padding. */
        public Module create(int in, int out, int kernel, int stride, int padding, Rng rng) {
            return this == BASIC_CONV2D ? new BasicConv2d(in, out, kernel, stride, padding, rng)
                    : new ConvReLU(in, out, kernel, stride, padding, rng);
        }

        /** A kernel x kernel unit, stride 1, padded to keep the height and width. */
        Module create(int in, int out, int kernel, Rng rng) {
            return create(in, out, kernel, 1, kernel / 2, rng);
        }
    }

    private final int inChannels;
    private final int ch1x1;
    private final int ch3x3Reduce;
    private final int ch3x3;
    private final int ch5x5Reduce;
    private final int ch5x5;
    private final int poolProj;
    private final int kernel5x5;
    private final Unit unit;
    private final Module[] branches;

    /** torchvision's units: {@link BasicConv2d}. */
    public Inception(int inChannels, int ch1x1, int ch3x3Reduce, int ch3x3, int ch5x5Reduce, int ch5x5, int poolProj,
                     int kernel5x5, Rng rng) {
        this(inChannels, ch1x1, ch3x3Reduce, ch3x3, ch5x5Reduce, ch5x5, poolProj, kernel5x5, Unit.BASIC_CONV2D, rng);
    }

    public Inception(int inChannels, int ch1x1, int ch3x3Reduce, int ch3x3, int ch5x5Reduce, int ch5x5, int poolProj,
                     int kernel5x5, Unit unit, Rng rng) {
        if (unit == null) {
            throw new IllegalArgumentException("Inception: the unit of the branches is missing (BasicConv2d or "
                    + "ConvReLU)");
        }
        if (kernel5x5 < 1 || kernel5x5 % 2 == 0) {
            throw new IllegalArgumentException("Inception: the kernel of the 5x5 branch must be odd and positive "
                    + "(5 as in the paper, 3 as in torchvision), received " + kernel5x5);
        }
        this.inChannels = inChannels;
        this.ch1x1 = ch1x1;
        this.ch3x3Reduce = ch3x3Reduce;
        this.ch3x3 = ch3x3;
        this.ch5x5Reduce = ch5x5Reduce;
        this.ch5x5 = ch5x5;
        this.poolProj = poolProj;
        this.kernel5x5 = kernel5x5;
        this.unit = unit;
        this.branches = new Module[] {
            addChild("branch1", unit.create(inChannels, ch1x1, 1, rng)),
            addChild("branch2", new Sequential(unit.create(inChannels, ch3x3Reduce, 1, rng),
                    unit.create(ch3x3Reduce, ch3x3, 3, rng))),
            addChild("branch3", new Sequential(unit.create(inChannels, ch5x5Reduce, 1, rng),
                    unit.create(ch5x5Reduce, ch5x5, kernel5x5, rng))),
            addChild("branch4", new Sequential(new MaxPool2d(3, 1, 1, true),
                    unit.create(inChannels, poolProj, 1, rng)))};
    }

    public int inChannels() {
        return inChannels;
    }

    public int ch1x1() {
        return ch1x1;
    }

    public int ch3x3Reduce() {
        return ch3x3Reduce;
    }

    public int ch3x3() {
        return ch3x3;
    }

    public int ch5x5Reduce() {
        return ch5x5Reduce;
    }

    public int ch5x5() {
        return ch5x5;
    }

    public int poolProj() {
        return poolProj;
    }

    /** The kernel of the third branch's convolution: 5 in the paper, 3 in torchvision. */
    public int kernel5x5() {
        return kernel5x5;
    }

    public Unit unit() {
        return unit;
    }

    public int outChannels() {
        return ch1x1 + ch3x3 + ch5x5 + poolProj;
    }

    @Override
    public Variable forward(Variable input) {
        Variable[] outputs = new Variable[branches.length];
        for (int i = 0; i < branches.length; i++) {
            outputs[i] = branches[i].call(input);
        }
        return Ops.concatChannels(outputs); // N x (#1x1 + #3x3 + #5x5 + pool proj) x H x W
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 4 || input.dim(1) != inChannels) {
            throw inputError("N x " + inChannels + " x H x W input", input);
        }
        Shape first = branches[0].outputShape(input);
        for (int i = 1; i < branches.length; i++) {
            branches[i].outputShape(input); // every branch keeps the height and width
        }
        return first.with(1, outChannels());
    }

    @Override
    public long multiplyAdds(Shape input) {
        long total = 0;
        for (Module b : branches) {
            total += b.multiplyAdds(input);
        }
        return total;
    }

    /** The widest branch's: every branch has stride 1, and the concatenation sees as far as the widest. */
    @Override
    public Window window() {
        Window widest = Window.IDENTITY;
        for (Module b : branches) {
            Window w = b.window();
            if (w.kernelH() > widest.kernelH()) {
                widest = w;
            }
        }
        return widest;
    }

    @Override
    public String describe() {
        return "Inception(" + inChannels + ": 1x1 " + ch1x1 + ", 3x3 " + ch3x3Reduce + "->" + ch3x3 + ", "
                + kernel5x5 + "x" + kernel5x5 + " " + ch5x5Reduce + "->" + ch5x5 + ", pool proj " + poolProj
                + (unit == Unit.BASIC_CONV2D ? "" : ", " + unit.layerType()) + ")";
    }
}
