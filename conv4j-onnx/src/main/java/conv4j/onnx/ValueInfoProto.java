package conv4j.onnx;

import java.util.Objects;

/** A named value of the graph. {@code type} is null when the file gives no type or a type that is not a tensor. */
public record ValueInfoProto(String name, TensorTypeProto type) {
    public ValueInfoProto {
        Objects.requireNonNull(name, "name");
    }
}
