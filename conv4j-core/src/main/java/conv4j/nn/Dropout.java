package conv4j.nn;

import conv4j.autograd.Ops;
import conv4j.autograd.Variable;
import conv4j.tensor.Rng;

/**
 * In training, zeroes a fraction p of the activations at random and scales the rest by 1 / (1 - p); in evaluation,
 * the identity. The layer owns its random stream, seeded at construction, so training is reproducible.
 */
public final class Dropout extends Pointwise {
    private final float p;
    private final Rng rng;

    public Dropout(float p, Rng rng) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("Dropout: p must be in [0, 1), received " + p);
        }
        this.p = p;
        this.rng = rng.split();
    }

    public float p() {
        return p;
    }

    /** The layer's random stream, whose state a checkpoint saves. */
    public Rng rng() {
        return rng;
    }

    @Override
    public Variable forward(Variable input) {
        outputShape(input.shape());
        if (!isTraining() || p == 0f) {
            return input;
        }
        return Ops.dropout(input, p, rng);
    }

    @Override
    public String describe() {
        return "Dropout(" + p + ")";
    }
}
