package conv4j.onnx;

/**
 * A model that cannot be written as ONNX: a layer no exporter knows, or a setting ONNX's operators cannot express.
 * The message names the layer by its path in the model and says what to change.
 */
public final class OnnxExportException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public OnnxExportException(String message) {
        super(message);
    }

    public OnnxExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
