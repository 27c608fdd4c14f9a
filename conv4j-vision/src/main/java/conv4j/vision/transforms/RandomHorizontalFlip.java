package conv4j.vision.transforms;

import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.train.SampleTransform;

/**
 * Mirrors the image left to right with probability {@code p} (0.5 in the lecture's augmentation: a cat looking left
 * is still a cat). One draw from the generator per image, flipped or not, so the stream stays aligned.
 */
public record RandomHorizontalFlip(double p) implements SampleTransform {

    public RandomHorizontalFlip {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("RandomHorizontalFlip p must be in [0, 1], received " + p);
        }
    }

    public RandomHorizontalFlip() {
        this(0.5);
    }

    @Override
    public Tensor apply(Tensor input, Rng rng) {
        Images.checkImage("RandomHorizontalFlip", input.shape());
        return rng.nextDouble() < p ? flip(input) : input;
    }

    @Override
    public Shape outputShape(Shape input) {
        Images.checkImage("RandomHorizontalFlip", input);
        return input;
    }

    /** The image mirrored left to right; a new tensor. */
    public static Tensor flip(Tensor input) {
        Images.checkImage("flip", input.shape());
        int w = input.dim(2);
        int rows = input.dim(0) * input.dim(1);
        float[] x = input.data();
        float[] y = new float[x.length];
        for (int r = 0; r < rows; r++) {
            int base = r * w;
            for (int c = 0; c < w; c++) {
                y[base + c] = x[base + w - 1 - c];
            }
        }
        return new Tensor(input.shape(), y);
    }
}
