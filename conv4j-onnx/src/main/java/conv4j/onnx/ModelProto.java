package conv4j.onnx;

import java.util.List;
import java.util.Objects;

/**
 * The top message of an ONNX file. {@code graph} is null when the file has none, which an importer refuses;
 * {@code producerVersion} is empty when the file does not say.
 */
public record ModelProto(long irVersion, List<OperatorSetIdProto> opsetImport, String producerName,
        String producerVersion, GraphProto graph) {
    public ModelProto {
        opsetImport = List.copyOf(opsetImport);
        Objects.requireNonNull(producerName, "producerName");
        Objects.requireNonNull(producerVersion, "producerVersion");
    }

    /** A model whose producer gives no version. */
    public ModelProto(long irVersion, List<OperatorSetIdProto> opsetImport, String producerName, GraphProto graph) {
        this(irVersion, opsetImport, producerName, "", graph);
    }
}
