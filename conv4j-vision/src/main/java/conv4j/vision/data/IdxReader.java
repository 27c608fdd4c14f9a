package conv4j.vision.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files strictly, raw or gzipped (told apart by the gzip magic bytes). The layout: two zero bytes, the element
 * type, the number of dimensions, each dimension as a big-endian 32-bit count, then the elements. The header is
 * checked in full before the body is allocated; any violation is an {@link IdxFormatException} naming the file, the
 * field and the value.
 */
public final class IdxReader {
    /** The one element type MNIST and its relatives use. */
    static final int UNSIGNED_BYTE = 0x08;
    /** A Java array holds at most this many elements (the JDK's own limit, a few below Integer.MAX_VALUE). */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final int BUFFER = 1 << 16;
    private static final int GROWTH_STEP = 1 << 20;

    private IdxReader() {
    }

    /** Reads {@code file}, which must have exactly {@code expectedRank} dimensions (3 for images, 1 for labels). */
    public static IdxFile read(Path file, int expectedRank) throws IOException {
        String name = file.toString();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
            if (Gzip.startsWithMagic(raw)) {
                return readGzip(name, raw, expectedRank, Gzip.trailerSize(file));
            }
            return read(name, raw, expectedRank, Files.size(file));
        }
    }

    /**
     * The dimensions {@code file}'s header gives, reading (and decompressing) nothing past the header: a pair of files
     * can be checked against each other before either body costs memory or time.
     */
    public static int[] dims(Path file, int expectedRank) throws IOException {
        String name = file.toString();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
            if (!Gzip.startsWithMagic(raw)) {
                return Header.read(name, raw, expectedRank).dims().clone();
            }
            try (InputStream in = new GZIPInputStream(raw, BUFFER)) {
                return Header.read(name, in, expectedRank).dims().clone();
            } catch (EOFException e) {
                throw new IdxFormatException(name, "gzip stream is truncated (" + e.getMessage() + ")");
            } catch (ZipException e) {
                throw new IdxFormatException(name, "gzip stream is corrupt (" + e.getMessage() + ")");
            }
        }
    }

    /**
     * Reads a raw (not gzipped) IDX stream. {@code length} is the stream's length in bytes when known, else -1; when
     * known, it is checked against the header before anything is allocated.
     */
    public static IdxFile read(String name, InputStream in, int expectedRank, long length) throws IOException {
        Header header = Header.read(name, in, expectedRank);
        long expected = header.headerBytes() + header.elements();
        if (length >= 0 && length != expected) {
            throw new IdxFormatException(name, "file length is " + length + " bytes, expected " + header.headerBytes()
                    + " + " + header.elements() + " = " + expected + " ("
                    + (length < expected ? "truncated" : (length - expected) + " trailing bytes") + ")");
        }
        int initial = length >= 0 ? (int) header.elements() : GROWTH_STEP;
        return new IdxFile(name, header.dims(), readBody(name, in, (int) header.elements(), initial));
    }

    /** Reads a gzipped IDX stream; {@code sizeHint} is the gzip trailer's length of the content (mod 2^32), or -1. */
    static IdxFile readGzip(String name, InputStream gzipped, int expectedRank, long sizeHint) throws IOException {
        try (InputStream in = new GZIPInputStream(gzipped, BUFFER)) {
            Header header = Header.read(name, in, expectedRank);
            long total = header.headerBytes() + header.elements();
            // The trailer is only a hint (it is the length mod 2^32 and may be garbage in a damaged file): when it
            // agrees with the header, allocate once; otherwise grow as data arrives, so that a lying header cannot
            // make us allocate gigabytes for a small file.
            int initial = sizeHint == (total & 0xFFFF_FFFFL) ? (int) header.elements() : GROWTH_STEP;
            return new IdxFile(name, header.dims(), readBody(name, in, (int) header.elements(), initial));
        } catch (EOFException e) {
            throw new IdxFormatException(name, "gzip stream is truncated (" + e.getMessage() + ")");
        } catch (ZipException e) {
            throw new IdxFormatException(name, "gzip stream is corrupt (" + e.getMessage() + ")");
        }
    }

    private static byte[] readBody(String name, InputStream in, int elements, int initialCapacity) throws IOException {
        byte[] body = new byte[Math.min(elements, Math.max(1, initialCapacity))];
        int filled = 0;
        while (filled < elements) {
            if (filled == body.length) {
                body = Arrays.copyOf(body, (int) Math.min(elements, Math.max(2L * filled, GROWTH_STEP)));
            }
            int n = in.read(body, filled, body.length - filled);
            if (n < 0) {
                throw new IdxFormatException(name, "content length is " + filled + " data bytes, expected " + elements
                        + " (truncated)");
            }
            filled += n;
        }
        if (in.read() >= 0) {
            throw new IdxFormatException(name, "content length is more than the " + elements
                    + " data bytes the header gives (trailing bytes)");
        }
        return body;
    }

    /** The parsed header: dimensions checked one by one, then their product. */
    private record Header(int[] dims, long elements) {

        long headerBytes() {
            return 4L + 4L * dims.length;
        }

        static Header read(String name, InputStream in, int expectedRank) throws IOException {
            byte[] magic = readHeaderBytes(name, in, 4, 0);
            if (magic[0] != 0 || magic[1] != 0) {
                throw new IdxFormatException(name, String.format("magic is 0x%02X 0x%02X, expected 0x00 0x00 (not an IDX"
                        + " file)", magic[0] & 0xFF, magic[1] & 0xFF));
            }
            int type = magic[2] & 0xFF;
            if (type != UNSIGNED_BYTE) {
                throw new IdxFormatException(name, String.format("element type 0x%02X%s is not supported, expected 0x%02X"
                        + " (unsigned byte)", type, typeName(type), UNSIGNED_BYTE));
            }
            int rank = magic[3] & 0xFF;
            if (rank != expectedRank) {
                throw new IdxFormatException(name, "dimension count is " + rank + ", expected " + expectedRank);
            }
            ByteBuffer sizes = ByteBuffer.wrap(readHeaderBytes(name, in, 4 * rank, 4)).order(ByteOrder.BIG_ENDIAN);
            int[] dims = new int[rank];
            for (int i = 0; i < rank; i++) {
                long d = Integer.toUnsignedLong(sizes.getInt());
                if (d < 1) {
                    throw new IdxFormatException(name, "dimension " + i + " is " + d + ", expected >= 1");
                }
                if (d > Integer.MAX_VALUE) {
                    throw new IdxFormatException(name, "dimension " + i + " is " + d + ", expected <= "
                            + Integer.MAX_VALUE);
                }
                dims[i] = (int) d;
            }
            return new Header(dims, elements(name, dims));
        }

        private static long elements(String name, int[] dims) {
            long product = 1;
            for (int d : dims) {
                if (product > MAX_ELEMENTS / d) {
                    throw new IdxFormatException(name, "element count " + join(dims) + " overflows: more than "
                            + MAX_ELEMENTS + " elements");
                }
                product *= d;
            }
            return product;
        }

        private static byte[] readHeaderBytes(String name, InputStream in, int n, int offset) throws IOException {
            byte[] bytes = in.readNBytes(n);
            if (bytes.length < n) {
                throw new IdxFormatException(name, "header is truncated: " + (offset + bytes.length)
                        + " bytes, expected " + (offset + n) + (offset == 0 ? " or more" : ""));
            }
            return bytes;
        }

        private static String join(int[] dims) {
            StringBuilder s = new StringBuilder();
            for (int d : dims) {
                s.append(s.length() == 0 ? "" : " x ").append(d);
            }
            return s.toString();
        }

        private static String typeName(int type) {
            return switch (type) {
                case 0x09 -> " (signed byte)";
                case 0x0B -> " (short)";
                case 0x0C -> " (int)";
                case 0x0D -> " (float)";
                case 0x0E -> " (double)";
                default -> " (not an IDX type)";
            };
        }
    }

    /** The two facts about gzip that the readers need. */
    static final class Gzip {
        private Gzip() {
        }

        /** Whether the stream starts with the gzip magic 0x1F 0x8B; the stream is left where it was. */
        static boolean startsWithMagic(InputStream in) throws IOException {
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            return b0 == 0x1F && b1 == 0x8B;
        }

        /** The last four bytes of a gzip file: the uncompressed length mod 2^32 of its last member; -1 if too short. */
        static long trailerSize(Path file) throws IOException {
            try (SeekableByteChannel ch = Files.newByteChannel(file)) {
                if (ch.size() < 18) {
                    return -1;
                }
                ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                ch.position(ch.size() - 4);
                while (b.hasRemaining() && ch.read(b) >= 0) {
                    // keep reading until the four bytes are in
                }
                return b.hasRemaining() ? -1 : Integer.toUnsignedLong(b.getInt(0));
            }
        }
    }
}
