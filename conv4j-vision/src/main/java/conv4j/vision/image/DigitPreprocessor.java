package conv4j.vision.image;

import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns a photo or drawing of one digit, of any size, into what MNIST is made of: 1 x 28 x 28 floats in [0, 1], a
 * white digit on black, its longer side 20 pixels, its centre of mass at the centre of the field. The steps are
 * those LeCun et al. used to build MNIST from NIST's scans:
 * <ol>
 * <li>grey scale; a light background (the median of the border pixels above 0.5) is inverted, so ink is bright;</li>
 * <li>background to exactly 0: levels at or below Otsu's threshold are background, and the ink above it is stretched
 * so that its median level becomes 1 (paper is rarely white nor ink black in a photo; MNIST strokes are full
 * white); regions of ink smaller than 5% of the largest are dropped as specks;</li>
 * <li>crop to the bounding box of the ink and scale it by area averaging so that its longer side is 20 pixels,
 * keeping the aspect ratio;</li>
 * <li>paste it into 28 x 28 shifted by the rounded offset that brings its centre of mass, in pixel-index
 * coordinates, to (14, 14); the shift is clamped so that no ink falls off the field.</li>
 * </ol>
 */
public final class DigitPreprocessor {
    /** MNIST's field: 28 x 28. */
    public static final int SIZE = 28;
    /** The longer side of the digit in the field. */
    public static final int BOX = 20;
    /** Larger pictures are first reduced to this longer side; the digit ends up 20 pixels high anyway. */
    static final int WORKING_SIZE = 1024;
    /** Below this difference between the mean levels of ink and background there is no digit, only noise. */
    static final float MIN_CONTRAST = 0.15f;
    /** Regions of ink smaller than this share of the largest one are specks. */
    static final double SPECK_FRACTION = 0.05;

    private final ImageLoader loader;

    public DigitPreprocessor() {
        this(new ImageLoader());
    }

    /** Reads files with {@code loader} (and its pixel limit). */
    public DigitPreprocessor(ImageLoader loader) {
        this.loader = loader;
    }

    /** The digit in {@code file} as 1 x 28 x 28. */
    public Tensor preprocess(Path file) {
        return preprocess(loader.load(file, ImageMode.GREY), file.toString());
    }

    /**
     * The digit in an image tensor (C x H x W in [0, 1], 1, 3 or 4 channels) as 1 x 28 x 28; {@code source} names the
     * picture in error messages.
     */
    public Tensor preprocess(Tensor image, String source) {
        Plane grey = workingGrey(image);
        if (borderMedian(grey) > 0.5f) {
            for (int i = 0; i < grey.values.length; i++) {
                grey.values[i] = 1f - grey.values[i];
            }
        }
        Plane ink = new Plane(separateInk(grey.values, source), grey.height, grey.width);
        InkComponents.removeSmall(ink.values, ink.height, ink.width, SPECK_FRACTION);
        Plane crop = cropToInk(ink, source);
        int h;
        int w;
        if (crop.height >= crop.width) {
            h = BOX;
            w = Math.max(1, Math.round((float) crop.width * BOX / crop.height));
        } else {
            w = BOX;
            h = Math.max(1, Math.round((float) crop.height * BOX / crop.width));
        }
        return centreByMass(new Plane(Resample.area(crop.values, crop.height, crop.width, h, w), h, w));
    }

    /** A grey plane, H x W row-major, that the steps below may change in place. */
    private record Plane(float[] values, int height, int width) {
    }

    /** A grey copy of the image, reduced by area averaging when it is larger than {@link #WORKING_SIZE}. */
    private static Plane workingGrey(Tensor image) {
        Tensor grey = image.shape().rank() == 3 && image.shape().dim(0) == 1
                ? image : ImageTensors.convert(image, ImageMode.GREY);
        int height = grey.shape().dim(-2);
        int width = grey.shape().dim(-1);
        int longer = Math.max(height, width);
        if (longer <= WORKING_SIZE) {
            return new Plane(grey.data().clone(), height, width);
        }
        int h = Math.max(1, Math.round((float) height * WORKING_SIZE / longer));
        int w = Math.max(1, Math.round((float) width * WORKING_SIZE / longer));
        return new Plane(Resample.area(grey.data(), height, width, h, w), h, w);
    }

    private static Plane cropToInk(Plane ink, String source) {
        int top = ink.height;
        int bottom = -1;
        int left = ink.width;
        int right = -1;
        for (int y = 0; y < ink.height; y++) {
            for (int x = 0; x < ink.width; x++) {
                if (ink.values[y * ink.width + x] > 0) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        if (bottom < 0) {
            throw blank(source, "");
        }
        int height = bottom - top + 1;
        int width = right - left + 1;
        float[] crop = new float[height * width];
        for (int y = 0; y < height; y++) {
            System.arraycopy(ink.values, (top + y) * ink.width + left, crop, y * width, width);
        }
        return new Plane(crop, height, width);
    }

    /** Ink above Otsu's threshold, stretched so its median level is 1; background exactly 0. */
    private static float[] separateInk(float[] g, String source) {
        long[] histogram = Otsu.histogram(g);
        int k = Otsu.threshold(histogram);
        if (k < 0) {
            throw blank(source, "");
        }
        double lowCount = 0;
        double lowSum = 0;
        double highCount = 0;
        double highSum = 0;
        for (int i = 0; i < Otsu.LEVELS; i++) {
            if (i <= k) {
                lowCount += histogram[i];
                lowSum += (double) i * histogram[i];
            } else {
                highCount += histogram[i];
                highSum += (double) i * histogram[i];
            }
        }
        float contrast = (float) ((highSum / highCount - lowSum / lowCount) / (Otsu.LEVELS - 1));
        if (contrast < MIN_CONTRAST) {
            throw blank(source, String.format(Locale.ROOT,
                    " (its darker and lighter pixels differ by only %.2f of the grey range)", contrast));
        }
        int median = k + 1;
        long seen = 0;
        while (median < Otsu.LEVELS - 1 && (seen += histogram[median]) * 2 < highCount) {
            median++;
        }
        float threshold = (k + 0.5f) / (Otsu.LEVELS - 1);
        float full = (float) median / (Otsu.LEVELS - 1);
        float[] ink = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            if (Otsu.level(g[i]) > k) {
                ink[i] = Math.min(1f, Math.max(0f, (g[i] - threshold) / (full - threshold)));
            }
        }
        return ink;
    }

    /** The digit pasted into the field with its centre of mass moved to (14, 14). */
    private static Tensor centreByMass(Plane digit) {
        int h = digit.height;
        int w = digit.width;
        double mass = 0;
        double sumY = 0;
        double sumX = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = digit.values[y * w + x];
                mass += v;
                sumY += v * y;
                sumX += v * x;
            }
        }
        double centre = SIZE / 2.0;
        int top = clamp((int) Math.round(centre - sumY / mass), 0, SIZE - h);
        int left = clamp((int) Math.round(centre - sumX / mass), 0, SIZE - w);
        float[] field = new float[SIZE * SIZE];
        for (int y = 0; y < h; y++) {
            System.arraycopy(digit.values, y * w, field, (top + y) * SIZE + left, w);
        }
        return new Tensor(Shape.of(1, SIZE, SIZE), field);
    }

    /** The median level of a frame 2% of the shorter side wide (at least one pixel) around the picture. */
    private static float borderMedian(Plane grey) {
        int height = grey.height;
        int width = grey.width;
        int frame = Math.max(1, Math.min(height, width) / 50);
        long[] histogram = new long[Otsu.LEVELS];
        long n = 0;
        for (int y = 0; y < height; y++) {
            boolean edgeRow = y < frame || y >= height - frame;
            for (int x = 0; x < width; x++) {
                if (edgeRow || x < frame || x >= width - frame) {
                    histogram[Otsu.level(grey.values[y * width + x])]++;
                    n++;
                }
            }
        }
        long seen = 0;
        int level = 0;
        while ((seen += histogram[level]) * 2 <= n && level < Otsu.LEVELS - 1) {
            level++;
        }
        return (float) level / (Otsu.LEVELS - 1);
    }

    private static ImageException blank(String source, String detail) {
        return new ImageException(source, source + ": no digit found: the image is blank" + detail);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
