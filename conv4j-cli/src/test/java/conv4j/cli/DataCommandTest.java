package conv4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import conv4j.vision.data.DataFile;
import conv4j.vision.data.DatasetCatalog;
import conv4j.vision.data.DatasetSpec;
import conv4j.vision.data.FolderSource;
import conv4j.vision.models.Models;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DataCommandTest {
    /** Two 2x2 images and their labels, as IDX bytes laid out by hand. */
    private static final byte[] IMAGES = {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4, 5, 6, 7, 8};
    private static final byte[] LABELS = {0, 0, 8, 1, 0, 0, 0, 2, 7, 3};

    @TempDir
    Path dir;
    private Path source;
    private DatasetCatalog catalog;

    private record Run(int exitCode, String out, String err) {
        String errorLine() {
            assertTrue(err.startsWith("conv4j: "), err);
            assertEquals(1, err.lines().count(), err);
            return err.strip();
        }
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @BeforeEach
    void toyCatalog() throws Exception {
        source = Files.createDirectories(dir.resolve("source"));
        Files.write(source.resolve("toy-images-idx3-ubyte"), IMAGES);
        Files.write(source.resolve("toy-labels-idx1-ubyte"), LABELS);
        List<DataFile> files = List.of(new DataFile("toy-images-idx3-ubyte", sha256(IMAGES)),
                new DataFile("toy-labels-idx1-ubyte", sha256(LABELS)));
        catalog = new DatasetCatalog(List.of(
                new DatasetSpec("toy", files, List.of(new FolderSource(dir.resolve("nowhere")),
                        new FolderSource(source))),
                new DatasetSpec("other", files, List.of())));
    }

    private Run run(Consumer<DataCommand> setUp, String... args) {
        CommandLine cl = Main.commandLine(Models.registry());
        DataCommand data = cl.getSubcommands().get("data").getCommand();
        data.catalog = catalog;
        data.environment = Map.<String, String>of()::get;
        data.userHome = dir.resolve("home");
        data.terminal = false;
        setUp.accept(data);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    private Run run(String... args) {
        return run(d -> { }, args);
    }

    private static byte[] gunzip(Path p) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return in.readAllBytes();
        }
    }

    @Test
    void theMainHelpListsData() {
        assertTrue(run("--help").out().contains("data"));
        Run r = run("data", "--help");
        assertTrue(r.out().contains("fetch") && r.out().contains("list") && r.out().contains("CONV4J_DATA"), r.out());
        assertTrue(run("data", "fetch", "--help").out().contains("--data-dir"));
    }

    @Test
    void fetchStoresTheFilesGzippedAndSaysWhereTheyAre() throws IOException {
        Path cache = dir.resolve("cache");
        Run r = run("data", "fetch", "toy", "--data-dir", cache.toString());
        assertEquals(0, r.exitCode(), r.err());
        Path folder = cache.resolve("toy");
        assertTrue(r.out().startsWith("toy: 2 files verified in " + folder + "\n"), r.out());
        assertTrue(r.out().contains("toy-images-idx3-ubyte.gz     from " + source), r.out());
        assertArrayEquals(IMAGES, gunzip(folder.resolve("toy-images-idx3-ubyte.gz")));
        assertArrayEquals(LABELS, gunzip(folder.resolve("toy-labels-idx1-ubyte.gz")));
        // one line per source tried, on stderr
        assertTrue(r.err().contains("toy: toy-images-idx3-ubyte.gz: " + dir.resolve("nowhere") + ": no such folder\n"),
                r.err());
        assertTrue(r.err().contains("toy: toy-images-idx3-ubyte.gz: from " + source + ", verified, stored in "
                + folder.resolve("toy-images-idx3-ubyte.gz")), r.err());
        assertFalse(r.err().contains("\r"), "no progress bar when stderr is not a terminal");

        Run again = run("data", "fetch", "toy", "--data-dir", cache.toString());
        assertEquals(0, again.exitCode());
        assertTrue(again.out().contains("toy-images-idx3-ubyte.gz     already there"), again.out());
        assertEquals("", again.err());
    }

    @Test
    void fetchAsJson() throws Exception {
        Path cache = dir.resolve("cache");
        Run r = run("data", "fetch", "toy", "--data-dir", cache.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("toy", json.get("dataset").asText());
        assertEquals(cache.resolve("toy").toString(), json.get("folder").asText());
        JsonNode first = json.get("files").get(0);
        assertEquals("toy-images-idx3-ubyte.gz", first.get("name").asText());
        assertEquals(sha256(IMAGES), first.get("contentSha256").asText());
        assertEquals(source.toString(), first.get("source").asText());
    }

    @Test
    void theCacheFolderComesFromConv4jDataWithoutDataDir() {
        Path fromEnvironment = dir.resolve("env-cache");
        Run r = run(d -> d.environment = Map.of("CONV4J_DATA", fromEnvironment.toString())::get, "data", "fetch",
                "toy");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.isRegularFile(fromEnvironment.resolve("toy/toy-labels-idx1-ubyte.gz")));
        Run home = run("data", "fetch", "toy");
        assertEquals(0, home.exitCode(), home.err());
        assertTrue(Files.isRegularFile(dir.resolve("home/.conv4j/data/toy/toy-labels-idx1-ubyte.gz")));
    }

    @Test
    void anUnknownDatasetIsBadUsageListingTheKnownOnes() {
        Run r = run("data", "fetch", "cifar", "--data-dir", dir.toString());
        assertEquals(2, r.exitCode());
        assertEquals("conv4j: unknown dataset 'cifar'; known: toy, other (see 'conv4j data fetch --help')",
                r.errorLine());
    }

    @Test
    void whenNoSourceHasAFileTheFetchFailsOnOneLineNamingEach() {
        Run r = run("data", "fetch", "other", "--data-dir", dir.resolve("cache").toString());
        assertEquals(1, r.exitCode());
        String line = r.err().lines().reduce((a, b) -> b).orElseThrow();
        assertEquals("conv4j: other: no source gave toy-images-idx3-ubyte.gz; tried cache "
                + dir.resolve("cache/other/toy-images-idx3-ubyte.gz") + ": not there", line);
        assertEquals("", r.out());
    }

    @Test
    void aFailingFetchNamesEverySourceTried() throws IOException {
        Files.delete(source.resolve("toy-labels-idx1-ubyte"));
        Run r = run("data", "fetch", "toy", "--data-dir", dir.resolve("cache").toString());
        assertEquals(1, r.exitCode());
        String line = r.err().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(line.startsWith("conv4j: toy: no source gave toy-labels-idx1-ubyte.gz; tried cache "), line);
        assertTrue(line.contains(dir.resolve("nowhere") + ": no such folder; " + source
                + ": has neither toy-labels-idx1-ubyte.gz nor toy-labels-idx1-ubyte"), line);
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void onATerminalADownloadShowsAProgressBar() {
        Run r = run(d -> d.terminal = true, "data", "fetch", "toy", "--data-dir", dir.resolve("cache").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("\r  toy-images-idx3-ubyte.gz  [########################] 100%"), r.err());
    }

    @Test
    void listSaysWhatIsPresentAndVerified() throws IOException {
        Path cache = dir.resolve("cache");
        Run before = run("data", "list", "--data-dir", cache.toString());
        assertEquals(0, before.exitCode(), before.err());
        assertTrue(before.out().contains("toy              missing    0 of 2 files verified  (conv4j data fetch toy)"),
                before.out());
        assertFalse(Files.exists(cache), "list writes nothing");

        run("data", "fetch", "toy", "--data-dir", cache.toString());
        Files.write(cache.resolve("toy/toy-labels-idx1-ubyte.gz"), gzip(new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 9}));
        Run after = run("data", "list", "--data-dir", cache.toString());
        assertTrue(after.out().contains("toy              bad        1 of 2 files verified"), after.out());
        assertTrue(after.out().contains("    toy-labels-idx1-ubyte.gz: SHA-256 of its content is "), after.out());

        run("data", "fetch", "toy", "--data-dir", cache.toString());
        Run fixed = run("data", "list", "--data-dir", cache.toString());
        assertTrue(fixed.out().contains("toy              verified   2 of 2 files verified\n"), fixed.out());
    }

    @Test
    void listAsJson() throws Exception {
        Run r = run("data", "list", "--data-dir", dir.toString(), "--json");
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(dir.toString(), json.get("folder").asText());
        assertEquals("missing", json.get("datasets").get(0).get("status").asText());
        assertEquals(2, json.get("datasets").get(0).get("problems").size());
    }

    @Test
    void dataWithoutACommandIsBadUsage() {
        Run r = run("data");
        assertEquals(2, r.exitCode());
        assertTrue(r.errorLine().startsWith("conv4j: a command is required: fetch, list"), r.err());
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
            gz.write(raw);
        }
        return b.toByteArray();
    }
}
