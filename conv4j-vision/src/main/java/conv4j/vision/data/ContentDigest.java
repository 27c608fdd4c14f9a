package conv4j.vision.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** SHA-256 of a file's content: of the decompressed bytes when the file is gzipped, of the file itself otherwise. */
final class ContentDigest {

    private ContentDigest() {
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            InputStream in = IdxReader.Gzip.startsWithMagic(raw) ? new GZIPInputStream(raw, 1 << 16) : raw;
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (EOFException e) {
            throw new IOException("gzip stream is truncated (" + e.getMessage() + ")");
        } catch (ZipException e) {
            throw new IOException("gzip stream is corrupt (" + e.getMessage() + ")");
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
