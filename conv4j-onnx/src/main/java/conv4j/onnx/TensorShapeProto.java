package conv4j.onnx;

import java.util.List;

/** A shape whose dimensions may be numbers, symbols (such as a batch size "N"), or unknown. */
public record TensorShapeProto(List<Dimension> dim) {
    public TensorShapeProto {
        dim = List.copyOf(dim);
    }

    /** At most one of {@code value} and {@code param} is set (a protobuf oneof); neither means the size is unknown. */
    public record Dimension(Long value, String param) {
        public Dimension {
            if (value != null && param != null) {
                throw new IllegalArgumentException("dimension with both value " + value + " and param " + param);
            }
        }

        public static Dimension of(long value) {
            return new Dimension(value, null);
        }

        public static Dimension of(String param) {
            return new Dimension(null, param);
        }
    }
}
