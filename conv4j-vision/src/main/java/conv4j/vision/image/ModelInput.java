package conv4j.vision.image;

import conv4j.io.ModelInfo;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.vision.transforms.ClassificationPreset;
import java.nio.file.Path;

/**
 * Turns a user's picture into what a saved model takes: for a model of MNIST's digits, a digit prepared as MNIST was
 * made (grey, ink white on black, cropped, scaled into 20 x 20, centred by mass; see {@link #takesDigits}); for other
 * models the picture in the
 * model's channels, resized and cut to its input in the middle as evaluation prepares an image folder's pictures
 * ({@link ClassificationPreset#of(ModelInfo)}). Then the model's own normalisation. The command line and the
 * web lab both prepare pictures here, so a drawing and a file of the same digit reach the model alike.
 */
public final class ModelInput {
    private static final Shape DIGIT = Shape.of(1, DigitPreprocessor.SIZE, DigitPreprocessor.SIZE);

    private final ModelInfo info;
    private final ImageLoader loader;
    private final DigitPreprocessor digits;

    public ModelInput(ModelInfo info) {
        this(info, new ImageLoader());
    }

    /** Reads files with {@code loader} (and its pixel limit). */
    public ModelInput(ModelInfo info, ImageLoader loader) {
        this.info = info;
        this.loader = loader;
        this.digits = new DigitPreprocessor(loader);
    }

    /** The model-file fact naming how pictures are prepared: {@value #DIGIT_PREPARATION} or {@value #PLAIN}. */
    public static final String PREPARATION_FACT = "preparation";
    /** Crop, scale into 20 x 20 and centre, as MNIST's digits were made. */
    public static final String DIGIT_PREPARATION = "digit";
    /** Resize and cut to the input, as evaluation prepares a folder's pictures. */
    public static final String PLAIN = "resize";
    /** The named 28 x 28 datasets whose pictures are not digits; an IDX folder of one's own is taken for digits. */
    private static final java.util.Set<String> NOT_DIGITS = java.util.Set.of("fashion-mnist");

    /**
     * Whether the model takes MNIST-style digits, which {@link #prepare} makes from any picture of one digit: as its
     * file records ({@value #PREPARATION_FACT}); for files from before that fact, a 1 x 28 x 28 model not trained on a
     * dataset known to hold no digits. A Fashion-MNIST model must not see its ankle boots
     * cropped and centred like a digit: that took it from 83.6% to 54% on its own test pictures.
     */
    public boolean takesDigits() {
        String recorded = info.facts().get(PREPARATION_FACT);
        if (recorded != null) {
            return recorded.equals(DIGIT_PREPARATION);
        }
        String dataset = info.facts().get("dataset");
        return info.inputShape().equals(DIGIT) && !info.facts().containsKey(ClassificationPreset.RESIZE_FACT)
                && (dataset == null || !NOT_DIGITS.contains(dataset));
    }

    /** The preparation a model trained on {@code dataset} (a name such as "mnist", or an IDX folder) takes. */
    public static String preparationFor(String dataset, Shape input) {
        return input.equals(DIGIT) && !NOT_DIGITS.contains(dataset) ? DIGIT_PREPARATION : PLAIN;
    }

    /** The picture as one sample, C x H x W, normalised. */
    public Tensor prepare(Path picture) {
        return normalise(shape(loader.load(picture, mode()), picture.toString()));
    }

    /** An encoded picture received as bytes (PNG, JPEG, BMP, GIF), prepared as a file is; {@code source} names it. */
    public Tensor prepare(byte[] encoded, String source) {
        return normalise(shape(loader.load(encoded, source, mode()), source));
    }

    /** The channels pictures are read in for this model: grey for one channel, RGB for three. */
    public ImageMode mode() {
        int channels = info.inputShape().dim(0);
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("the model takes " + channels
                    + "-channel inputs; pictures have 1 (grey) or 3 (RGB)");
        }
        return channels == 1 ? ImageMode.GREY : ImageMode.RGB;
    }

    /**
     * A decoded picture (C x H x W in [0, 1]) as the model sees it before normalisation: for a digit model, the
     * 28 x 28 MNIST-style digit; else resized and cut to the model's input. {@code source} names it in messages.
     */
    public Tensor shape(Tensor image, String source) {
        if (takesDigits()) {
            return digits.preprocess(image, source);
        }
        Shape shape = info.inputShape();
        Tensor converted = image.dim(0) == shape.dim(0) ? image : ImageTensors.convert(image, mode());
        return ClassificationPreset.of(info).prepare(converted);
    }

    /** (x - mean) / std per channel, as the model was trained; in place. */
    public Tensor normalise(Tensor x) {
        if (info.mean().isEmpty()) {
            return x;
        }
        int channels = x.dim(0);
        int plane = x.size() / channels;
        float[] d = x.data();
        for (int c = 0; c < channels; c++) {
            float mean = info.mean().get(c).floatValue();
            float std = info.std().get(c).floatValue();
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                d[i] = (d[i] - mean) / std;
            }
        }
        return x;
    }
}
