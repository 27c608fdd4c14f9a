package conv4j.vision.data;

import conv4j.vision.transforms.Normalize;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** MNIST and the datasets built in its image of 28x28 grey images in ten classes, with the same four IDX files. */
public enum MnistVariant {
    /** Handwritten digits; the published mean and std of the training pixels (scaled to [0, 1]). */
    MNIST("mnist", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), 0.1307f, 0.3081f),
    /**
     * Zalando's clothes. Mean and std computed once from train-images-idx3-ubyte: over all 47,040,000 pixels, each
     * divided by 255, in double precision, the population std (0.28604059..., 0.35302424...). The same computation
     * on MNIST gives its published 0.1307 and 0.3081.
     */
    FASHION_MNIST("fashion-mnist", List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
            "Sneaker", "Bag", "Ankle boot"), 0.2860f, 0.3530f);

    private final String id;
    private final List<String> classNames;
    private final float mean;
    private final float std;

    MnistVariant(String id, List<String> classNames, float mean, float std) {
        this.id = id;
        this.classNames = classNames;
        this.mean = mean;
        this.std = std;
    }

    /** The name used on the command line and as the cache folder: {@code mnist}, {@code fashion-mnist}. */
    public String id() {
        return id;
    }

    public List<String> classNames() {
        return classNames;
    }

    /** Mean of the training split's pixels in [0, 1]. */
    public float mean() {
        return mean;
    }

    /** Standard deviation of the training split's pixels in [0, 1]. */
    public float std() {
        return std;
    }

    /** The usual input normalisation for this dataset: (x - mean) / std. */
    public Normalize normalize() {
        return new Normalize(new float[] {mean}, new float[] {std});
    }

    public static MnistVariant byId(String id) {
        for (MnistVariant v : values()) {
            if (v.id.equals(id)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown dataset '" + id + "'; known: " + ids());
    }

    public static String ids() {
        return Arrays.stream(values()).map(MnistVariant::id).collect(Collectors.joining(", "));
    }
}
