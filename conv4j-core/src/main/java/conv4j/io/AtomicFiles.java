package conv4j.io;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see the old content or the new, never a mix, whatever happens to the writer: the
 * content goes to a temporary file in the same folder ({@code .<name>.tmp-<16 hex digits>}), is forced to the disk, and
 * is renamed over the target in one atomic step; then the folder is forced, so the rename itself survives a power cut.
 * A writer holds a lock on its temporary file while it works, so a temporary file nobody holds was left by a writer
 * that died, and the next write to the same target removes it.
 */
public final class AtomicFiles {
    private static final String TEMP_MARK = ".tmp-";

    private AtomicFiles() {
    }

    /** What goes into the file, written to a channel positioned at its start. */
    @FunctionalInterface
    public interface Content {
        void writeTo(FileChannel channel) throws IOException;
    }

    /** Replaces {@code target} with {@code content} atomically; on any failure the old target is left as it was. */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path folder = absolute.getParent();
        if (folder == null || absolute.getFileName() == null) {
            throw new IOException("cannot write " + target + ": not a file path");
        }
        if (!Files.isDirectory(folder)) {
            throw new IOException("cannot write " + target + ": folder " + folder + " does not exist");
        }
        if (Files.isDirectory(absolute)) {
            throw new IOException("cannot write " + target + ": it is a folder");
        }
        String prefix = "." + absolute.getFileName() + TEMP_MARK;
        removeStaleTemporaries(folder, prefix);
        Path temp = folder.resolve(prefix + String.format("%016x", ThreadLocalRandom.current().nextLong()));
        FileChannel channel = FileChannel.open(temp, CREATE_NEW, WRITE);
        try (channel) {
            channel.lock(); // held until the channel closes, after the rename
            content.writeTo(channel);
            channel.force(true);
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(temp, e);
            // A full disk says only "No space left on device": the user must learn which file was lost.
            throw e instanceof java.nio.file.FileSystemException ? e
                    : new IOException("cannot write " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(temp, e);
            throw e;
        }
        forceFolder(folder);
    }

    private static void deleteQuietly(Path temp, Throwable cause) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }

    /** Whether {@code file} is a temporary file of a write to {@code target}. */
    private static boolean isTemporaryOf(Path file, String prefix) {
        String name = file.getFileName().toString();
        return name.startsWith(prefix) && name.length() == prefix.length() + 16
                && name.substring(prefix.length()).chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    private static void removeStaleTemporaries(Path folder, String prefix) throws IOException {
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(folder, p -> isTemporaryOf(p, prefix))) {
            for (Path p : candidates) {
                try (FileChannel channel = FileChannel.open(p, WRITE)) {
                    if (channel.tryLock() != null) { // nobody is writing it
                        Files.deleteIfExists(p);
                    }
                } catch (OverlappingFileLockException | IOException inUseOrGone) {
                    // a writer in this process holds it, or it went away: either way not ours to remove
                }
            }
        }
    }

    /** Makes the rename durable where the platform can open a folder (Linux, macOS); elsewhere it is skipped. */
    private static void forceFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, READ)) {
            dir.force(true);
        } catch (IOException notSupported) {
            // Windows cannot open a folder as a channel; its rename is atomic all the same.
        }
    }
}
