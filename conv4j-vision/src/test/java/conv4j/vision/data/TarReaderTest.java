package conv4j.vision.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TarReaderTest {

    private static byte[] read(byte[] tar, String name) throws IOException {
        Optional<Download> d = TarReader.find(new ByteArrayInputStream(tar), name);
        assertTrue(d.isPresent(), name);
        try (Download download = d.get()) {
            byte[] b = download.stream().readAllBytes();
            assertEquals(b.length, download.length());
            return b;
        }
    }

    @Test
    void findsAFileAmongOthers() throws IOException {
        byte[] wanted = IdxBytes.counting(1500);
        byte[] tar = new TarBytes()
                .file("package/package.json", "{}".getBytes())
                .file("package/data/a", IdxBytes.counting(600))
                .file("package/data/b", wanted)
                .file("package/readme.md", "x".getBytes())
                .finish();
        assertArrayEquals(wanted, read(tar, "package/data/b"));
        assertTrue(TarReader.find(new ByteArrayInputStream(tar), "package/data/c").isEmpty());
    }

    @Test
    void longNamesFromThePrefixFieldGnuAndPax() throws IOException {
        String deep = "package/" + "d".repeat(120) + "/file";
        byte[] tar = new TarBytes()
                .fileWithPrefix("package/" + "p".repeat(100), "data/x", new byte[] {1})
                .fileWithLongName(deep, new byte[] {2})
                .fileWithPaxPath(deep + "2", new byte[] {3})
                .finish();
        assertArrayEquals(new byte[] {1}, read(tar, "package/" + "p".repeat(100) + "/data/x"));
        assertArrayEquals(new byte[] {2}, read(tar, deep));
        assertArrayEquals(new byte[] {3}, read(tar, deep + "2"));
        assertTrue(TarReader.find(new ByteArrayInputStream(tar), "placeholder").isEmpty(),
                "the placeholder names are replaced by the long ones");
    }

    @Test
    void aDamagedHeaderIsRefusedByItsChecksum() {
        byte[] tar = new TarBytes().file("package/data/a", new byte[] {1, 2, 3}).finish();
        tar[3] ^= 1;
        IOException e = assertThrows(IOException.class, () -> TarReader.find(new ByteArrayInputStream(tar), "x"));
        assertTrue(e.getMessage().startsWith("tar header checksum is "), e.getMessage());
    }

    @Test
    void anArchiveCutInsideTheFileEndsWithAnError() throws IOException {
        byte[] tar = new TarBytes().file("package/data/a", IdxBytes.counting(2000)).finish();
        byte[] cut = Arrays.copyOf(tar, 512 + 1000);
        Download d = TarReader.find(new ByteArrayInputStream(cut), "package/data/a").orElseThrow();
        EOFException e = assertThrows(EOFException.class, () -> d.stream().readAllBytes());
        assertEquals("tar archive ends inside package/data/a (1000 bytes missing)", e.getMessage());
    }
}
