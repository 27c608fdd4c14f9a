package conv4j.vision.data;

import conv4j.kernels.Parallel;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.train.Dataset;
import conv4j.train.Sample;
import conv4j.train.SampleTransform;
import conv4j.vision.image.ImageException;
import conv4j.vision.image.ImageLoader;
import conv4j.vision.image.ImageMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A folder of pictures with one sub-folder per class, as torchvision's ImageFolder: {@code root/cat/001.jpg},
 * {@code root/dog/xyz.png}; classes in sorted order, PNG, JPEG, BMP and GIF files at any depth (see
 * {@link ClassFolders} for what is left out), each read with the {@link ImageLoader}'s pixel limit, in the channels
 * asked (1 grey, 3 RGB), then through a transform that gives every picture the same C x H x W shape (a resize and a
 * crop, e.g. {@code ClassificationPreset.resize()}).
 *
 * <p>Building the dataset reads every picture once, on the shared thread pool: a picture that cannot be read is left
 * out with a one-line warning naming the file, so that one broken download among 10,000 photos costs one image, not
 * the run, and is found before training starts rather than in its third hour; the warnings list every file left out.
 * A class folder with no images, or none that can be read, is an error naming the folder: a class the model would
 * never see is a mistake in the folder, not noise in it.
 *
 * <p>Decoding a JPEG costs far more than a training step of a small network, so the pictures are kept in memory after
 * the transform, one byte per value as the files hold them, up to {@code cacheBytes} (by default a quarter of the
 * heap): 10,000 pictures of 3 x 73 x 73 take 160 MB. Pictures past the bound are read again each time they are asked
 * for. Every picture, kept or not, goes through the same 8-bit rounding, so the values never depend on the bound. The
 * transform runs once per picture, so it should be deterministic and keep values in [0, 1]; random augmentation and
 * normalisation belong in the {@code DataLoader}'s transform.
 */
public final class ImageFolder implements Dataset {
    /** Pictures decoded between two progress reports. */
    private static final int PROGRESS_STEP = 64;
    private static final float RANGE_SLACK = 1e-4f;

    /** Told of pictures left out and of the progress of the first reading, on the thread that builds the dataset. */
    public interface Listener {
        default void warning(String line) {
        }

        default void progress(int done, int total) {
        }
    }

    private final Path root;
    private final List<String> classNames;
    private final List<Path> files;
    private final int[] labels;
    private final Shape sampleShape;
    private final ImageMode mode;
    private final SampleTransform transform;
    private final ImageLoader loader;
    private final byte[][] kept;
    private final List<String> skipped;
    private final int otherFiles;

    private ImageFolder(Builder b, ClassFolders listing, List<Integer> readable, Shape sampleShape, byte[][] kept,
                        List<String> skipped) {
        this.root = b.root;
        this.classNames = listing.classNames();
        int n = readable.size();
        List<Path> f = new ArrayList<>(n);
        this.labels = new int[n];
        for (int i = 0; i < n; i++) {
            f.add(listing.files().get(readable.get(i)));
            labels[i] = listing.labels()[readable.get(i)];
        }
        this.files = List.copyOf(f);
        this.sampleShape = sampleShape;
        this.mode = b.mode;
        this.transform = b.transform;
        this.loader = b.loader;
        this.kept = kept;
        this.skipped = List.copyOf(skipped);
        this.otherFiles = listing.otherFiles().size();
    }

    public static Builder builder(Path root) {
        return new Builder(root);
    }

    public static final class Builder {
        private final Path root;
        private ImageMode mode = ImageMode.RGB;
        private SampleTransform transform = SampleTransform.identity();
        private List<String> classes;
        private long cacheBytes = Runtime.getRuntime().maxMemory() / 4;
        private ImageLoader loader = new ImageLoader();
        private Listener listener = new Listener() {
        };

        private Builder(Path root) {
            this.root = Objects.requireNonNull(root, "root");
        }

        /** 1 (grey, BT.601 luma) or 3 (RGB, the default); transparency is laid over white. */
        public Builder channels(int channels) {
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException("an image folder gives 1 (grey) or 3 (RGB) channels, received "
                        + channels);
            }
            this.mode = ImageMode.ofChannels(channels);
            return this;
        }

        /** What turns each decoded picture into a sample of the common shape (default: none, all pictures alike). */
        public Builder transform(SampleTransform transform) {
            this.transform = Objects.requireNonNull(transform, "transform");
            return this;
        }

        /**
         * The class list to label by, e.g. the training folder's for its validation folder or a saved model's: every
         * class folder must be one of them, and some may be missing. Default: the class folders found.
         */
        public Builder classes(List<String> classes) {
            if (classes.isEmpty()) {
                throw new IllegalArgumentException("an image folder needs at least one class");
            }
            this.classes = List.copyOf(classes);
            return this;
        }

        /** The most memory the decoded pictures may take (0: none kept, every picture read each time). */
        public Builder cacheBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("the cache bound must be at least 0 bytes, received " + bytes);
            }
            this.cacheBytes = bytes;
            return this;
        }

        public Builder loader(ImageLoader loader) {
            this.loader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        public Builder listener(Listener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Lists the folder and reads every picture once; see the class comment for what is left out and kept. */
        public ImageFolder build() {
            ClassFolders listing = ClassFolders.scan(root, classes);
            int n = listing.files().size();
            byte[][] pixels = new byte[n][];
            String[] problems = new String[n];
            Shape[] shapes = new Shape[n];
            // The first readable picture gives the shape, hence how many pictures the bound holds.
            int first = 0;
            while (first < n && !read(listing, first, pixels, problems, shapes)) {
                first++;
            }
            listener.progress(Math.min(n, first + 1), n);
            long perImage = first < n ? shapes[first].size() : 1;
            int capacity = (int) Math.min(n, cacheBytes / perImage);
            for (int start = first + 1; start < n; start += PROGRESS_STEP) {
                int from = start;
                int to = Math.min(n, start + PROGRESS_STEP);
                // One picture a chunk, claimed in turn: decoding times vary too much for fixed halves.
                Parallel.forChunks(to - from, chunk -> read(listing, from + chunk, pixels, problems, shapes));
                for (int i = from; i < to; i++) {
                    if (i >= capacity) {
                        pixels[i] = null;
                    }
                }
                listener.progress(to, n);
            }
            if (first < n && first >= capacity) {
                pixels[first] = null;
            }
            return assemble(listing, pixels, problems, shapes, capacity);
        }

        /** Reads picture {@code i}; false, with the reason kept, when it cannot be read. */
        private boolean read(ClassFolders listing, int i, byte[][] pixels, String[] problems, Shape[] shapes) {
            Path file = listing.files().get(i);
            Tensor x;
            try {
                x = decode(file, mode, transform, loader);
            } catch (ImageException e) {
                // a transform's refusal (a picture it would blow up) does not know the file
                problems[i] = e.getMessage().startsWith(file.toString()) ? e.getMessage() : file + ": " + e.getMessage();
                return false;
            } catch (IllegalArgumentException e) {
                // The transform does not fit this picture: a mistake in the pipeline, not in the file.
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
            shapes[i] = x.shape();
            pixels[i] = quantise(x, file);
            return true;
        }

        private ImageFolder assemble(ClassFolders listing, byte[][] pixels, String[] problems, Shape[] shapes,
                                     int capacity) {
            int n = pixels.length;
            List<Integer> readable = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            int[] readablePerClass = new int[listing.classNames().size()];
            int[] unreadablePerClass = new int[readablePerClass.length];
            String[] firstProblem = new String[readablePerClass.length];
            Shape shape = null;
            Path shapeFile = null;
            for (int i = 0; i < n; i++) {
                int label = listing.labels()[i];
                if (problems[i] != null) {
                    skipped.add(problems[i]);
                    unreadablePerClass[label]++;
                    if (firstProblem[label] == null) {
                        firstProblem[label] = problems[i];
                    }
                    continue;
                }
                if (shape == null) {
                    shape = shapes[i];
                    shapeFile = listing.files().get(i);
                } else if (!shape.equals(shapes[i])) {
                    throw new IllegalArgumentException(listing.files().get(i) + " comes out of the transform as "
                            + shapes[i] + ", " + shapeFile + " as " + shape + "; end the transform with a resize or "
                            + "crop to one size");
                }
                readable.add(i);
                readablePerClass[label]++;
            }
            for (int c = 0; c < readablePerClass.length; c++) {
                if (readablePerClass[c] == 0 && unreadablePerClass[c] > 0) {
                    throw new IllegalArgumentException("class folder " + root.resolve(listing.classNames().get(c))
                            + " has no readable images: all " + unreadablePerClass[c] + " failed, the first: "
                            + firstProblem[c]);
                }
            }
            for (String problem : skipped) {
                listener.warning("skipped an unreadable image: " + problem);
            }
            byte[][] kept = new byte[readable.size()][];
            for (int k = 0; k < kept.length; k++) {
                int i = readable.get(k);
                kept[k] = i < capacity ? pixels[i] : null;
            }
            return new ImageFolder(this, listing, readable, shape, kept, skipped);
        }
    }

    /** A fixed generator: the transform runs once per picture and should not draw from it. */
    private static Tensor decode(Path file, ImageMode mode, SampleTransform transform, ImageLoader loader) {
        return transform.apply(loader.load(file, mode), new Rng(0));
    }

    /** The values as bytes, 0 for 0.0 and 255 for 1.0, as 8-bit pictures store them. */
    private static byte[] quantise(Tensor x, Path file) {
        float[] v = x.data();
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            float f = v[i];
            if (!(f >= -RANGE_SLACK && f <= 1 + RANGE_SLACK)) {
                throw new IllegalArgumentException(file + ": the image folder's transform gave the value " + f
                        + ", outside [0, 1]; normalise in the DataLoader's transform instead");
            }
            b[i] = (byte) Math.round(Math.min(1f, Math.max(0f, f)) * 255f);
        }
        return b;
    }

    @Override
    public int size() {
        return files.size();
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
        if (index < 0 || index >= files.size()) {
            throw new IllegalArgumentException("image index " + index + " is outside [0, " + files.size() + ") of "
                    + root);
        }
        byte[] b = kept[index];
        if (b == null) {
            // Read again: a file changed or removed since the dataset was built fails here, naming the file.
            Path file = files.get(index);
            Tensor x = decode(file, mode, transform, loader);
            if (!x.shape().equals(sampleShape)) {
                throw new IllegalArgumentException(file + " now comes out of the transform as " + x.shape()
                        + ", expected " + sampleShape);
            }
            b = quantise(x, file);
        }
        float[] v = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            v[i] = (b[i] & 0xff) / 255f;
        }
        return new Sample(new Tensor(sampleShape, v), labels[index]);
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    public Path root() {
        return root;
    }

    /** The file of sample {@code index}. */
    public Path file(int index) {
        return files.get(index);
    }

    /** One line per picture left out because it could not be read, each starting with the file. */
    public List<String> skipped() {
        return skipped;
    }

    /** Files in the class folders left out because their names are not those of images (.txt, .webp, ...). */
    public int otherFiles() {
        return otherFiles;
    }

    /** How many pictures are held in memory. */
    public int keptInMemory() {
        int k = 0;
        for (byte[] b : kept) {
            k += b == null ? 0 : 1;
        }
        return k;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ImageFolder(%s, %,d images, %d classes, %s)", root, size(),
                classNames.size(), sampleShape);
    }
}
