package conv4j.autograd;

import conv4j.kernels.Pool2dGeometry;
import conv4j.kernels.PoolKernel;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;

/** Max, average, adaptive and global average pooling; each channel of each sample is pooled on its own. */
public final class PoolOps {
    private PoolOps() {
    }

    public static Variable maxPool2d(Variable input, Pool2dGeometry g) {
        requireInput("maxPool2d", input, g);
        Tensor out = Tensor.zeros(g.batch(), g.channels(), g.outH(), g.outW());
        if (!Variable.recording(input)) {
            // No backward will route gradients: skip the argmax, which costs more than the max itself.
            PoolKernel.maxForward(g, input.value().data(), out.data());
            return Variable.result("maxPool2d", out, new Variable[] {input}, null);
        }
        int[] argmax = new int[g.outputSize()];
        PoolKernel.maxForward(g, input.value().data(), out.data(), argmax);
        return Variable.result("maxPool2d", out, new Variable[] {input}, grad -> {
            Tensor dx = Tensor.zeros(input.shape());
            PoolKernel.maxBackward(g, grad.data(), argmax, dx.data());
            input.addOwnedGrad(dx);
        });
    }

    public static Variable avgPool2d(Variable input, Pool2dGeometry g, boolean countIncludePad) {
        requireInput("avgPool2d", input, g);
        Tensor out = Tensor.zeros(g.batch(), g.channels(), g.outH(), g.outW());
        PoolKernel.averageForward(g, countIncludePad, input.value().data(), out.data());
        return Variable.result("avgPool2d", out, new Variable[] {input}, grad -> {
            Tensor dx = Tensor.zeros(input.shape());
            PoolKernel.averageBackward(g, countIncludePad, grad.data(), dx.data());
            input.addOwnedGrad(dx);
        });
    }

    /** N x C x H x W to N x C x outH x outW with PyTorch's adaptive windows. */
    public static Variable adaptiveAvgPool2d(Variable input, int outH, int outW) {
        Shape s = requireRank4("adaptiveAvgPool2d", input);
        int n = s.dim(0);
        int c = s.dim(1);
        int h = s.dim(2);
        int w = s.dim(3);
        Tensor out = Tensor.zeros(n, c, outH, outW);
        PoolKernel.adaptiveAverageForward(n, c, h, w, outH, outW, input.value().data(), out.data());
        return Variable.result("adaptiveAvgPool2d", out, new Variable[] {input}, grad -> {
            Tensor dx = Tensor.zeros(s);
            PoolKernel.adaptiveAverageBackward(n, c, h, w, outH, outW, grad.data(), dx.data());
            input.addOwnedGrad(dx);
        });
    }

    /** N x C x H x W to N x C: the mean of each feature map. */
    public static Variable globalAvgPool(Variable input) {
        Shape s = requireRank4("globalAvgPool", input);
        int n = s.dim(0);
        int c = s.dim(1);
        int h = s.dim(2);
        int w = s.dim(3);
        Tensor out = Tensor.zeros(n, c);
        PoolKernel.globalAverageForward(n, c, h, w, input.value().data(), out.data());
        return Variable.result("globalAvgPool", out, new Variable[] {input}, grad -> {
            Tensor dx = Tensor.zeros(s);
            PoolKernel.globalAverageBackward(n, c, h, w, grad.data(), dx.data());
            input.addOwnedGrad(dx);
        });
    }

    private static void requireInput(String op, Variable input, Pool2dGeometry g) {
        Shape expected = Shape.of(g.batch(), g.channels(), g.inH(), g.inW());
        if (!input.shape().equals(expected)) {
            throw new IllegalArgumentException(op + ": input " + input.shape() + " does not match the geometry's "
                    + expected);
        }
    }

    private static Shape requireRank4(String op, Variable input) {
        if (input.shape().rank() != 4) {
            throw new IllegalArgumentException(op + " needs an N x C x H x W input, received " + input.shape());
        }
        return input.shape();
    }
}
