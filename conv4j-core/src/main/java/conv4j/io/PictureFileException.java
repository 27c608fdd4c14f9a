package conv4j.io;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A picture where a model file was expected, most often two arguments swapped ({@code predict digit.png
 * model.safetensors}): read as a safetensors file its first bytes make a nonsense header length, so the picture is
 * told by its signature and named as what it is.
 */
public final class PictureFileException extends ModelFileException {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] GIF87 = {'G', 'I', 'F', '8', '7', 'a'};
    private static final byte[] GIF89 = {'G', 'I', 'F', '8', '9', 'a'};
    private static final byte[] BMP = {'B', 'M'};
    /** A BMP file header's bytes 6 to 9 are reserved, zero: "BM" alone could begin a safetensors header length. */
    private static final int BMP_RESERVED_FROM = 6;
    private static final int BMP_RESERVED_TO = 10;

    private final String format;

    private PictureFileException(Path file, String format) {
        super(file + " is a " + format + " picture, not a model file");
        this.format = format;
    }

    /** PNG, JPEG, GIF or BMP. */
    public String format() {
        return format;
    }

    /** Throws if {@code head}, a file's first bytes, begins a picture rather than a safetensors file. */
    public static void refuse(Path file, byte[] head) throws PictureFileException {
        Optional<String> format = pictureFormat(head);
        if (format.isPresent()) {
            throw new PictureFileException(file, format.get());
        }
    }

    /** The picture format whose signature {@code head} begins with; never one for a safetensors file. */
    public static Optional<String> pictureFormat(byte[] head) {
        if (ModelFiles.isSafeTensors(head)) {
            return Optional.empty();
        }
        if (startsWith(head, PNG)) {
            return Optional.of("PNG");
        }
        if (startsWith(head, JPEG)) {
            return Optional.of("JPEG");
        }
        if (startsWith(head, GIF87) || startsWith(head, GIF89)) {
            return Optional.of("GIF");
        }
        if (startsWith(head, BMP) && head.length >= BMP_RESERVED_TO) {
            for (int i = BMP_RESERVED_FROM; i < BMP_RESERVED_TO; i++) {
                if (head[i] != 0) {
                    return Optional.empty();
                }
            }
            return Optional.of("BMP");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] head, byte[] signature) {
        if (head.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (head[i] != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
