package conv4j.vision.data;

/** The two splits of MNIST-style data and their original file names (without {@code .gz}). */
public enum MnistSplit {
    TRAIN("train"),
    TEST("t10k");

    private final String prefix;

    MnistSplit(String prefix) {
        this.prefix = prefix;
    }

    public String imagesFile() {
        return prefix + "-images-idx3-ubyte";
    }

    public String labelsFile() {
        return prefix + "-labels-idx1-ubyte";
    }
}
