package conv4j.vision.filters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The named image kernels: the lecture's edge, sharpen and Gaussian blur, its "darken" result, and the set of the
 * setosa.io kernel playground (https://setosa.io/ev/image-kernels/) with the same matrices.
 */
public final class Kernels {
    private static final Map<String, NamedKernel> BY_NAME = new LinkedHashMap<>();
    private static final List<NamedKernel> TABLE = List.of(
            entry("identity", List.of(), "leaves the picture as it is",
                    new double[][] {{0, 0, 0}, {0, 1, 0}, {0, 0, 0}}, 1),
            entry("edge", List.of("outline"), "the lecture's edge detector, an 8-neighbour Laplacian: flat areas turn"
                    + " black, edges bright", new double[][] {{-1, -1, -1}, {-1, 8, -1}, {-1, -1, -1}}, 1),
            entry("sharpen", List.of(), "adds the difference to the 4 neighbours: edges stand out",
                    new double[][] {{0, -1, 0}, {-1, 5, -1}, {0, -1, 0}}, 1),
            entry("gaussian", List.of("blur"), "Gaussian blur, 1/16 [1 2 1; 2 4 2; 1 2 1]; --sigma and --size give"
                    + " other widths", new double[][] {{1, 2, 1}, {2, 4, 2}, {1, 2, 1}}, 1.0 / 16),
            entry("box-blur", List.of(), "the mean of the 3 x 3 neighbourhood",
                    new double[][] {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}, 1.0 / 9),
            entry("emboss", List.of(), "a relief along the diagonal; flat areas keep their value",
                    new double[][] {{-2, -1, 0}, {-1, 1, 1}, {0, 1, 2}}, 1),
            entry("top-sobel", List.of(), "bright where the picture gets darker downwards",
                    new double[][] {{1, 2, 1}, {0, 0, 0}, {-1, -2, -1}}, 1),
            entry("bottom-sobel", List.of(), "bright where the picture gets brighter downwards",
                    new double[][] {{-1, -2, -1}, {0, 0, 0}, {1, 2, 1}}, 1),
            entry("left-sobel", List.of(), "bright where the picture gets darker to the right",
                    new double[][] {{1, 0, -1}, {2, 0, -2}, {1, 0, -1}}, 1),
            entry("right-sobel", List.of(), "bright where the picture gets brighter to the right",
                    new double[][] {{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}}, 1),
            // The lecture shows a darkened photo without its kernel; the identity at half weight is the simplest
            // kernel that gives it: every value halved.
            entry("darken", List.of(), "the identity at half weight: every value halved",
                    new double[][] {{0, 0, 0}, {0, 1, 0}, {0, 0, 0}}, 0.5));

    static {
        for (NamedKernel k : TABLE) {
            BY_NAME.put(k.name(), k);
            for (String alias : k.aliases()) {
                BY_NAME.put(alias, k);
            }
        }
    }

    /** The largest kernel side --size accepts: a 101 x 101 kernel already costs 10,201 multiply-adds a pixel. */
    public static final int MAX_SIZE = 101;

    private Kernels() {
    }

    /** Every named kernel, in the order the playground lists them, each once. */
    public static List<NamedKernel> all() {
        return TABLE;
    }

    /** The names and aliases, for messages. */
    public static List<String> names() {
        return new ArrayList<>(BY_NAME.keySet());
    }

    /** The kernel of that name or alias (case does not matter), or an error that lists the known names. */
    public static NamedKernel named(String name) {
        NamedKernel k = BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (k == null) {
            throw new IllegalArgumentException("unknown kernel '" + name + "'; the named kernels are "
                    + String.join(", ", names()));
        }
        return k;
    }

    /**
     * A size x size Gaussian of standard deviation {@code sigma} pixels: exp(-(x^2 + y^2) / (2 sigma^2)) sampled at
     * the integer offsets from the centre, then divided by its sum so that flat areas keep their brightness.
     */
    public static ImageKernel gaussian(double sigma, int size) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("the Gaussian's sigma must be a positive number of pixels, received "
                    + sigma);
        }
        requireOddSize("Gaussian", size);
        int half = size / 2;
        double[] values = new double[size * size];
        double sum = 0;
        for (int y = -half; y <= half; y++) {
            for (int x = -half; x <= half; x++) {
                double v = Math.exp(-(x * x + y * y) / (2 * sigma * sigma));
                values[(y + half) * size + x + half] = v;
                sum += v;
            }
        }
        for (int i = 0; i < values.length; i++) {
            values[i] /= sum;
        }
        return new ImageKernel(size, size, values);
    }

    /** The size that holds a Gaussian out to 3 sigma on each side: 2 ceil(3 sigma) + 1. */
    public static int gaussianSize(double sigma) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("the Gaussian's sigma must be a positive number of pixels, received "
                    + sigma);
        }
        return (int) Math.min(MAX_SIZE, 2 * Math.ceil(3 * sigma) + 1);
    }

    /** The sigma OpenCV picks for a Gaussian of a given size: 0.3 ((size - 1) / 2 - 1) + 0.8. */
    public static double gaussianSigma(int size) {
        requireOddSize("Gaussian", size);
        return 0.3 * ((size - 1) * 0.5 - 1) + 0.8;
    }

    /** The mean of a size x size neighbourhood. */
    public static ImageKernel box(int size) {
        requireOddSize("box blur", size);
        double[] values = new double[size * size];
        java.util.Arrays.fill(values, 1.0 / (size * size));
        return new ImageKernel(size, size, values);
    }

    private static void requireOddSize(String what, int size) {
        if (size < 1 || size % 2 == 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException("the " + what + " kernel's size must be odd, 1 .. " + MAX_SIZE
                    + ", received " + size);
        }
    }

    private static NamedKernel entry(String name, List<String> aliases, String description, double[][] rows,
                                     double scale) {
        ImageKernel k = ImageKernel.of(rows);
        return new NamedKernel(name, aliases, description, scale == 1 ? k : k.scaled(scale));
    }
}
