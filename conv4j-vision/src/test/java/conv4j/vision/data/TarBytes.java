package conv4j.vision.data;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A ustar archive written by hand for tests, as POSIX lays it out. */
final class TarBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    TarBytes file(String name, byte[] content) {
        return entry(name, content, '0', "");
    }

    /** A file whose name is split into the ustar prefix and name fields. */
    TarBytes fileWithPrefix(String prefix, String name, byte[] content) {
        return entry(name, content, '0', prefix);
    }

    /** A GNU long-name record, then the file under a placeholder name. */
    TarBytes fileWithLongName(String name, byte[] content) {
        entry("././@LongLink", (name + "\0").getBytes(StandardCharsets.UTF_8), 'L', "");
        return entry("placeholder", content, '0', "");
    }

    /** A pax extended header giving the path, then the file under a placeholder name. */
    TarBytes fileWithPaxPath(String name, byte[] content) {
        String record = " path=" + name + "\n";
        int length = record.length() + 2;
        length = (length + "").length() + record.length(); // the length counts its own digits
        entry("PaxHeader/placeholder", (length + record).getBytes(StandardCharsets.UTF_8), 'x', "");
        return entry("placeholder", content, '0', "");
    }

    TarBytes entry(String name, byte[] content, char type, String prefix) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", content.length));
        put(h, 136, "00000000000");
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        put(h, 345, prefix);
        Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        out.writeBytes(h);
        out.writeBytes(content);
        out.writeBytes(new byte[(512 - content.length % 512) % 512]);
        return this;
    }

    byte[] finish() {
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] h, int offset, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, offset, b.length);
    }
}
