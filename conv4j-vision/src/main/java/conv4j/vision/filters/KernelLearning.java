package conv4j.vision.filters;

import conv4j.autograd.Ops;
import conv4j.autograd.Variable;
import conv4j.nn.Conv2d;
import conv4j.nn.Param;
import conv4j.optim.Optimizer;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.List;

/**
 * The lecture's "learning a kernel from data": a one-channel convolution layer without bias, started from random
 * weights, trained by gradient descent on the squared error (summed over pixels) between its output for X and Y.
 * When Y was made from X by some kernel, the layer's weights move to that kernel.
 */
public final class KernelLearning {
    private final Conv2d layer;
    private final Variable input;
    private final Tensor target;

    /** The state after {@code step} updates: the loss of that kernel, and the kernel (row-major). */
    public record Step(int step, double loss, float[] kernel) {
        public Step {
            kernel = kernel.clone();
        }

        @Override
        public float[] kernel() {
            return kernel.clone();
        }
    }

    /**
     * @param input  X, an H x W plane
     * @param target Y, (H - kernelH + 1) x (W - kernelW + 1): a valid convolution of X
     */
    public KernelLearning(Tensor input, Tensor target, int kernelH, int kernelW, Rng rng) {
        if (input.rank() != 2 || target.rank() != 2) {
            throw new IllegalArgumentException("X and Y are H x W planes, received " + input.shape() + " and "
                    + target.shape());
        }
        this.layer = Conv2d.builder(1, 1, kernelH, kernelW).bias(false).build(rng);
        this.input = Variable.of(input.reshape(1, 1, input.dim(0), input.dim(1)));
        Shape expected = layer.outputShape(this.input.shape());
        if (target.dim(0) != expected.dim(2) || target.dim(1) != expected.dim(3)) {
            throw new IllegalArgumentException("Y must be " + expected.dim(2) + " x " + expected.dim(3) + " (a valid "
                    + kernelH + " x " + kernelW + " convolution of the " + input.dim(0) + " x " + input.dim(1)
                    + " X), received " + target.dim(0) + " x " + target.dim(1));
        }
        this.target = target.reshape(expected);
    }

    /** The lecture's X: 6 x 8, every row 1 1 0 0 0 0 1 1 (white, four black middle columns, white). */
    public static Tensor edgeImage() {
        float[] row = {1, 1, 0, 0, 0, 0, 1, 1};
        float[] data = new float[6 * 8];
        for (int r = 0; r < 6; r++) {
            System.arraycopy(row, 0, data, r * 8, 8);
        }
        return new Tensor(Shape.of(6, 8), data);
    }

    /** The lecture's K = [1, -1]: corr2d(X, K) marks white-to-black with 1 and black-to-white with -1. */
    public static Tensor edgeKernel() {
        return Tensor.of(new float[] {1, -1}, 1, 2);
    }

    /** corr2d(X, K) by the engine: the valid cross-correlation of an H x W plane with a kH x kW kernel. */
    public static Tensor corr2d(Tensor x, Tensor k) {
        Conv2d conv = Conv2d.builder(1, 1, k.dim(0), k.dim(1)).bias(false).build(new Rng(0));
        conv.weight().value().copyFrom(k.reshape(1, 1, k.dim(0), k.dim(1)));
        Tensor y = conv.predict(x.reshape(1, 1, x.dim(0), x.dim(1)));
        return y.reshape(y.dim(2), y.dim(3));
    }

    /**
     * The problem of learning {@code truth} from a grey photo (an H x W plane): Y is the engine's valid convolution
     * of X with the true kernel, not clamped (clamping would hide the negative half of edge kernels).
     *
     * <p>With {@code whiten}, X and Y both go through the edge kernel first. Photos are smooth, neighbouring pixels
     * nearly equal, so the squared error is a long narrow valley: on the bundled cat the ratio of its steepest to
     * its flattest curvature is about 20,000, and gradient descent crawls along the valley. The edge kernel flattens
     * the photo's spectrum (that ratio falls to about 6), and since convolutions commute, edge(Y) = truth(edge(X)):
     * the kernel to learn is the same.
     */
    public static KernelLearning ofPhoto(Tensor grey, ImageKernel truth, boolean whiten, Rng rng) {
        ImageFilter valid = new ImageFilter(truth, BorderMode.ZERO, 1, FilterPadding.valid());
        Tensor x = grey;
        Tensor y = valid.convolve(grey);
        if (whiten) {
            ImageFilter edge = new ImageFilter(Kernels.named("edge").kernel(), BorderMode.ZERO, 1,
                    FilterPadding.valid());
            x = edge.convolve(x);
            y = edge.convolve(y);
        }
        return new KernelLearning(x, y, truth.height(), truth.width(), rng);
    }

    /**
     * Twice the sum of squares of every window of X the kernel sees: the trace of the loss's curvature matrix, so no
     * curvature exceeds it. Plain gradient descent with learning rate lr / bound converges for any lr in (0, 2), on
     * any picture: the "normalised step".
     */
    public double curvatureBound() {
        Tensor x = input.value();
        int w = x.dim(3);
        int outH = target.dim(2);
        int outW = target.dim(3);
        float[] d = x.data();
        double sum = 0;
        for (int r = 0; r < layer.kernelH(); r++) {
            for (int c = 0; c < layer.kernelW(); c++) {
                for (int i = 0; i < outH; i++) {
                    int base = (i + r) * w + c;
                    for (int j = 0; j < outW; j++) {
                        double v = d[base + j];
                        sum += v * v;
                    }
                }
            }
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("every window of the picture is zero (a picture of one colour is"
                    + " all zero after the edge kernel): there is nothing to learn a kernel from");
        }
        return 2 * sum;
    }

    public Conv2d layer() {
        return layer;
    }

    /** The learned weights, for an optimizer. */
    public List<Param> parameters() {
        return layer.parameters();
    }

    /** The current kernel, row-major. */
    public float[] kernel() {
        return layer.weight().value().data().clone();
    }

    /**
     * Runs {@code steps} updates. {@code onStep} sees step 0 (the random start), every {@code every}-th step and the
     * last one, each with the loss of the kernel it shows.
     */
    public Step run(Optimizer optimizer, int steps, int every, java.util.function.Consumer<Step> onStep) {
        if (steps < 0 || every < 1) {
            throw new IllegalArgumentException("steps must be >= 0 and the report interval >= 1, received steps "
                    + steps + ", every " + every);
        }
        Step last = null;
        for (int t = 0; t <= steps; t++) {
            optimizer.zeroGrad();
            Variable loss = loss();
            last = new Step(t, loss.value().item(), kernel());
            if (t % every == 0 || t == steps) {
                onStep.accept(last);
            }
            if (!Double.isFinite(last.loss())) {
                // The caller's choice of learning rate, not a fault of the program: an argument error.
                throw new IllegalArgumentException("the loss became " + last.loss() + " at step " + t
                        + "; the learning rate is too large");
            }
            if (t < steps) {
                loss.backward();
                optimizer.step();
            }
        }
        return last;
    }

    /** sum over pixels of (conv(X) - Y)^2. */
    private Variable loss() {
        Variable difference = Ops.sub(layer.call(input), Variable.of(target));
        return Ops.sum(Ops.square(difference));
    }
}
