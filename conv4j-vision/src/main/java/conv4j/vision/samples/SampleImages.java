package conv4j.vision.samples;

import conv4j.tensor.Tensor;
import conv4j.vision.image.ImageTensors;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Three small photos that ship with the library, for examples and tests: scikit-image's sample images chelsea (a
 * cat), astronaut and coffee, public domain or CC0 (see the NOTICE next to them), scaled down to 256 pixels on the
 * longest side. A command line names them {@code sample:chelsea}.
 */
public final class SampleImages {
    /** The prefix that names a bundled photo where a file is expected. */
    public static final String PREFIX = "sample:";

    private static final List<String> NAMES = List.of("chelsea", "astronaut", "coffee");

    private SampleImages() {
    }

    public static List<String> names() {
        return NAMES;
    }

    /** Whether a command-line argument names a bundled photo rather than a file. */
    public static boolean isSampleReference(String argument) {
        return argument.startsWith(PREFIX);
    }

    /** The photo named by {@code sample:NAME} or by NAME alone. */
    public static String nameOf(String argument) {
        String name = argument.startsWith(PREFIX) ? argument.substring(PREFIX.length()) : argument;
        name = name.toLowerCase(Locale.ROOT);
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown sample image '" + argument + "'; the samples are "
                    + String.join(", ", NAMES.stream().map(n -> PREFIX + n).toList()));
        }
        return name;
    }

    /** The photo as a 3 x H x W RGB tensor with values in [0, 1]. */
    public static Tensor load(String name) {
        return ImageTensors.toTensor(image(name));
    }

    /** The decoded photo. */
    public static BufferedImage image(String name) {
        String n = nameOf(name);
        String resource = n + ".png";
        try (InputStream in = SampleImages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the sample image " + resource + " is missing from the library's"
                        + " resources");
            }
            BufferedImage image = ImageIO.read(in);
            if (image == null) {
                throw new IllegalStateException("the sample image " + resource + " cannot be decoded");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("the sample image " + resource + " cannot be read", e);
        }
    }
}
