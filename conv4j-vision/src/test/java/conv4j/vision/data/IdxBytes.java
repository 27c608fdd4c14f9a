package conv4j.vision.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.GZIPOutputStream;

/** IDX files written by hand for tests: a header laid out byte by byte, independent of the reader. */
final class IdxBytes {

    private IdxBytes() {
    }

    /** Magic 0x00 0x00, the type, the rank, each dimension big-endian, then the body. */
    static byte[] idx(int type, long[] dims, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + body.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (long d : dims) {
            b.putInt((int) d); // ByteBuffer is big-endian by default; (int) keeps the low 32 bits of 0xFFFFFFFF
        }
        b.put(body);
        return b.array();
    }

    static byte[] images(int n, int h, int w, byte[] pixels) {
        return idx(0x08, new long[] {n, h, w}, pixels);
    }

    static byte[] labels(byte... labels) {
        return idx(0x08, new long[] {labels.length}, labels);
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            StringBuilder hex = new StringBuilder();
            for (byte x : MessageDigest.getInstance("SHA-256").digest(bytes)) {
                hex.append(String.format("%02x", x & 0xFF));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 0, 1, 2, ... wrapping at 256. */
    static byte[] counting(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }
}
