package conv4j.vision.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Walks a PNG's chunks from the signature to IEND, checking lengths and the CRCs of critical chunks. ImageIO's
 * decoder stops once the pixels are in and checks no CRC, so a file cut after its image data, or one with damaged
 * bytes, would otherwise load without a word.
 */
final class PngChunks {
    private static final int SIGNATURE_BYTES = 8;

    private PngChunks() {
    }

    /** Null when the chunk structure of the PNG that {@code stream} holds is sound, else what is wrong with it. */
    static String problem(InputStream stream) throws IOException {
        try (InputStream in = new BufferedInputStream(stream, 1 << 16)) {
            if (in.readNBytes(SIGNATURE_BYTES).length < SIGNATURE_BYTES) {
                return "the file is shorter than the PNG signature";
            }
            long offset = SIGNATURE_BYTES;
            byte[] header = new byte[8];
            byte[] buffer = new byte[1 << 16];
            CRC32 crc = new CRC32();
            while (true) {
                int got = in.readNBytes(header, 0, 8);
                if (got < 8) {
                    return "the file ends at byte " + (offset + got) + ", before the IEND chunk";
                }
                long length = readInt(header, 0) & 0xffffffffL;
                String type = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
                if (!isChunkType(header)) {
                    return "no valid chunk at byte " + offset;
                }
                if (length > Integer.MAX_VALUE) {
                    return "the " + type + " chunk at byte " + offset + " claims " + length + " bytes";
                }
                crc.reset();
                crc.update(header, 4, 4);
                long left = length;
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        return "the file ends inside the " + type + " chunk that starts at byte " + offset;
                    }
                    crc.update(buffer, 0, n);
                    left -= n;
                }
                byte[] stored = in.readNBytes(4);
                if (stored.length < 4) {
                    return "the file ends inside the " + type + " chunk that starts at byte " + offset;
                }
                // As libpng: a bad CRC in an ancillary chunk (lower-case first letter) only loses that chunk.
                boolean critical = Character.isUpperCase(type.charAt(0));
                if (critical && (readInt(stored, 0) & 0xffffffffL) != crc.getValue()) {
                    return "CRC mismatch in the " + type + " chunk at byte " + offset;
                }
                if (type.equals("IEND")) {
                    return null;
                }
                offset += 12 + length;
            }
        }
    }

    private static boolean isChunkType(byte[] header) {
        for (int i = 4; i < 8; i++) {
            int c = header[i];
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
