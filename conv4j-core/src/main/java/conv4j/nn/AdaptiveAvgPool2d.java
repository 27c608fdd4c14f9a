package conv4j.nn;

import conv4j.autograd.PoolOps;
import conv4j.autograd.Variable;
import conv4j.tensor.Shape;

/**
 * Average pooling to a fixed output size whatever the input size (torchvision puts one before the classifier so
 * that any input size gives the classifier the same number of features).
 */
public final class AdaptiveAvgPool2d extends Module {
    private final int outH;
    private final int outW;

    public AdaptiveAvgPool2d(int outH, int outW) {
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException("AdaptiveAvgPool2d: output size must be positive, received " + outH
                    + "x" + outW);
        }
        this.outH = outH;
        this.outW = outW;
    }

    public int outH() {
        return outH;
    }

    public int outW() {
        return outW;
    }

    @Override
    public Variable forward(Variable input) {
        outputShape(input.shape());
        return PoolOps.adaptiveAvgPool2d(input, outH, outW);
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 4) {
            throw inputError("an N x C x H x W input", input);
        }
        return Shape.of(input.dim(0), input.dim(1), outH, outW);
    }

    @Override
    public String describe() {
        return "AdaptiveAvgPool2d(" + outH + "x" + outW + ")";
    }
}
