package conv4j.cli;

import conv4j.vision.data.DatasetCatalog;
import conv4j.vision.data.FolderLayout;
import conv4j.vision.models.DidYouMean;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What {@code --dataset} names: a dataset of the catalog (mnist, fashion-mnist), a folder of MNIST-style IDX files,
 * or an image folder (class sub-folders of pictures, or {@code train/} and {@code val/} folders of them). A folder
 * holding IDX files is read as IDX even if it also has sub-folders.
 */
enum DatasetKind {
    NAMED, IDX_FOLDER, IMAGE_FOLDER;

    static DatasetKind of(CommandSpec command, String dataset) {
        if (DatasetCatalog.standard().names().contains(dataset)) {
            return NAMED;
        }
        Path folder = Path.of(dataset);
        if (!Files.isDirectory(folder)) {
            throw notFound(command, dataset, ", a folder holding the four IDX files (train-images-idx3-ubyte[.gz], "
                    + "...) or an image folder (<folder>/<class>/<image>.png)");
        }
        if (hasIdxFiles(folder)) {
            return IDX_FOLDER;
        }
        if (FolderLayout.hasSubFolders(folder)) {
            return IMAGE_FOLDER;
        }
        throw new IllegalArgumentException(folder + " holds neither the IDX files of an MNIST-style dataset "
                + "(train-images-idx3-ubyte[.gz], ...) nor class folders of images (" + folder
                + "/<class>/<image>.png)");
    }

    /**
     * The one line for a --dataset that is no folder: a path that leads nowhere is named in full, a file is called
     * one, and an unknown name gets the known ones, and the nearest of them. {@code folders} ends "expected mnist,
     * fashion-mnist".
     */
    static ParameterException notFound(CommandSpec command, String dataset, String folders) {
        Path path = Path.of(dataset).toAbsolutePath().normalize();
        String message;
        if (Files.exists(path)) {
            message = "--dataset " + dataset + ": " + path + " is a file, not a folder";
        } else if (looksLikePath(dataset)) {
            message = "--dataset " + dataset + ": the folder " + path + " does not exist"
                    + (dataset.startsWith("~") ? " ('~' is your home folder only where the shell expands it, "
                    + "unquoted)" : "");
        } else {
            List<String> names = DatasetCatalog.standard().names();
            String near = DidYouMean.phrase(dataset, names);
            message = "unknown dataset '" + dataset + "'; " + (near.isEmpty() ? "" : near + " ") + "expected "
                    + String.join(", ", names) + folders;
        }
        return new ParameterException(command.commandLine(), message);
    }

    /** A separator, or a start of '.' or '~', says a folder was meant rather than a dataset's name. */
    private static boolean looksLikePath(String dataset) {
        return dataset.indexOf('/') >= 0 || dataset.indexOf(File.separatorChar) >= 0 || dataset.startsWith(".")
                || dataset.startsWith("~");
    }

    private static boolean hasIdxFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).anyMatch(n -> n.contains("-idx")
                    && (n.endsWith("-ubyte") || n.endsWith("-ubyte.gz")));
        } catch (IOException e) {
            throw new IllegalArgumentException(folder + " cannot be read: " + e.getMessage(), e);
        }
    }
}
