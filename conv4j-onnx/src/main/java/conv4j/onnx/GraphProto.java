package conv4j.onnx;

import java.util.List;
import java.util.Objects;

/** The computation: nodes in topological order, the weights as initializers, and the typed inputs and outputs. */
public record GraphProto(List<NodeProto> node, String name, List<TensorProto> initializer, List<ValueInfoProto> input,
        List<ValueInfoProto> output, List<ValueInfoProto> valueInfo) {
    public GraphProto {
        node = List.copyOf(node);
        Objects.requireNonNull(name, "name");
        initializer = List.copyOf(initializer);
        input = List.copyOf(input);
        output = List.copyOf(output);
        valueInfo = List.copyOf(valueInfo);
    }
}
