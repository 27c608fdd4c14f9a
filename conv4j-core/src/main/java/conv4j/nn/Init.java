package conv4j.nn;

import conv4j.tensor.Rng;
import conv4j.tensor.Tensor;

/**
 * Weight initialisation. He (Kaiming) keeps the variance of ReLU activations constant from layer to layer
 * (variance 2 / fan_in); Xavier (Glorot) keeps it for symmetric activations such as tanh (variance 2 /
 * (fan_in + fan_out)). fan_in of a convolution is in-channels / groups x kernel area, fan_out out-channels x kernel area.
 */
public enum Init {
    HE_NORMAL, HE_UNIFORM, XAVIER_NORMAL, XAVIER_UNIFORM;

    public Tensor fill(Tensor weight, int fanIn, int fanOut, Rng rng) {
        if (fanIn < 1 || fanOut < 1) {
            throw new IllegalArgumentException("fan-in and fan-out must be positive, received " + fanIn + " and "
                    + fanOut);
        }
        double variance = switch (this) {
            case HE_NORMAL, HE_UNIFORM -> 2.0 / fanIn;
            case XAVIER_NORMAL, XAVIER_UNIFORM -> 2.0 / (fanIn + fanOut);
        };
        float[] w = weight.data();
        boolean normal = this == HE_NORMAL || this == XAVIER_NORMAL;
        double std = Math.sqrt(variance);
        double bound = Math.sqrt(3 * variance); // uniform(-b, b) has variance b^2 / 3
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (normal ? rng.nextGaussian() * std : (2 * rng.nextDouble() - 1) * bound);
        }
        return weight;
    }
}
