package conv4j.vision.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where an image folder keeps its training and held-out images. Split already, as torchvision users lay out
 * ImageNet: {@code root/train/<class>/...} with {@code root/val/<class>/...} (or {@code valid/}, {@code validation/})
 * and/or {@code root/test/<class>/...}; this layout wins when {@code train/} holds class folders and one of the others
 * exists. Otherwise the root itself is the class folders, to be split by a {@link StratifiedSplit}.
 *
 * @param root       the folder given
 * @param train      the class folders to train on: {@code root/train} or the root itself
 * @param validation {@code root/val} (or its other names), or null
 * @param test       {@code root/test}, or null
 */
public record FolderLayout(Path root, Path train, Path validation, Path test) {
    private static final List<String> VALIDATION_NAMES = List.of("val", "valid", "validation");

    public static FolderLayout of(Path root) {
        Path train = root.resolve("train");
        Path validation = VALIDATION_NAMES.stream().map(root::resolve).filter(Files::isDirectory).findFirst()
                .orElse(null);
        Path test = Files.isDirectory(root.resolve("test")) ? root.resolve("test") : null;
        if ((validation != null || test != null) && hasSubFolders(train)) {
            return new FolderLayout(root, train, validation, test);
        }
        return new FolderLayout(root, root, null, null);
    }

    /** True when the folder has its own held-out folders; false when it must be split. */
    public boolean presplit() {
        return validation != null || test != null;
    }

    /** What training validates on: {@code val/} if there is one, else {@code test/}; null when not presplit. */
    public Path heldOut() {
        return validation != null ? validation : test;
    }

    /** What a final measurement uses: {@code test/} if there is one, else {@code val/}; null when not presplit. */
    public Path testOrValidation() {
        return test != null ? test : validation;
    }

    /** True for a folder with at least one sub-folder whose name does not start with a dot. */
    public static boolean hasSubFolders(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.anyMatch(p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith("."));
        } catch (IOException e) {
            return false;
        }
    }
}
