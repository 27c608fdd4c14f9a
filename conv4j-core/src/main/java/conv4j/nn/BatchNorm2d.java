package conv4j.nn;

import conv4j.autograd.NormOps;
import conv4j.autograd.Variable;
import conv4j.kernels.BatchNorm;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;

/**
 * Batch normalisation per channel with a learned scale (weight) and shift (bias). Training normalises with the
 * batch's mean and variance and keeps running averages of them; evaluation uses the running averages. The buffers
 * carry PyTorch's names: running_mean, running_var, and the count num_batches_tracked.
 */
public final class BatchNorm2d extends Module {
    private final int channels;
    private final float eps;
    private final float momentum;
    private final Param weight;
    private final Param bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private long batchesTracked;

    /** eps 1e-5, momentum 0.1: PyTorch's defaults. */
    public BatchNorm2d(int channels) {
        this(channels, 1e-5f, 0.1f);
    }

    public BatchNorm2d(int channels, float eps, float momentum) {
        if (channels < 1) {
            throw new IllegalArgumentException("BatchNorm2d: channels must be positive, received " + channels);
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("BatchNorm2d: eps must be > 0, received " + eps);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNorm2d: momentum must be in [0, 1], received " + momentum);
        }
        this.channels = channels;
        this.eps = eps;
        this.momentum = momentum;
        // No weight decay on normalisation parameters: decaying the scale fights the normalisation itself.
        this.weight = addParam("weight", Tensor.ones(Shape.of(channels)), 0.0);
        this.bias = addParam("bias", Tensor.zeros(channels), 0.0);
        this.runningMean = addBuffer("running_mean", Tensor.zeros(channels));
        this.runningVar = addBuffer("running_var", Tensor.ones(Shape.of(channels)));
    }

    public int channels() {
        return channels;
    }

    public float eps() {
        return eps;
    }

    public float momentum() {
        return momentum;
    }

    public Param weight() {
        return weight;
    }

    public Param bias() {
        return bias;
    }

    public Tensor runningMean() {
        return runningMean;
    }

    public Tensor runningVar() {
        return runningVar;
    }

    /** How many training batches have updated the running statistics (PyTorch's num_batches_tracked). */
    public long batchesTracked() {
        return batchesTracked;
    }

    public void setBatchesTracked(long count) {
        this.batchesTracked = count;
    }

    @Override
    public Variable forward(Variable input) {
        outputShape(input.shape());
        if (isTraining()) {
            batchesTracked++;
        }
        return NormOps.batchNorm(input, weight.variable(), bias.variable(), runningMean, runningVar, eps, momentum,
                isTraining());
    }

    /** Evaluation-mode normalisation of {@code x} where it lies, recording nothing (see {@link ConvBn}). */
    void normalizeInPlace(Tensor x) {
        Shape s = outputShape(x.shape());
        float[] data = x.data();
        BatchNorm.forwardEval(s.dim(0), channels, s.dim(2) * s.dim(3), data, weight.value().data(),
                bias.value().data(), eps, runningMean.data(), runningVar.data(), data);
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 4 || input.dim(1) != channels) {
            throw inputError("N x " + channels + " x H x W input", input);
        }
        return input;
    }

    @Override
    public String describe() {
        return "BatchNorm2d(" + channels + ")";
    }
}
