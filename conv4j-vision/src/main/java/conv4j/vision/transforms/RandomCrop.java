package conv4j.vision.transforms;

import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.train.SampleTransform;

/**
 * Zero-pads the image by {@code padding} on every side, then cuts a {@code height} x {@code width} window at a random
 * place: the lecture's augmentation (224 x 224 from 256 x 256), the standard one of CIFAR (32, padding 4) and, with
 * the size of the image, a random shift of up to {@code padding} pixels (see {@link RandomShift}).
 */
public record RandomCrop(int height, int width, int padding) implements SampleTransform {

    public RandomCrop {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("RandomCrop size must be at least 1, received " + height + "x"
                    + width);
        }
        if (padding < 0) {
            throw new IllegalArgumentException("RandomCrop padding must be at least 0, received " + padding);
        }
    }

    /** A square window. */
    public RandomCrop(int size, int padding) {
        this(size, size, padding);
    }

    @Override
    public Tensor apply(Tensor input, Rng rng) {
        outputShape(input.shape());
        int top = rng.nextInt(input.dim(1) + 2 * padding - height + 1);
        int left = rng.nextInt(input.dim(2) + 2 * padding - width + 1);
        return Images.paddedCrop(input, top, left, height, width, padding);
    }

    @Override
    public Shape outputShape(Shape input) {
        Images.checkImage("RandomCrop", input);
        if (input.dim(1) + 2 * padding < height || input.dim(2) + 2 * padding < width) {
            throw new IllegalArgumentException("RandomCrop of " + height + "x" + width + " does not fit in a " + input
                    + " input padded by " + padding);
        }
        return Shape.of(input.dim(0), height, width);
    }
}
