package conv4j.vision.image;

import conv4j.io.AtomicFiles;
import conv4j.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes baseline JPEG files atomically (a temporary file in the same folder, forced to disk, renamed over the
 * target). JPEG has no transparency: a picture with alpha is refused here; {@link #write(Tensor, Path)} lays such a
 * tensor over white first.
 */
public final class JpegWriter {
    /** Quality 0.92: the default of browsers' canvas.toBlob, with no visible blocks on photos. */
    public static final float DEFAULT_QUALITY = 0.92f;

    private JpegWriter() {
    }

    /** A C x H x W tensor (1, 3 or 4 channels) with values clamped to [0, 1]; alpha is laid over white. */
    public static void write(Tensor image, Path file) {
        Tensor opaque = image.rank() == 3 && image.dim(0) == 4 ? ImageTensors.convert(image, ImageMode.RGB) : image;
        write(ImageTensors.toImage(opaque), file, DEFAULT_QUALITY);
    }

    /** A grey or RGB picture at {@code quality} (0 smallest file .. 1 best picture). */
    public static void write(BufferedImage image, Path file, float quality) {
        String name = file.toString();
        if (!(quality >= 0f && quality <= 1f)) {
            throw new IllegalArgumentException("JPEG quality must be 0 .. 1, received " + quality);
        }
        if (image.getColorModel().hasAlpha()) {
            throw new IllegalArgumentException(name + ": JPEG has no transparency; lay the picture over a"
                    + " background first");
        }
        Path target = file.toAbsolutePath();
        Path folder = target.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            String shown = file.getParent() != null ? file.getParent().toString() : String.valueOf(folder);
            throw new ImageException(name, name + ": the folder " + shown + " does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new ImageException(name, name + " is a folder; give a file name such as "
                    + file.resolve("image.jpg"));
        }
        try {
            AtomicFiles.write(file, channel -> encode(image, quality, channel));
        } catch (IOException e) {
            throw new ImageException(name, name + " cannot be written: " + e.getMessage(), e);
        }
    }

    private static void encode(BufferedImage image, float quality, java.nio.channels.FileChannel channel)
            throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("this Java runtime has no ImageIO writer for JPEG");
        }
        ImageWriter writer = writers.next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        // A memory cache: ImageIO's default file cache would put a second temporary file in java.io.tmpdir.
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(Channels.newOutputStream(channel))) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
