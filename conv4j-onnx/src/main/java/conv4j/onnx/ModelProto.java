package conv4j.onnx;

import java.util.List;
import java.util.Objects;

/** The top message of an ONNX file. {@code graph} is null when the file has none, which an importer refuses. */
public record ModelProto(long irVersion, List<OperatorSetIdProto> opsetImport, String producerName, GraphProto graph) {
    public ModelProto {
        opsetImport = List.copyOf(opsetImport);
        Objects.requireNonNull(producerName, "producerName");
    }
}
