package conv4j.kernels;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The data caches of one core, in bytes, read once from Linux's sysfs
 * ({@code /sys/devices/system/cpu/cpu0/cache/index*}/{@code level}, {@code type}, {@code size}). Java has no other
 * portable way to ask. Whatever is missing or odd (another OS, a container or VM that hides the folder, a size that
 * does not parse or is out of all reason) takes that level's default, so this never fails. The defaults are the
 * caches of the Zen 5 machine on which the GEMM's blocking was measured: 48 KiB L1d, 1 MiB L2, a 32 MiB L3.
 */
record CacheSizes(long l1Data, long l2, long l3) {
    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;
    static final CacheSizes DEFAULTS = new CacheSizes(48 * KIB, MIB, 32 * MIB);
    static final Path SYSFS = Path.of("/sys/devices/system/cpu/cpu0/cache");
    static final CacheSizes CURRENT = read(SYSFS);

    /** Sizes outside these bounds are misreadings, not caches. */
    private static final long[] MIN = {4 * KIB, 64 * KIB, 256 * KIB};
    private static final long[] MAX = {4 * MIB, 256 * MIB, 4096 * MIB};

    /** The caches described under {@code folder} (laid out as sysfs does), each level missing there at its default. */
    static CacheSizes read(Path folder) {
        long[] sizes = {-1, -1, -1};
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "index*")) {
            for (Path entry : entries) {
                int level = parseLevel(readLine(entry.resolve("level")));
                String type = readLine(entry.resolve("type"));
                long size = parseSize(readLine(entry.resolve("size")));
                boolean data = type.equalsIgnoreCase("Data") || type.equalsIgnoreCase("Unified");
                if (level >= 1 && level <= 3 && data && size >= MIN[level - 1] && size <= MAX[level - 1]
                        && sizes[level - 1] < 0) {
                    sizes[level - 1] = size;
                }
            }
        } catch (IOException | RuntimeException e) {
            // No sysfs here, or not readable: the defaults stand for what could not be read.
        }
        return new CacheSizes(sizes[0] > 0 ? sizes[0] : DEFAULTS.l1Data, sizes[1] > 0 ? sizes[1] : DEFAULTS.l2,
                sizes[2] > 0 ? sizes[2] : DEFAULTS.l3);
    }

    /** sysfs writes "48K", "1024K", "32768K"; "32M", "1G" or plain bytes are taken too. -1 when it does not parse. */
    static long parseSize(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (s.endsWith("K") || s.endsWith("M") || s.endsWith("G")) {
            unit = s.endsWith("K") ? KIB : s.endsWith("M") ? MIB : 1024 * MIB;
            s = s.substring(0, s.length() - 1);
        }
        try {
            long value = Long.parseLong(s);
            return value > 0 && value <= Long.MAX_VALUE / unit ? value * unit : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int parseLevel(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The first line of a small file, or "" when it cannot be read. */
    private static String readLine(Path file) {
        try {
            String text = Files.readString(file);
            int end = text.indexOf('\n');
            return end < 0 ? text : text.substring(0, end);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
