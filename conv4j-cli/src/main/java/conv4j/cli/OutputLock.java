package conv4j.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Claims an output file for one run: two trainings given the same {@code --out} would each save over the other's
 * model and checkpoint, silently. The claim is an operating-system lock on a hidden file beside the output, so it
 * ends with the process however that ends.
 */
final class OutputLock implements AutoCloseable {
    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path lockFile, FileChannel channel, FileLock lock) {
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
    }

    /** Claims {@code file} (whose folder exists), or says which option names a file another run is writing. */
    static OutputLock acquire(Path file, String option) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path lockFile = absolute.resolveSibling("." + absolute.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalArgumentException(option + " " + file + " is being written by another training (it holds "
                    + lockFile + "); give another " + option + " or wait for that run to end");
        }
        return new OutputLock(lockFile, channel, lock);
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            Files.deleteIfExists(lockFile);
            lock.release();
        }
    }
}
