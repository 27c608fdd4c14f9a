package conv4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on a file a command is about to write, made before any work so that a typo costs nothing. */
final class OutputFiles {
    private OutputFiles() {
    }

    /**
     * The file's folder must exist and take a new file (a training must not find out after its last epoch that it
     * cannot save), and the file must not be a folder. {@code option} ("--out") prefixes the message, or is empty
     * for a positional argument.
     */
    static void requireFolder(Path file, String option) {
        String name = option.isEmpty() ? file.toString() : option + " " + file;
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(name + ": the folder " + (file.getParent() != null ? file.getParent()
                    : parent) + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(name + " is a folder; give a file name");
        }
        // Permission bits do not tell (root ignores them, a read-only mount overrides them): writing does.
        try {
            Files.delete(Files.createTempFile(parent, ".conv4j-", ".probe"));
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(name + ": the folder " + parent + " cannot be written ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
    }
}
