package conv4j.cli;

import conv4j.io.ModelInfo;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.vision.image.DigitPreprocessor;
import conv4j.vision.image.ImageLoader;
import conv4j.vision.image.ImageMode;
import java.nio.file.Path;

/**
 * Turns a user's picture into what a saved model takes: for a 1 x 28 x 28 model trained on IDX digits, a digit
 * prepared as MNIST was made (grey, ink white on black, cropped, scaled into 20 x 20, centred by mass); for other
 * models the picture in the model's channels, resized and cut to its input in the middle as eval prepares an image
 * folder's pictures ({@link ImageFolderData#preset}). Then the model's own normalisation.
 */
final class ModelInput {
    private static final Shape DIGIT = Shape.of(1, DigitPreprocessor.SIZE, DigitPreprocessor.SIZE);

    private final ModelInfo info;
    private final ImageLoader loader = new ImageLoader();
    private final DigitPreprocessor digits = new DigitPreprocessor(loader);

    ModelInput(ModelInfo info) {
        this.info = info;
    }

    /** The picture as one sample, C x H x W, normalised. */
    Tensor prepare(Path picture) {
        Shape shape = info.inputShape();
        Tensor x;
        if (shape.equals(DIGIT) && !info.facts().containsKey(ImageFolderData.RESIZE)) {
            x = digits.preprocess(picture);
        } else {
            int channels = shape.dim(0);
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException(picture + ": the model takes " + channels
                        + "-channel inputs; pictures have 1 (grey) or 3 (RGB)");
            }
            Tensor image = loader.load(picture, channels == 1 ? ImageMode.GREY : ImageMode.RGB);
            x = ImageFolderData.preset(info).prepare(image);
        }
        return normalise(x);
    }

    /** (x - mean) / std per channel, as the model was trained. */
    Tensor normalise(Tensor x) {
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
