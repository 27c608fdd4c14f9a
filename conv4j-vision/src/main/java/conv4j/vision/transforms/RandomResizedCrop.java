package conv4j.vision.transforms;

import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.train.SampleTransform;
import conv4j.vision.image.ImageTensors;

/**
 * torchvision's {@code RandomResizedCrop}, the augmentation of Inception and of torchvision's ResNet recipe: a window
 * of a random share of the image's area (uniform in {@code [minScale, maxScale]}) and a random aspect ratio (uniform
 * in log between {@code minRatio} and {@code maxRatio}), resized to {@code height} x {@code width} bilinearly. A
 * window that does not fit is drawn again, up to ten times; then the largest central window within the ratio range
 * is taken, as torchvision does.
 */
public record RandomResizedCrop(int height, int width, double minScale, double maxScale, double minRatio,
                                double maxRatio) implements SampleTransform {
    private static final int TRIES = 10;

    public RandomResizedCrop {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("RandomResizedCrop size must be at least 1, received " + height + "x"
                    + width);
        }
        if (!(minScale > 0 && minScale <= maxScale && maxScale <= 1)) {
            throw new IllegalArgumentException("RandomResizedCrop scale must satisfy 0 < min <= max <= 1, received "
                    + minScale + " .. " + maxScale);
        }
        if (!(minRatio > 0 && minRatio <= maxRatio && Double.isFinite(maxRatio))) {
            throw new IllegalArgumentException("RandomResizedCrop ratio must satisfy 0 < min <= max, received "
                    + minRatio + " .. " + maxRatio);
        }
    }

    /** torchvision's defaults: 8% to 100% of the area, aspect ratios 3/4 to 4/3. */
    public RandomResizedCrop(int height, int width) {
        this(height, width, 0.08, 1.0, 3.0 / 4.0, 4.0 / 3.0);
    }

    /** A window of the image: its top-left corner and its size, inside the image. */
    public record Window(int top, int left, int height, int width) {
    }

    @Override
    public Tensor apply(Tensor input, Rng rng) {
        outputShape(input.shape());
        Window box = window(input.dim(1), input.dim(2), rng);
        Tensor crop = Images.paddedCrop(input, box.top(), box.left(), box.height(), box.width(), 0);
        return ImageTensors.resizeBilinear(crop, height, width);
    }

    /** The window cut from an {@code imageHeight} x {@code imageWidth} image; the draws torchvision's get_params makes. */
    public Window window(int imageHeight, int imageWidth, Rng rng) {
        double area = (double) imageHeight * imageWidth;
        double logMin = Math.log(minRatio);
        double logMax = Math.log(maxRatio);
        for (int attempt = 0; attempt < TRIES; attempt++) {
            double target = area * (minScale + (maxScale - minScale) * rng.nextDouble());
            double aspect = Math.exp(logMin + (logMax - logMin) * rng.nextDouble());
            int w = (int) Math.rint(Math.sqrt(target * aspect));
            int h = (int) Math.rint(Math.sqrt(target / aspect));
            if (w > 0 && w <= imageWidth && h > 0 && h <= imageHeight) {
                int top = rng.nextInt(imageHeight - h + 1);
                int left = rng.nextInt(imageWidth - w + 1);
                return new Window(top, left, h, w);
            }
        }
        // The central window: the whole image, trimmed to the nearest allowed aspect ratio. Rounding is half to
        // even throughout, as Python's round() in torchvision.
        double inRatio = (double) imageWidth / imageHeight;
        int w = imageWidth;
        int h = imageHeight;
        if (inRatio < minRatio) {
            h = Math.max(1, (int) Math.rint(w / minRatio));
        } else if (inRatio > maxRatio) {
            w = Math.max(1, (int) Math.rint(h * maxRatio));
        }
        return new Window((imageHeight - h) / 2, (imageWidth - w) / 2, h, w);
    }

    @Override
    public Shape outputShape(Shape input) {
        Images.checkImage("RandomResizedCrop", input);
        return Shape.of(input.dim(0), height, width);
    }
}
