package conv4j.io;

import conv4j.tensor.Shape;
import java.util.List;

/**
 * What a user tells a loader about a model whose file does not say it all (an ONNX graph knows no class names, no
 * normalisation, and may leave its picture size open). Each field is null where the user said nothing, and the
 * loader then assumes what it can and reports it ({@link ModelInfo#ASSUMED_FACT}). A conv4j model file records all
 * of it, so it takes none of these.
 *
 * @param inputShape  one sample, C x H x W
 * @param classNames  one name per score, in the order of the outputs
 * @param mean        per-channel mean subtracted from pictures; given with {@code std}
 * @param std         per-channel deviation pictures are divided by
 * @param preparation how a picture becomes the input
 */
public record LoadOptions(Shape inputShape, List<String> classNames, List<Double> mean, List<Double> std,
        Preparation preparation) {

    /** How a picture of any size becomes the model's input. */
    public enum Preparation {
        /** The loader's choice: resized (and for ImageNet-sized inputs cut in the middle) to the input. */
        DEFAULT,
        /** Resized to the model's input, never treated as a handwritten digit. */
        RESIZE,
        /** A handwritten digit made as MNIST's were (1 x 28 x 28 inputs only). */
        DIGIT
    }

    public LoadOptions {
        if ((mean == null) != (std == null)) {
            throw new IllegalArgumentException("a mean and a std go together; received only the "
                    + (mean == null ? "std" : "mean"));
        }
        if (inputShape != null && (inputShape.rank() != 3 || inputShape.size() == 0)) {
            throw new IllegalArgumentException("an input shape is C x H x W with no zero, received " + inputShape);
        }
        classNames = classNames == null ? null : List.copyOf(classNames);
        mean = mean == null ? null : List.copyOf(mean);
        std = std == null ? null : List.copyOf(std);
        preparation = preparation == null ? Preparation.DEFAULT : preparation;
    }

    /** Nothing said: the file and the loader's assumptions decide. */
    public static LoadOptions none() {
        return new LoadOptions(null, null, null, null, Preparation.DEFAULT);
    }

    /** Whether the user said nothing. */
    public boolean isEmpty() {
        return inputShape == null && classNames == null && mean == null && preparation == Preparation.DEFAULT;
    }

    public LoadOptions withInputShape(Shape shape) {
        return new LoadOptions(shape, classNames, mean, std, preparation);
    }

    public LoadOptions withClassNames(List<String> names) {
        return new LoadOptions(inputShape, names, mean, std, preparation);
    }

    public LoadOptions withNormalisation(List<Double> mean, List<Double> std) {
        return new LoadOptions(inputShape, classNames, mean, std, preparation);
    }

    public LoadOptions withPreparation(Preparation p) {
        return new LoadOptions(inputShape, classNames, mean, std, p);
    }
}
