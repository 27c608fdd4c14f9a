package conv4j.vision.data;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The folder that holds fetched datasets, one subfolder each: {@code <root>/mnist/train-images-idx3-ubyte.gz}. The
 * root is the one given ({@code --data-dir}), else the environment variable {@code CONV4J_DATA}, else
 * {@code ~/.conv4j/data}.
 */
public record DataCache(Path root) {
    public static final String ENVIRONMENT_VARIABLE = "CONV4J_DATA";

    public DataCache {
        if (root == null) {
            throw new IllegalArgumentException("the data cache needs a root folder");
        }
    }

    /** The root from the process's environment and home folder; {@code explicitRoot} may be null. */
    public static DataCache resolve(Path explicitRoot) {
        return resolve(explicitRoot, System::getenv, Path.of(System.getProperty("user.home")));
    }

    public static DataCache resolve(Path explicitRoot, Function<String, String> environment, Path userHome) {
        if (explicitRoot != null) {
            return new DataCache(explicitRoot);
        }
        String fromEnvironment = environment.apply(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new DataCache(Path.of(fromEnvironment));
        }
        return new DataCache(userHome.resolve(".conv4j").resolve("data"));
    }

    public Path folder(String dataset) {
        return root.resolve(dataset);
    }

    public Path file(String dataset, DataFile file) {
        return folder(dataset).resolve(file.gzName());
    }
}
