package conv4j.cli;

import conv4j.vision.data.DatasetCatalog;
import conv4j.vision.data.FolderLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            throw new ParameterException(command.commandLine(), "unknown dataset '" + dataset + "': expected "
                    + String.join(", ", DatasetCatalog.standard().names()) + ", a folder holding the four IDX files "
                    + "(train-images-idx3-ubyte[.gz], ...) or an image folder (<folder>/<class>/<image>.png)");
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

    private static boolean hasIdxFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).anyMatch(n -> n.contains("-idx")
                    && (n.endsWith("-ubyte") || n.endsWith("-ubyte.gz")));
        } catch (IOException e) {
            throw new IllegalArgumentException(folder + " cannot be read: " + e.getMessage(), e);
        }
    }
}
