package conv4j.vision.image;

import conv4j.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes 8-bit PNG files atomically: the picture goes to a temporary file in the target's folder, is forced to disk,
 * then renamed over the target, so a crash or a full disk never leaves a half-written image under the real name.
 */
public final class PngWriter {
    private PngWriter() {
    }

    /** A C x H x W tensor (1, 3 or 4 channels) with values clamped to [0, 1]. */
    public static void write(Tensor image, Path file) {
        write(ImageTensors.toImage(image), file);
    }

    /** A tensor with {@code low} shown black and {@code high} white, values outside clamped. */
    public static void write(Tensor image, float low, float high, Path file) {
        write(ImageTensors.toImage(image, low, high), file);
    }

    public static void write(BufferedImage image, Path file) {
        String name = file.toString();
        Path target = file.toAbsolutePath();
        Path folder = target.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            String shown = file.getParent() != null ? file.getParent().toString() : String.valueOf(folder);
            throw new ImageException(name, name + ": the folder " + shown + " does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new ImageException(name, name + " is a folder; give a file name such as "
                    + file.resolve("image.png"));
        }
        Path temp = null;
        try {
            temp = createTemp(folder, target.getFileName().toString());
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                encode(image, out);
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            forceFolder(folder);
        } catch (IOException e) {
            throw new ImageException(name, name + " cannot be written: " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The write has already failed and says so; a stray temporary file is the lesser problem.
                }
            }
        }
    }

    private static void encode(BufferedImage image, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        // A memory cache: ImageIO's default file cache would put a second temporary file in java.io.tmpdir.
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(image);
        } finally {
            writer.dispose();
        }
    }

    /** A new file next to the target, hidden and named after it, with the folder's default permissions. */
    private static Path createTemp(Path folder, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = folder.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + ".tmp");
            try {
                Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    /** Makes the rename itself durable where the platform allows opening a folder (Linux, macOS). */
    private static void forceFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Windows cannot open a folder as a file; NTFS journals the rename itself.
        }
    }
}
