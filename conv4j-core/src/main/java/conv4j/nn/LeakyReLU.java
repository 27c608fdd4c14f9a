package conv4j.nn;

import conv4j.autograd.ActivationOps;
import conv4j.autograd.Variable;

/** x for x > 0, alpha x otherwise: a small gradient below zero keeps neurons from dying. */
public final class LeakyReLU extends Pointwise {
    private final float alpha;

    /** alpha 0.01, the lecture's example and PyTorch's default. */
    public LeakyReLU() {
        this(0.01f);
    }

    public LeakyReLU(float alpha) {
        if (!(alpha >= 0 && alpha < 1)) {
            throw new IllegalArgumentException("LeakyReLU: alpha must be in [0, 1), received " + alpha);
        }
        this.alpha = alpha;
    }

    public float alpha() {
        return alpha;
    }

    @Override
    public Variable forward(Variable input) {
        return ActivationOps.leakyRelu(input, alpha);
    }

    @Override
    public String describe() {
        return "LeakyReLU(" + alpha + ")";
    }
}
