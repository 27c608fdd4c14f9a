package conv4j.nn;

import conv4j.autograd.NormOps;
import conv4j.autograd.Variable;
import conv4j.kernels.LocalResponseNormKernel;
import conv4j.tensor.Shape;

/**
 * AlexNet's local response normalisation across channels: b_c = a_c / (k + alpha / size * sum of a^2 over the
 * size neighbouring channels)^beta. No learned parameters.
 */
public final class LocalResponseNorm extends Module {
    private final LocalResponseNormKernel kernel;

    /** The AlexNet paper's setting: size 5, alpha 1e-4, beta 0.75, k 2. */
    public static LocalResponseNorm alexNet() {
        return new LocalResponseNorm(5, 1e-4, 0.75, 2);
    }

    public LocalResponseNorm(int size, double alpha, double beta, double k) {
        try {
            this.kernel = new LocalResponseNormKernel(size, alpha, beta, k);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("LocalResponseNorm: " + e.getMessage(), e);
        }
    }

    public int size() {
        return kernel.size();
    }

    public double alpha() {
        return kernel.alpha();
    }

    public double beta() {
        return kernel.beta();
    }

    public double k() {
        return kernel.k();
    }

    @Override
    public Variable forward(Variable input) {
        outputShape(input.shape());
        return NormOps.localResponseNorm(input, kernel);
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 4) {
            throw inputError("an N x C x H x W input", input);
        }
        return input;
    }

    @Override
    public String describe() {
        return "LocalResponseNorm(size " + kernel.size() + ", alpha " + kernel.alpha() + ", beta " + kernel.beta()
                + ", k " + kernel.k() + ")";
    }
}
