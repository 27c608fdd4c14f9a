package conv4j.onnx;

import java.util.List;
import java.util.Objects;

/**
 * A named node attribute; {@code type} says which value field is meant, the others keep their defaults. Types this
 * codec does not keep (graphs, sparse tensors, type protos) read with their values dropped, so an importer sees the
 * type and can refuse it by name.
 */
public record AttributeProto(String name, int type, float f, long i, String s, TensorProto t, List<Float> floats,
        List<Long> ints, List<String> strings) {
    public static final int UNDEFINED = 0;
    public static final int FLOAT = 1;
    public static final int INT = 2;
    public static final int STRING = 3;
    public static final int TENSOR = 4;
    public static final int GRAPH = 5;
    public static final int FLOATS = 6;
    public static final int INTS = 7;
    public static final int STRINGS = 8;
    public static final int TENSORS = 9;
    public static final int GRAPHS = 10;

    /** {@code s} and {@code t} are null when absent. */
    public AttributeProto {
        Objects.requireNonNull(name, "name");
        floats = List.copyOf(floats);
        ints = List.copyOf(ints);
        strings = List.copyOf(strings);
    }
}
