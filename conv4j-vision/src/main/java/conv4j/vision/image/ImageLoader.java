package conv4j.vision.image;

import conv4j.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads PNG, JPEG, BMP and GIF files (the first frame of an animated GIF) into tensors, refusing before any pixel
 * buffer exists an image whose header claims more than {@code maxPixels} pixels: a 100000 x 100000 PNG is a few
 * hundred bytes on disk and 40 GB once decoded. Pictures come from files or, for a server, from bytes received. Every
 * problem is an {@link ImageException} whose message starts with the file (or the name given to the bytes).
 */
public record ImageLoader(long maxPixels) {
    /** Forty megapixels: above any phone photo, and 640 MB as an RGBA float tensor. */
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;
    /** The most for which four float channels still fit in one Java array. */
    public static final long LARGEST_MAX_PIXELS = Integer.MAX_VALUE / 4;

    public ImageLoader {
        if (maxPixels < 1 || maxPixels > LARGEST_MAX_PIXELS) {
            throw new IllegalArgumentException("the pixel limit must be 1 .. " + grouped(LARGEST_MAX_PIXELS)
                    + ", received " + maxPixels);
        }
    }

    public ImageLoader() {
        this(DEFAULT_MAX_PIXELS);
    }

    /**
     * The image with the channels it is stored with: 1 for grey, 3 for colour, 4 when it has transparency. A JPEG is
     * turned as its EXIF orientation asks, so a phone's portrait photo comes out upright.
     */
    public Tensor load(Path file) {
        return read(file, null);
    }

    public Tensor load(Path file, ImageMode mode) {
        return read(file, Objects.requireNonNull(mode, "mode"));
    }

    /**
     * An image received as bytes (an upload), checked as a file is; {@code source} names it in messages. The channels
     * as stored, as {@link #load(Path)}.
     */
    public Tensor load(byte[] bytes, String source) {
        return read(new Bytes(bytes, source), null);
    }

    public Tensor load(byte[] bytes, String source, ImageMode mode) {
        return read(new Bytes(bytes, source), Objects.requireNonNull(mode, "mode"));
    }

    /** {@code mode} null: as stored. */
    private Tensor read(Path file, ImageMode mode) {
        return read(new FileBytes(file), mode);
    }

    private Tensor read(Encoded encoded, ImageMode mode) {
        Decoded decoded = decode(encoded);
        BufferedImage image = decoded.image();
        Tensor tensor;
        try {
            tensor = mode == null ? ImageTensors.toTensor(image) : ImageTensors.toTensor(image, mode);
        } catch (OutOfMemoryError e) {
            throw tooBigForHeap(encoded.name(), image.getWidth(), image.getHeight());
        }
        if (decoded.format() != ImageFormat.JPEG) {
            return tensor;
        }
        try (InputStream in = encoded.open()) {
            return ExifOrientation.apply(tensor, ExifOrientation.of(in));
        } catch (IOException e) {
            String name = encoded.name();
            throw new ImageException(name, name + " cannot be read: " + detail(e), e);
        }
    }

    /**
     * The decoded picture itself, checked as {@link #load(Path)} checks it, with its pixels as stored (no EXIF
     * orientation applied).
     */
    public BufferedImage loadImage(Path file) {
        return decode(new FileBytes(file)).image();
    }

    /** Where the encoded picture comes from: a file or bytes in memory. */
    private interface Encoded {
        String name();

        /** Checks that there is something to read at all (a regular file); the length in bytes. */
        long length();

        InputStream open() throws IOException;

        ImageInputStream imageStream() throws IOException;
    }

    private record FileBytes(Path file) implements Encoded {
        @Override
        public String name() {
            return file.toString();
        }

        @Override
        public long length() {
            String name = name();
            if (Files.isDirectory(file)) {
                throw new ImageException(name, name + " is a folder, not an image file");
            }
            if (!Files.exists(file)) {
                throw new ImageException(name, name + " does not exist");
            }
            if (!Files.isRegularFile(file)) {
                throw new ImageException(name, name + " is not a regular file");
            }
            try {
                return Files.size(file);
            } catch (IOException e) {
                throw new ImageException(name, name + " cannot be read: " + detail(e), e);
            }
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public ImageInputStream imageStream() throws IOException {
            return new FileImageInputStream(file.toFile());
        }
    }

    private record Bytes(byte[] bytes, String name) implements Encoded {
        Bytes {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public ImageInputStream imageStream() {
            return new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes));
        }
    }

    private record Decoded(BufferedImage image, ImageFormat format) {
    }

    private Decoded decode(Encoded file) {
        String name = file.name();
        Sniffed sniffed = sniff(file);
        ImageFormat format = sniffed.format();
        ImageReader reader = format.newReader();
        try (ImageInputStream in = file.imageStream()) {
            reader.setInput(in, true, true);
            int width;
            int height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw corrupt(name, format, detail(e), e);
            }
            if (width < 1 || height < 1) {
                throw corrupt(name, format, "the header claims " + width + " x " + height + " pixels", null);
            }
            if ((long) width * height > maxPixels) {
                throw new ImageException(name, name + ": " + width + " x " + height + " pixels is more than the "
                        + grouped(maxPixels) + "-pixel limit", true);
            }
            String problem = switch (format) {
                case PNG -> {
                    try (InputStream chunks = file.open()) {
                        yield PngChunks.problem(chunks);
                    }
                }
                case BMP -> bmpLengthProblem(sniffed);
                default -> null;
            };
            if (problem != null) {
                throw corrupt(name, format, problem, null);
            }
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage image;
            try {
                image = reader.read(0);
            } catch (IOException | RuntimeException e) {
                throw corrupt(name, format, detail(e), e);
            } catch (OutOfMemoryError e) {
                throw tooBigForHeap(name, width, height);
            }
            // The JPEG decoder fills a cut-off file with grey and only warns.
            for (String warning : warnings) {
                String w = warning.toLowerCase(Locale.ROOT);
                if (w.contains("truncated") || w.contains("premature end")) {
                    throw corrupt(name, format, warning, null);
                }
            }
            return new Decoded(image, format);
        } catch (IOException e) {
            throw new ImageException(name, name + " cannot be read: " + detail(e), e);
        } finally {
            reader.dispose();
        }
    }

    private record Sniffed(ImageFormat format, byte[] head, long length) {
    }

    private static Sniffed sniff(Encoded file) {
        String name = file.name();
        long length = file.length();
        byte[] head;
        try (InputStream in = file.open()) {
            head = in.readNBytes(ImageFormat.HEAD_BYTES);
        } catch (IOException e) {
            throw new ImageException(name, name + " cannot be read: " + detail(e), e);
        }
        if (head.length == 0) {
            throw new ImageException(name, name + " is empty (0 bytes), not an image");
        }
        Optional<ImageFormat> format = ImageFormat.sniff(head, head.length);
        return new Sniffed(format.orElseThrow(
                () -> new ImageException(name, name + " is not a PNG, JPEG, BMP or GIF image")), head, length);
    }

    /**
     * A BMP's header gives the file's length; the decoder does not miss the padding at the end of the last row, so a
     * file cut there would pass unnoticed. Some writers leave the field 0.
     */
    private static String bmpLengthProblem(Sniffed bmp) {
        byte[] h = bmp.head();
        long declared = (h[2] & 0xffL) | (h[3] & 0xffL) << 8 | (h[4] & 0xffL) << 16 | (h[5] & 0xffL) << 24;
        return declared > bmp.length() ? "the header gives " + declared + " bytes, the file has " + bmp.length() : null;
    }

    private static ImageException corrupt(String name, ImageFormat format, String detail, Throwable cause) {
        return new ImageException(name, name + ": truncated or corrupt " + format.label() + " (" + detail + ")",
                cause);
    }

    private static ImageException tooBigForHeap(String name, int width, int height) {
        return new ImageException(name, name + ": " + width + " x " + height + " pixels do not fit in the Java heap"
                + " (raise it with -Xmx; for ./conv4j, CONV4J_JAVA_OPTS=-Xmx4g)", true);
    }

    /** What went wrong, in words, from a decoder's exception and its cause. */
    private static String detail(Throwable e) {
        if (e instanceof EOFException) {
            return "the file ends too early";
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            message += ": " + detail(cause);
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
