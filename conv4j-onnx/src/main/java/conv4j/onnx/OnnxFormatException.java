package conv4j.onnx;

import java.io.IOException;

/**
 * A model file that is not valid protobuf or not a valid ONNX message. Checked, like the {@link IOException} it
 * extends, because a bad file is an expected outcome of reading one, not a programming error.
 */
public final class OnnxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String messageName;
    private final int fieldNumber;
    private final long offset;

    /** {@code fieldNumber} 0 means the fault lies in a tag, before its field number could be read. */
    public OnnxFormatException(String messageName, int fieldNumber, long offset, String problem) {
        super(messageName + (fieldNumber == 0 ? " tag" : " field " + fieldNumber) + " at byte " + offset + ": "
                + problem);
        this.messageName = messageName;
        this.fieldNumber = fieldNumber;
        this.offset = offset;
    }

    public String messageName() {
        return messageName;
    }

    public int fieldNumber() {
        return fieldNumber;
    }

    public long offset() {
        return offset;
    }
}
