package conv4j.vision.transforms;

import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.train.SampleTransform;

/**
 * The {@code height} x {@code width} window in the middle of the image, as torchvision's {@code CenterCrop}: where the
 * margin is odd, the offset rounds half to even (Python's {@code round}, so 2.5 gives 2 and 1.5 gives 2); an image
 * smaller than the window is padded with zeros, the extra row or column at the bottom or right.
 */
public record CenterCrop(int height, int width) implements SampleTransform {

    public CenterCrop {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("CenterCrop needs a height and width of at least 1, received " + height
                    + " x " + width);
        }
    }

    public CenterCrop(int size) {
        this(size, size);
    }

    @Override
    public Tensor apply(Tensor input, Rng rng) {
        outputShape(input.shape());
        return Images.paddedCrop(input, offset(input.dim(1), height), offset(input.dim(2), width), height, width, 0);
    }

    /** Where the window starts: negative when it is larger than the image. */
    static int offset(int size, int window) {
        return size >= window ? (int) Math.rint((size - window) / 2.0) : -((window - size) / 2);
    }

    @Override
    public Shape outputShape(Shape input) {
        Images.checkImage("CenterCrop", input);
        return Shape.of(input.dim(0), height, width);
    }
}
