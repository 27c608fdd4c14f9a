package conv4j.vision.data;

/** What a fetch reports while it works: a line per source tried, and the bytes of each download. */
public interface FetchListener {

    FetchListener SILENT = new FetchListener() {
    };

    /** One line about the work: a source that failed and why, a file that was stored. */
    default void note(String line) {
    }

    /** {@code received} bytes of {@code file} so far; {@code total} is -1 when the source does not say. */
    default void progress(String file, long received, long total) {
    }

    /** The download of {@code file} has ended, well or not. */
    default void done(String file) {
    }
}
