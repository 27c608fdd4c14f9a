package conv4j.vision.image;

import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;

/** The file formats read, recognised by their first bytes rather than the file name. */
enum ImageFormat {
    PNG("PNG", "png"),
    JPEG("JPEG", "jpeg"),
    BMP("BMP", "bmp"),
    GIF("GIF", "gif");

    /** Bytes {@link #sniff} looks at. */
    static final int HEAD_BYTES = 18;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final String label;
    private final String imageIoName;

    ImageFormat(String label, String imageIoName) {
        this.label = label;
        this.imageIoName = imageIoName;
    }

    /** The name users know, as in "truncated or corrupt PNG". */
    String label() {
        return label;
    }

    /** The format whose signature {@code head} (the first {@code n} bytes of a file) starts with. */
    static Optional<ImageFormat> sniff(byte[] head, int n) {
        if (startsWith(head, n, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (n >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, n, ascii("GIF87a")) || startsWith(head, n, ascii("GIF89a"))) {
            return Optional.of(GIF);
        }
        // "BM" alone starts too many text files; the size of the header that follows is one of a few known values.
        if (n >= 18 && head[0] == 'B' && head[1] == 'M') {
            int dibHeader = (head[14] & 0xff) | (head[15] & 0xff) << 8 | (head[16] & 0xff) << 16 | (head[17] & 0xff) << 24;
            if (dibHeader == 12 || dibHeader == 40 || dibHeader == 52 || dibHeader == 56 || dibHeader == 64
                    || dibHeader == 108 || dibHeader == 124) {
                return Optional.of(BMP);
            }
        }
        return Optional.empty();
    }

    ImageReader newReader() {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(imageIoName);
        if (!readers.hasNext()) {
            throw new IllegalStateException("this Java runtime has no ImageIO reader for " + label);
        }
        return readers.next();
    }

    private static boolean startsWith(byte[] head, int n, byte[] prefix) {
        if (n < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (head[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
