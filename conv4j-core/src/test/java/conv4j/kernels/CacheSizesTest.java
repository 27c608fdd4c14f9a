package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheSizesTest {
    private static final long K = 1024;

    /** One {@code index<i>} folder as Linux lays it out. */
    private static void index(Path folder, int i, String level, String type, String size) throws IOException {
        Path index = Files.createDirectories(folder.resolve("index" + i));
        Files.writeString(index.resolve("level"), level + "\n");
        Files.writeString(index.resolve("type"), type + "\n");
        Files.writeString(index.resolve("size"), size + "\n");
    }

    @Test
    void readsTheDataCachesOfEachLevel(@TempDir Path folder) throws IOException {
        index(folder, 0, "1", "Data", "32K");
        index(folder, 1, "1", "Instruction", "64K");
        index(folder, 2, "2", "Unified", "512K");
        index(folder, 3, "3", "Unified", "16384K");
        assertEquals(new CacheSizes(32 * K, 512 * K, 16 * K * K), CacheSizes.read(folder));
    }

    @Test
    void aMissingFolderGivesTheDefaults(@TempDir Path folder) {
        assertEquals(CacheSizes.DEFAULTS, CacheSizes.read(folder.resolve("absent")));
        assertEquals(CacheSizes.DEFAULTS, CacheSizes.read(folder));
    }

    @Test
    void aMissingOrOddLevelGivesThatLevelsDefault(@TempDir Path folder) throws IOException {
        index(folder, 0, "1", "Data", "forty-eight");
        index(folder, 2, "2", "Unified", "2M");
        index(folder, 3, "3", "Unified", "1K"); // not an L3
        Files.createDirectories(folder.resolve("index4")); // no files at all
        index(folder, 5, "x", "Unified", "8M");
        assertEquals(new CacheSizes(CacheSizes.DEFAULTS.l1Data(), 2 * K * K, CacheSizes.DEFAULTS.l3()),
                CacheSizes.read(folder));
    }

    @Test
    void sizesParseWithOrWithoutAUnit() {
        assertEquals(48 * K, CacheSizes.parseSize("48K"));
        assertEquals(32 * K * K, CacheSizes.parseSize(" 32m "));
        assertEquals(K * K * K, CacheSizes.parseSize("1G"));
        assertEquals(65536, CacheSizes.parseSize("65536"));
        for (String odd : new String[] {"", "K", "-4K", "0K", "4.5M", "99999999999999999999G"}) {
            assertEquals(-1, CacheSizes.parseSize(odd), odd);
        }
    }
}
