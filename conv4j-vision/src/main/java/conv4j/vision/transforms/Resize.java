package conv4j.vision.transforms;

import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.train.SampleTransform;
import conv4j.vision.image.ImageException;
import conv4j.vision.image.ImageLoader;
import conv4j.vision.image.ImageTensors;
import java.util.Locale;

/**
 * Resizes the image bilinearly, antialiased when reducing ({@link ImageTensors#resizeBilinear}), as torchvision's
 * {@code Resize}: either the shorter side to a length, the longer in proportion (rounded down, as torchvision), or to
 * an exact height x width.
 */
public final class Resize implements SampleTransform {
    private final int shorterSide;
    private final int height;
    private final int width;

    private Resize(int shorterSide, int height, int width) {
        this.shorterSide = shorterSide;
        this.height = height;
        this.width = width;
    }

    /** The shorter side to {@code size} pixels, keeping the aspect ratio: 256 makes a 640 x 480 photo 341 x 256. */
    public static Resize shorterSide(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("Resize shorter side must be at least 1, received " + size);
        }
        return new Resize(size, 0, 0);
    }

    /** Exactly {@code height} x {@code width}, whatever the aspect ratio. */
    public static Resize to(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("Resize needs a height and width of at least 1, received " + height
                    + " x " + width);
        }
        return new Resize(0, height, width);
    }

    @Override
    public Tensor apply(Tensor input, Rng rng) {
        if (shorterSide > 0) {
            requireBounded(input.shape());
        }
        Shape out = outputShape(input.shape());
        if (out.equals(input.shape())) {
            return input;
        }
        return ImageTensors.resizeBilinear(input, out.dim(1), out.dim(2));
    }

    @Override
    public Shape outputShape(Shape input) {
        Images.checkImage("Resize", input);
        if (shorterSide == 0) {
            return Shape.of(input.dim(0), height, width);
        }
        int h = input.dim(1);
        int w = input.dim(2);
        int shorter = Math.min(h, w);
        int longer = (int) ((double) shorterSide * Math.max(h, w) / shorter);
        return h <= w ? Shape.of(input.dim(0), shorterSide, longer) : Shape.of(input.dim(0), longer, shorterSide);
    }

    /**
     * Scaling the shorter side keeps the aspect ratio, so a picture of 1 x 400000 pixels (856 bytes as a PNG) would
     * become 256 x 102,400,000: the result may hold no more pixels than a picture may when it is read.
     */
    private void requireBounded(Shape input) {
        int h = input.dim(1);
        int w = input.dim(2);
        double longer = (double) shorterSide * Math.max(h, w) / Math.min(h, w);
        if (longer * shorterSide > ImageLoader.DEFAULT_MAX_PIXELS) {
            throw ImageException.tooLarge("picture", String.format(Locale.ROOT, "a %d x %d picture resized to a "
                    + "shorter side of %d would be %,.0f pixels, over the limit of %,d; its sides are too unequal",
                    h, w, shorterSide, Math.floor(longer) * shorterSide, ImageLoader.DEFAULT_MAX_PIXELS));
        }
    }

    @Override
    public String toString() {
        return shorterSide > 0 ? "Resize(shorter side " + shorterSide + ")" : "Resize(" + height + "x" + width + ")";
    }
}
