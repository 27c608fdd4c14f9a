package conv4j.vision.data;

import java.io.IOException;

/** No source could give a dataset's file; the message lists each source tried and why it failed. */
public final class DatasetUnavailableException extends IOException {

    public DatasetUnavailableException(String message) {
        super(message);
    }
}
