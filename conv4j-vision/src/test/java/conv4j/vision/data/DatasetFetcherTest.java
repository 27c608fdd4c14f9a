package conv4j.vision.data;

import static conv4j.vision.data.IdxBytes.gzip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFetcherTest {
    private static final byte[] IMAGES = IdxBytes.images(2, 3, 3, IdxBytes.counting(18));
    private static final byte[] LABELS = IdxBytes.labels((byte) 3, (byte) 1);
    private static final DataFile IMAGES_FILE = new DataFile("toy-images-idx3-ubyte", IdxBytes.sha256(IMAGES));
    private static final DataFile LABELS_FILE = new DataFile("toy-labels-idx1-ubyte", IdxBytes.sha256(LABELS));

    @TempDir
    Path dir;
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Records what a fetch reports. */
    private static final class Recorder implements FetchListener {
        final List<String> notes = new ArrayList<>();
        final Map<String, List<long[]>> progress = new ConcurrentHashMap<>();

        @Override
        public void note(String line) {
            notes.add(line);
        }

        @Override
        public void progress(String file, long received, long total) {
            progress.computeIfAbsent(file, f -> new ArrayList<>()).add(new long[] {received, total});
        }

        String all() {
            return String.join("\n", notes);
        }
    }

    /** A source that must not be asked. */
    private static final class Forbidden implements DatasetSource {
        int opened;

        @Override
        public String describe() {
            return "forbidden";
        }

        @Override
        public Download open(DataFile file, FetchListener listener) throws IOException {
            opened++;
            throw new IOException("should not be asked for " + file.name());
        }
    }

    private Path folderWith(String name, byte[] images, byte[] labels) throws IOException {
        Path f = Files.createDirectories(dir.resolve(name));
        Files.write(f.resolve(IMAGES_FILE.name()), images);
        Files.write(f.resolve(LABELS_FILE.gzName()), gzip(labels));
        return f;
    }

    private static DatasetSpec toy(DatasetSource... sources) {
        return new DatasetSpec("toy", List.of(IMAGES_FILE, LABELS_FILE), List.of(sources));
    }

    private DataCache cache() {
        return new DataCache(dir.resolve("cache"));
    }

    private String serve(Map<String, byte[]> files) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1);
            byte[] body = files.get(name);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else if (name.startsWith("cut/")) {
                // promises the whole file, sends half, hangs up
                exchange.sendResponseHeaders(200, body.length);
                OutputStream out = exchange.getResponseBody();
                out.write(body, 0, body.length / 2);
                out.flush();
                exchange.close();
                return;
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static byte[] content(Path gz) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @Test
    void aVerifiedCacheIsUsedAndNothingIsWritten() throws IOException {
        Path folder = Files.createDirectories(cache().folder("toy"));
        Files.write(folder.resolve(IMAGES_FILE.gzName()), gzip(IMAGES));
        Files.write(folder.resolve(LABELS_FILE.gzName()), gzip(LABELS));
        FileTime before = Files.getLastModifiedTime(folder.resolve(IMAGES_FILE.gzName()));
        Forbidden forbidden = new Forbidden();

        FetchResult r = new DatasetFetcher(cache(), FetchListener.SILENT).fetch(toy(forbidden));

        assertEquals(folder, r.folder());
        assertTrue(r.files().stream().allMatch(FetchResult.Fetched::fromCache));
        assertEquals(0, forbidden.opened);
        assertEquals(List.of(IMAGES_FILE.gzName(), LABELS_FILE.gzName()), listing(folder));
        assertEquals(before, Files.getLastModifiedTime(folder.resolve(IMAGES_FILE.gzName())));
    }

    @Test
    void aCachedFileWithAWrongSumIsNotUsedAndIsReplacedFromTheNextSource() throws IOException {
        Path folder = Files.createDirectories(cache().folder("toy"));
        byte[] tampered = IMAGES.clone();
        tampered[20] ^= 1;
        Files.write(folder.resolve(IMAGES_FILE.gzName()), gzip(tampered));
        Files.write(folder.resolve(LABELS_FILE.gzName()), gzip(LABELS));
        Recorder notes = new Recorder();

        FetchResult r = new DatasetFetcher(cache(), notes)
                .fetch(toy(new FolderSource(folderWith("copy", IMAGES, LABELS))));

        assertEquals(dir.resolve("copy").toString(), r.files().get(0).source());
        assertTrue(r.files().get(1).fromCache());
        assertArrayEquals(IMAGES, content(folder.resolve(IMAGES_FILE.gzName())), "stored gzipped, verified");
        assertTrue(notes.all().contains(folder.resolve(IMAGES_FILE.gzName()) + ": SHA-256 of its content is "
                + IdxBytes.sha256(tampered) + ", expected " + IMAGES_FILE.sha256() + "; not used"), notes.all());
        assertEquals(List.of(IMAGES_FILE.gzName(), LABELS_FILE.gzName()), listing(folder), "no temporary files left");
        // and the dataset reads back
        assertEquals(2, IdxReader.read(r.files().get(0).path(), 3).count());
    }

    @Test
    void aMirrorDownloadIsCheckedReportedAndStored() throws IOException {
        byte[] imagesGz = gzip(IMAGES);
        String base = serve(Map.of("toy/" + IMAGES_FILE.gzName(), imagesGz,
                "toy/" + LABELS_FILE.gzName(), gzip(LABELS)));
        Recorder notes = new Recorder();

        FetchResult r = new DatasetFetcher(cache(), notes).fetch(toy(new HttpSource(base + "toy/")));

        Path stored = cache().file("toy", IMAGES_FILE);
        assertArrayEquals(imagesGz, Files.readAllBytes(stored), "a .gz source is stored as it came");
        assertEquals(base + "toy/", r.files().get(0).source());
        List<long[]> p = notes.progress.get(IMAGES_FILE.gzName());
        long[] last = p.get(p.size() - 1);
        assertArrayEquals(new long[] {imagesGz.length, imagesGz.length}, last, "the progress reaches the total");
        assertEquals(List.of(IMAGES_FILE.gzName(), LABELS_FILE.gzName()), listing(cache().folder("toy")));
        if (stored.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Path ordinary = Files.write(dir.resolve("ordinary"), new byte[1]);
            assertEquals(Files.getPosixFilePermissions(ordinary), Files.getPosixFilePermissions(stored),
                    "stored files get the permissions of any new file, not a temporary file's owner-only ones");
        }
    }

    @Test
    void aMissingFileOrWrongBytesFallThroughToTheNextSource() throws IOException {
        byte[] page = "<html>Not here</html>".getBytes();
        String base = serve(Map.of("wrong/" + IMAGES_FILE.gzName(), page));
        Recorder notes = new Recorder();

        FetchResult r = new DatasetFetcher(cache(), notes).fetch(toy(new HttpSource(base + "none/"),
                new HttpSource(base + "wrong/"), new FolderSource(folderWith("copy", IMAGES, LABELS))));

        assertEquals(dir.resolve("copy").toString(), r.files().get(0).source());
        assertTrue(notes.all().contains(IMAGES_FILE.gzName() + ": " + base + "none/: HTTP 404 for "
                + IMAGES_FILE.gzName()), notes.all());
        String wrongSum = IdxBytes.sha256(page);
        assertTrue(notes.all().contains(IMAGES_FILE.gzName() + ": " + base + "wrong/: SHA-256 of its content is "
                + wrongSum + ", expected " + IMAGES_FILE.sha256()), notes.all());
        assertArrayEquals(IMAGES, content(cache().file("toy", IMAGES_FILE)));
        assertEquals(List.of(IMAGES_FILE.gzName(), LABELS_FILE.gzName()), listing(cache().folder("toy")));
    }

    @Test
    void anInterruptedDownloadLeavesNoFileBehind() throws IOException {
        byte[] big = IdxBytes.images(50, 28, 28, IdxBytes.counting(50 * 28 * 28));
        String base = serve(Map.of("cut/" + IMAGES_FILE.gzName(), gzip(big)));
        // the right sum: only the broken connection can make this fail
        DatasetSpec spec = new DatasetSpec("toy", List.of(new DataFile(IMAGES_FILE.name(), IdxBytes.sha256(big))),
                List.of(new HttpSource(base + "cut/")));

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> new DatasetFetcher(cache(), FetchListener.SILENT).fetch(spec));

        int length = gzip(big).length;
        assertTrue(e.getMessage().endsWith(base + "cut/: the download ended after " + length / 2 + " of " + length
                + " bytes"), e.getMessage());
        assertFalse(Files.exists(cache().folder("toy")), "neither the file nor a temporary file nor an empty folder");
    }

    @Test
    void whenEverySourceFailsOneErrorNamesEach() throws IOException {
        Path folder = Files.createDirectories(cache().folder("toy"));
        byte[] bad = gzip(IdxBytes.labels((byte) 9));
        Files.write(folder.resolve(IMAGES_FILE.gzName()), bad);
        String base = serve(Map.of());
        Path empty = Files.createDirectories(dir.resolve("empty"));

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> new DatasetFetcher(cache(), FetchListener.SILENT)
                        .fetch(toy(new HttpSource(base), new FolderSource(empty))));

        assertEquals("toy: no source gave toy-images-idx3-ubyte.gz; tried cache "
                + folder.resolve(IMAGES_FILE.gzName()) + ": SHA-256 of its content is "
                + IdxBytes.sha256(IdxBytes.labels((byte) 9)) + ", expected " + IMAGES_FILE.sha256() + "; "
                + base + ": HTTP 404 for toy-images-idx3-ubyte.gz; "
                + empty + ": has neither toy-images-idx3-ubyte.gz nor toy-images-idx3-ubyte", e.getMessage());
        assertArrayEquals(bad, Files.readAllBytes(folder.resolve(IMAGES_FILE.gzName())), "left as it was");
        assertEquals(List.of(IMAGES_FILE.gzName()), listing(folder));
    }

    @Test
    void anUnreachableMirrorFailsFastAndIsNotAskedAgain() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Recorder notes = new Recorder();
        HttpSource dead = new HttpSource("http://127.0.0.1:" + closedPort + "/", Duration.ofSeconds(2),
                Duration.ofSeconds(2));

        FetchResult r = new DatasetFetcher(cache(), notes)
                .fetch(toy(dead, new FolderSource(folderWith("copy", IMAGES, LABELS))));

        assertEquals(dir.resolve("copy").toString(), r.files().get(1).source());
        List<String> aboutDead = notes.notes.stream().filter(n -> n.contains("127.0.0.1:" + closedPort)).toList();
        assertEquals(1, aboutDead.size(), notes.all());
        assertTrue(aboutDead.get(0).startsWith(IMAGES_FILE.gzName() + ": http://127.0.0.1:" + closedPort
                + "/: cannot connect"), notes.all());
    }

    @Test
    void aSkippedSourceIsStillNamedWhenNothingElseWorks() throws IOException {
        Path folder = folderWith("copy", IMAGES, LABELS);
        Files.delete(folder.resolve(LABELS_FILE.gzName()));
        DatasetSource gone = new DatasetSource() {
            int opened;

            @Override
            public String describe() {
                return "gone";
            }

            @Override
            public Download open(DataFile file, FetchListener listener) throws IOException {
                assertEquals(0, opened++, "asked once only");
                throw new SourceUnavailableException("unknown host gone.example");
            }
        };
        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> new DatasetFetcher(cache(), FetchListener.SILENT).fetch(toy(gone, new FolderSource(folder))));
        assertTrue(e.getMessage().startsWith("toy: no source gave " + LABELS_FILE.gzName()), e.getMessage());
        assertTrue(e.getMessage().contains("; gone: unknown host gone.example; " + folder + ": has neither"),
                e.getMessage());
    }

    @Test
    void aCacheThatCannotBeWrittenStopsTheFetchAtOnce() throws IOException {
        Path notAFolder = Files.write(dir.resolve("file"), new byte[] {1});
        Forbidden forbidden = new Forbidden();
        DatasetFetcher.CacheWriteException e = assertThrows(DatasetFetcher.CacheWriteException.class,
                () -> new DatasetFetcher(new DataCache(notAFolder), FetchListener.SILENT).fetch(toy(forbidden)));
        assertTrue(e.getMessage().startsWith("cannot write " + notAFolder.resolve("toy")), e.getMessage());
        assertEquals(0, forbidden.opened);
    }

    @Test
    void checkReportsEachFileWithoutWriting() throws IOException {
        Path folder = Files.createDirectories(cache().folder("toy"));
        Files.write(folder.resolve(IMAGES_FILE.gzName()), java.util.Arrays.copyOf(gzip(IMAGES), gzip(IMAGES).length / 2));
        List<FileCheck> checks = new DatasetFetcher(cache(), FetchListener.SILENT).check(toy());
        assertEquals(FileCheck.Status.BAD, checks.get(0).status());
        assertTrue(checks.get(0).problem().startsWith("gzip stream is truncated"), checks.get(0).problem());
        assertEquals(FileCheck.Status.MISSING, checks.get(1).status());
        assertFalse(checks.get(0).verified());
        assertEquals(List.of(IMAGES_FILE.gzName()), listing(folder));
    }
}
