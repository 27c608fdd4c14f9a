package conv4j.vision.data;

import java.io.IOException;

/**
 * A source that cannot give any file at all (its host cannot be reached, npm is missing): the fetch skips it for the
 * remaining files instead of waiting on it again.
 */
public class SourceUnavailableException extends IOException {

    public SourceUnavailableException(String message) {
        super(message);
    }
}
