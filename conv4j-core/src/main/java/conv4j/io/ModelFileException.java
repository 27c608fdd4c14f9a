package conv4j.io;

import java.io.IOException;

/**
 * A model, checkpoint or safetensors file that is malformed or does not fit the model it is loaded into. The message
 * names the file and what is wrong with it, in one line.
 */
public class ModelFileException extends IOException {
    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
