package conv4j.vision.transforms;

import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.train.SampleTransform;

/**
 * Moves the image by a random whole number of pixels, up to {@code maxShift} each way in each direction, filling with
 * zeros; the size stays. The usual augmentation of MNIST (2 pixels); for any image size, unlike {@link RandomCrop}.
 */
public record RandomShift(int maxShift) implements SampleTransform {

    public RandomShift {
        if (maxShift < 0) {
            throw new IllegalArgumentException("RandomShift maxShift must be at least 0, received " + maxShift);
        }
    }

    @Override
    public Tensor apply(Tensor input, Rng rng) {
        Images.checkImage("RandomShift", input.shape());
        int top = rng.nextInt(2 * maxShift + 1);
        int left = rng.nextInt(2 * maxShift + 1);
        return Images.paddedCrop(input, top, left, input.dim(1), input.dim(2), maxShift);
    }

    @Override
    public Shape outputShape(Shape input) {
        Images.checkImage("RandomShift", input);
        return input;
    }
}
