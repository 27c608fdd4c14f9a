package conv4j.nn;

import conv4j.autograd.PoolOps;
import conv4j.autograd.Variable;

/** Max pooling: each output is the largest value in its window; padding never wins. */
public final class MaxPool2d extends Pool2d {

    /** Non-overlapping windows: stride = kernel, the lecture's usual 2x2 stride 2. */
    public MaxPool2d(int kernelSize) {
        this(kernelSize, kernelSize);
    }

    /** e.g. 3x3 stride 2, the overlapping pooling of AlexNet and GoogLeNet. */
    public MaxPool2d(int kernelSize, int stride) {
        this(kernelSize, stride, 0, false);
    }

    public MaxPool2d(int kernelSize, int stride, int padding, boolean ceilMode) {
        super(kernelSize, kernelSize, stride, stride, padding, ceilMode);
    }

    @Override
    public Variable forward(Variable input) {
        return PoolOps.maxPool2d(input, geometry(input.shape()));
    }
}
