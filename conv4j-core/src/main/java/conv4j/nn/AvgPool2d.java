package conv4j.nn;

import conv4j.autograd.PoolOps;
import conv4j.autograd.Variable;

/** Average pooling: each output is the mean of its window (padding counted, as PyTorch's default, unless told not). */
public final class AvgPool2d extends Pool2d {
    private final boolean countIncludePad;

    public AvgPool2d(int kernelSize) {
        this(kernelSize, kernelSize);
    }

    public AvgPool2d(int kernelSize, int stride) {
        this(kernelSize, stride, 0, false, true);
    }

    public AvgPool2d(int kernelSize, int stride, int padding, boolean ceilMode, boolean countIncludePad) {
        super(kernelSize, kernelSize, stride, stride, padding, ceilMode);
        this.countIncludePad = countIncludePad;
    }

    /** Whether padded positions count in the divisor of a window's mean. */
    public boolean countIncludePad() {
        return countIncludePad;
    }

    @Override
    public Variable forward(Variable input) {
        return PoolOps.avgPool2d(input, geometry(input.shape()), countIncludePad);
    }
}
