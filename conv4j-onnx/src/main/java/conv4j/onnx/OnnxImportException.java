package conv4j.onnx;

/**
 * An ONNX graph that reads correctly but cannot become a conv4j model: an operator or setting this importer does not
 * support, an input or initializer that nothing provides, a cycle, or shapes that do not fit. Unchecked, like the
 * engine's other shape and settings errors, because the message tells the caller what to change, not what to retry.
 */
public final class OnnxImportException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public OnnxImportException(String message) {
        super(message);
    }

    public OnnxImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
