package conv4j.cli;

import conv4j.tensor.Tensor;
import conv4j.vision.image.ImageLoader;
import conv4j.vision.image.ImageMode;
import conv4j.vision.image.ImageTensors;
import conv4j.vision.samples.SampleImages;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * A picture named on the command line: a file (PNG, JPEG, BMP, GIF, within the loader's pixel limit) or a bundled
 * photo, {@code sample:chelsea}. An unknown sample is bad usage; a file that is missing or not an image fails with
 * the loader's one-line message.
 */
record PictureInput(String label, Tensor image) {

    /** {@code mode} null: the channels as stored. */
    static PictureInput load(CommandLine cl, String argument, ImageMode mode) {
        if (SampleImages.isSampleReference(argument)) {
            String name;
            try {
                name = SampleImages.nameOf(argument);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cl, e.getMessage());
            }
            Tensor rgb = SampleImages.load(name);
            return new PictureInput(SampleImages.PREFIX + name, mode == null ? rgb : ImageTensors.convert(rgb, mode));
        }
        Path file = Path.of(argument);
        ImageLoader loader = new ImageLoader();
        return new PictureInput(argument, mode == null ? loader.load(file) : loader.load(file, mode));
    }
}
