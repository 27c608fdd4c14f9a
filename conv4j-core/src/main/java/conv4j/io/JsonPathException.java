package conv4j.io;

/** A JSON value that is missing, of the wrong type or out of range; the message starts with its JSON path. */
final class JsonPathException extends IllegalArgumentException {
    JsonPathException(String message) {
        super(message);
    }
}
