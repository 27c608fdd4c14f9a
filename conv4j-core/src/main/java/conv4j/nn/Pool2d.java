package conv4j.nn;

import conv4j.kernels.Pool2dGeometry;
import conv4j.tensor.Shape;

/**
 * What max and average pooling share: a window, a stride, zero padding and the rounding mode. Pooling has no learned
 * parameters and keeps the channel count; each channel is pooled on its own.
 */
abstract class Pool2d extends Module {
    final int kernelH;
    final int kernelW;
    final int strideH;
    final int strideW;
    final int padding;
    final boolean ceilMode;

    Pool2d(int kernelH, int kernelW, int strideH, int strideW, int padding, boolean ceilMode) {
        if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1 || padding < 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": kernel and stride must be positive "
                    + "and padding non-negative, received kernel " + kernelH + "x" + kernelW + ", stride " + strideH
                    + "x" + strideW + ", padding " + padding);
        }
        this.kernelH = kernelH;
        this.kernelW = kernelW;
        this.strideH = strideH;
        this.strideW = strideW;
        this.padding = padding;
        this.ceilMode = ceilMode;
    }

    /** The window's side; windows are square. */
    public int kernelSize() {
        return kernelH;
    }

    public int stride() {
        return strideH;
    }

    public int padding() {
        return padding;
    }

    public boolean ceilMode() {
        return ceilMode;
    }

    Pool2dGeometry geometry(Shape input) {
        if (input.rank() != 4) {
            throw inputError("an N x C x H x W input", input);
        }
        try {
            return new Pool2dGeometry(input.dim(0), input.dim(1), input.dim(2), input.dim(3), kernelH, kernelW,
                    strideH, strideW, padding, padding, ceilMode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label() + " on input " + input + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Shape outputShape(Shape input) {
        Pool2dGeometry g = geometry(input);
        return Shape.of(g.batch(), g.channels(), g.outH(), g.outW());
    }

    @Override
    public Window window() {
        return new Window(kernelH, kernelW, strideH, strideW);
    }

    @Override
    public String describe() {
        StringBuilder b = new StringBuilder(typeName()).append('(').append(kernelH == kernelW ? "" + kernelH
                : kernelH + "x" + kernelW);
        if (strideH != kernelH || strideW != kernelW) {
            b.append(", stride ").append(strideH == strideW ? "" + strideH : strideH + "x" + strideW);
        }
        if (padding != 0) {
            b.append(", padding ").append(padding);
        }
        if (ceilMode) {
            b.append(", ceil mode");
        }
        return b.append(')').toString();
    }
}
