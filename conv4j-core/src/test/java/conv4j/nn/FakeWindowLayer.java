package conv4j.nn;

import conv4j.autograd.Variable;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;

/**
 * A convolution- or pooling-shaped layer for summary tests: square kernel, stride, no padding, optional learned
 * weights (outChannels x inChannels x k x k plus a bias per output channel). It only knows shapes; forward is not
 * needed by a summary.
 */
final class FakeWindowLayer extends Module {
    private final String type;
    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final boolean learned;

    private FakeWindowLayer(String type, int inChannels, int outChannels, int kernel, int stride, boolean learned) {
        this.type = type;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.learned = learned;
        if (learned) {
            addParam("weight", Tensor.zeros(outChannels, inChannels, kernel, kernel), 1.0);
            addParam("bias", Tensor.zeros(outChannels), 0.0);
        }
    }

    static FakeWindowLayer conv(int inChannels, int outChannels, int kernel) {
        return new FakeWindowLayer("FakeConv", inChannels, outChannels, kernel, 1, true);
    }

    static FakeWindowLayer pool(int channels, int kernel, int stride) {
        return new FakeWindowLayer("FakePool", channels, channels, kernel, stride, false);
    }

    @Override
    public Variable forward(Variable input) {
        throw new UnsupportedOperationException("shape-only test layer");
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 4 || input.dim(1) != inChannels || input.dim(2) < kernel || input.dim(3) < kernel) {
            throw inputError("N x " + inChannels + " x H x W with H, W >= " + kernel, input);
        }
        return Shape.of(input.dim(0), outChannels, (input.dim(2) - kernel) / stride + 1,
                (input.dim(3) - kernel) / stride + 1);
    }

    @Override
    public long multiplyAdds(Shape input) {
        if (!learned) {
            return 0;
        }
        Shape out = outputShape(input);
        return (long) out.size() * inChannels * kernel * kernel;
    }

    @Override
    public Window window() {
        return new Window(kernel, kernel, stride, stride);
    }

    @Override
    public String typeName() {
        return type;
    }

    @Override
    public String describe() {
        return type + "(" + inChannels + ", " + outChannels + ", " + kernel + "x" + kernel + ", stride " + stride + ")";
    }
}
