package conv4j.onnx;

import java.util.List;
import java.util.Objects;

/**
 * One operator application. An empty string in {@code input} is an omitted optional input, as ONNX defines it, so
 * the positions of the inputs after it keep their meaning.
 */
public record NodeProto(List<String> input, List<String> output, String name, String opType, String domain,
        List<AttributeProto> attribute) {
    public NodeProto {
        input = List.copyOf(input);
        output = List.copyOf(output);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(opType, "opType");
        Objects.requireNonNull(domain, "domain");
        attribute = List.copyOf(attribute);
    }
}
