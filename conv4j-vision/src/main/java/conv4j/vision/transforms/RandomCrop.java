package conv4j.vision.transforms;

import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.train.SampleTransform;

/**
 * Zero-pads the image by {@code padding} on every side, then cuts a {@code size} x {@code size} window at a random
 * place: the standard augmentation of CIFAR (32, padding 4) and, with the size of the image, a random shift of up to
 * {@code padding} pixels (see {@link RandomShift}).
 */
public record RandomCrop(int size, int padding) implements SampleTransform {

    public RandomCrop {
        if (size < 1) {
            throw new IllegalArgumentException("RandomCrop size must be at least 1, received " + size);
        }
        if (padding < 0) {
            throw new IllegalArgumentException("RandomCrop padding must be at least 0, received " + padding);
        }
    }

    @Override
    public Tensor apply(Tensor input, Rng rng) {
        outputShape(input.shape());
        int top = rng.nextInt(input.dim(1) + 2 * padding - size + 1);
        int left = rng.nextInt(input.dim(2) + 2 * padding - size + 1);
        return Images.paddedCrop(input, top, left, size, size, padding);
    }

    @Override
    public Shape outputShape(Shape input) {
        Images.checkImage("RandomCrop", input);
        if (input.dim(1) + 2 * padding < size || input.dim(2) + 2 * padding < size) {
            throw new IllegalArgumentException("RandomCrop of " + size + "x" + size + " does not fit in a " + input
                    + " input padded by " + padding);
        }
        return Shape.of(input.dim(0), size, size);
    }
}
