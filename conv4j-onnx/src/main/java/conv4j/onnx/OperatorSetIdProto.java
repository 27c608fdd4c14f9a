package conv4j.onnx;

import java.util.Objects;

/** An operator set the model's nodes bind to; the empty domain is the default ONNX one ("ai.onnx"). */
public record OperatorSetIdProto(String domain, long version) {
    public OperatorSetIdProto {
        Objects.requireNonNull(domain, "domain");
    }
}
