package conv4j.vision.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The listing of an image folder, before any image is opened: one sub-folder per class, named for the class, the
 * classes in sorted order as torchvision's ImageFolder numbers them; in each, the image files at any depth, sorted by
 * their path. An image file is named for its format (.png, .jpg, .jpeg, .bmp, .gif, any case); other files are left
 * out, and so is anything whose name starts with a dot ({@code .DS_Store}, {@code .ipynb_checkpoints}).
 *
 * @param classNames the class names, indexed by label
 * @param files      the image files, class by class
 * @param labels     the label of each file
 * @param otherFiles files left out because their names are not those of images
 */
record ClassFolders(Path root, List<String> classNames, List<Path> files, int[] labels, List<Path> otherFiles) {
    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");
    private static final String LAYOUT = "an image folder holds one sub-folder of images per class, "
            + "<folder>/<class>/<image>.png";

    /**
     * Lists {@code root}. With {@code expected} classes (those of a training folder or a saved model), labels index that
     * list and every class folder must be one of them; with null, the class folders found are the classes.
     */
    static ClassFolders scan(Path root, List<String> expected) {
        String name = root.toString();
        if (!Files.exists(root)) {
            throw new IllegalArgumentException(name + " does not exist");
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(name + " is a file, not a folder; " + LAYOUT);
        }
        List<Path> entries = visible(root);
        List<Path> classFolders = entries.stream().filter(Files::isDirectory).toList();
        if (classFolders.isEmpty()) {
            boolean images = entries.stream().anyMatch(ClassFolders::isImageName);
            throw new IllegalArgumentException(name + (entries.isEmpty() ? " is empty; "
                    : images ? " holds images but no class folders; " : " has no class folders; ") + LAYOUT);
        }
        List<String> classNames = expected != null ? List.copyOf(expected)
                : classFolders.stream().map(p -> p.getFileName().toString()).toList();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Path> others = new ArrayList<>();
        for (Path folder : classFolders) {
            String className = folder.getFileName().toString();
            int label = classNames.indexOf(className);
            if (label < 0) {
                throw new IllegalArgumentException("class folder " + folder + " is not one of the " + classNames.size()
                        + " classes expected (" + String.join(", ", classNames) + ")");
            }
            List<Path> images = new ArrayList<>();
            List<Path> skipped = new ArrayList<>();
            for (Path file : filesUnder(folder)) {
                (isImageName(file) ? images : skipped).add(file);
            }
            if (images.isEmpty()) {
                throw new IllegalArgumentException("class folder " + folder + " has no images (PNG, JPEG, BMP or GIF)"
                        + (skipped.isEmpty() ? "" : "; it holds " + skipped.size() + " other file"
                        + (skipped.size() == 1 ? "" : "s") + ", such as " + skipped.get(0).getFileName()));
            }
            for (Path image : images) {
                files.add(image);
                labels.add(label);
            }
            others.addAll(skipped);
        }
        others.addAll(entries.stream().filter(p -> !Files.isDirectory(p)).toList());
        return new ClassFolders(root, classNames, List.copyOf(files), labels.stream().mapToInt(i -> i).toArray(),
                List.copyOf(others));
    }

    static boolean isImageName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The entries of a folder whose names do not start with a dot, sorted by name. */
    private static List<Path> visible(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> !hidden(p)).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new IllegalArgumentException(folder + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The regular files at any depth, sorted by their path, leaving out hidden files and folders. Links are followed
     * (a class folder or a sub-folder is often a link to pictures kept elsewhere); a link back up is an error.
     */
    private static List<Path> filesUnder(Path folder) {
        try (Stream<Path> s = Files.walk(folder, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            return s.filter(p -> !p.equals(folder) && !hiddenBelow(folder, p) && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> folder.relativize(p).toString())).toList();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof java.nio.file.FileSystemLoopException loop) {
                throw new IllegalArgumentException(folder + " cannot be read: the link " + loop.getFile()
                        + " leads back to a folder above it", e);
            }
            throw new IllegalArgumentException(folder + " cannot be read: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(folder + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static boolean hiddenBelow(Path folder, Path p) {
        for (Path part : folder.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
