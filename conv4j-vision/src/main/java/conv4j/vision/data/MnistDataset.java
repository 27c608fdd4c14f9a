package conv4j.vision.data;

import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.train.Dataset;
import conv4j.train.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One split of MNIST, Fashion-MNIST or any folder holding the four IDX files under their original names, gzipped
 * ({@code train-images-idx3-ubyte.gz}) or not. Pixels stay bytes in memory (47 MB for MNIST's training split rather
 * than 188 MB of floats) and become a 1 x H x W tensor in [0, 1] (pixel / 255) when a sample is read.
 */
public final class MnistDataset implements Dataset {
    private static final float[] SCALED = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            SCALED[i] = i / 255f;
        }
    }

    private final byte[] pixels;
    private final byte[] labels;
    private final int size;
    private final int pixelsPerImage;
    private final Shape sampleShape;
    private final List<String> classNames;

    private MnistDataset(IdxFile images, IdxFile labels, List<String> classNames) {
        this.pixels = images.data();
        this.labels = labels.data();
        this.size = images.count();
        this.pixelsPerImage = images.dim(1) * images.dim(2);
        this.sampleShape = Shape.of(1, images.dim(1), images.dim(2));
        this.classNames = List.copyOf(classNames);
    }

    /** A split of MNIST or Fashion-MNIST from {@code folder}. */
    public static MnistDataset load(Path folder, MnistVariant variant, MnistSplit split) throws IOException {
        return load(folder, split, variant.classNames());
    }

    /** A split of any MNIST-style dataset in {@code folder}; labels must lie in {@code [0, classNames.size())}. */
    public static MnistDataset load(Path folder, MnistSplit split, List<String> classNames) throws IOException {
        Path imagesFile = find(folder, split.imagesFile());
        Path labelsFile = find(folder, split.labelsFile());
        // Both headers first: a file whose counts disagree must not cost a decompression of the other (a 2 GB bomb).
        int imageCount = IdxReader.dims(imagesFile, 3)[0];
        int labelCount = IdxReader.dims(labelsFile, 1)[0];
        if (imageCount != labelCount) {
            throw new IdxFormatException(labelsFile.toString(), "label count is " + labelCount + ", expected "
                    + imageCount + " (the image count of " + imagesFile + ")");
        }
        IdxFile images = IdxReader.read(imagesFile, 3);
        IdxFile labels = IdxReader.read(labelsFile, 1);
        return of(images, labels, classNames);
    }

    /** Pairs an images file (N x H x W) with a labels file (N), checking counts and label range. */
    public static MnistDataset of(IdxFile images, IdxFile labels, List<String> classNames) {
        if (images.rank() != 3) {
            throw new IdxFormatException(images.name(), "dimension count is " + images.rank() + ", expected 3");
        }
        if (labels.rank() != 1) {
            throw new IdxFormatException(labels.name(), "dimension count is " + labels.rank() + ", expected 1");
        }
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("a dataset needs at least one class name");
        }
        if (images.count() != labels.count()) {
            throw new IdxFormatException(labels.name(), "label count is " + labels.count() + ", expected "
                    + images.count() + " (the image count of " + images.name() + ")");
        }
        for (int i = 0; i < labels.count(); i++) {
            int label = labels.unsigned(i);
            if (label >= classNames.size()) {
                throw new IdxFormatException(labels.name(), "label of sample " + i + " is " + label + ", expected 0 to "
                        + (classNames.size() - 1));
            }
        }
        return new MnistDataset(images, labels, classNames);
    }

    /** {@code folder/name.gz}, else {@code folder/name}. */
    static Path find(Path folder, String name) {
        Path gz = folder.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path raw = folder.resolve(name);
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        throw new IllegalArgumentException(folder + " has neither " + name + ".gz nor " + name);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Shape sampleShape() {
        return sampleShape;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public Sample get(int index) {
        checkIndex(index);
        float[] x = new float[pixelsPerImage];
        int offset = index * pixelsPerImage;
        for (int i = 0; i < pixelsPerImage; i++) {
            x[i] = SCALED[pixels[offset + i] & 0xFF];
        }
        return new Sample(new Tensor(sampleShape, x), labels[index] & 0xFF);
    }

    @Override
    public int label(int index) {
        checkIndex(index);
        return labels[index] & 0xFF;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("sample index " + index + " is outside [0, " + size + ")");
        }
    }
}
