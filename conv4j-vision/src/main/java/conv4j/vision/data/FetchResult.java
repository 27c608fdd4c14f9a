package conv4j.vision.data;

import java.nio.file.Path;
import java.util.List;

/** Where a dataset's files are after a fetch, and where each came from. */
public record FetchResult(String dataset, Path folder, List<Fetched> files) {

    public FetchResult {
        files = List.copyOf(files);
    }

    /** One verified file; {@code source} is {@code cache} when it was already there. */
    public record Fetched(DataFile file, Path path, String source) {
        public static final String CACHE = "cache";

        public boolean fromCache() {
            return CACHE.equals(source);
        }
    }
}
