package conv4j.onnx;

import conv4j.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The nodes and initializers of a graph being exported, in the order they are added (a forward pass visits layers in
 * topological order, so the nodes need no sorting). Every value name is unique: a node's output is named after its
 * node, with a suffix where that name is taken.
 */
final class OnnxGraphBuilder {
    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final Set<String> taken = new HashSet<>();

    /** {@code reserved}: the graph input and the initializers' names, which no node output may take. */
    OnnxGraphBuilder(Iterable<String> reserved) {
        reserved.forEach(taken::add);
    }

    /** A weight under its state_dict name, stored as little-endian raw data as exporters usually write it. */
    String initializer(String name, Tensor value) {
        float[] data = value.data();
        ByteBuffer raw = ByteBuffer.allocate(Math.multiplyExact(data.length, Float.BYTES))
                .order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(data);
        List<Long> dims = Arrays.stream(value.shape().dims()).mapToObj(d -> (long) d).toList();
        initializers.add(new TensorProto(dims, TensorProto.FLOAT, FloatBuffer.allocate(0), LongBuffer.allocate(0),
                IntBuffer.allocate(0), name, raw, TensorProto.DEFAULT, List.of()));
        taken.add(name);
        return name;
    }

    /** A constant the exporter computes (not a parameter of the model), under a fresh name. */
    String constant(String hint, Tensor value) {
        return initializer(fresh(hint), value);
    }

    /** Adds a node named {@code name} and returns its one output, named after it. */
    String node(String opType, String name, List<String> inputs, AttributeProto... attributes) {
        String output = fresh(name);
        nodes.add(new NodeProto(inputs, List.of(output), output, opType, "", List.of(attributes)));
        return output;
    }

    /** The graph, with the value {@code result} renamed to {@code outputName} (or copied there if it is an input). */
    GraphProto graph(String graphName, ValueInfoProto input, String result, ValueInfoProto output) {
        boolean produced = nodes.stream().anyMatch(n -> n.output().contains(result));
        List<NodeProto> renamed = new ArrayList<>();
        for (NodeProto n : nodes) {
            renamed.add(!produced ? n : new NodeProto(rename(n.input(), result, output.name()),
                    rename(n.output(), result, output.name()), n.name(), n.opType(), n.domain(), n.attribute()));
        }
        if (!produced) { // nothing computes in evaluation mode (a lone Dropout): the input passes through
            renamed.add(new NodeProto(List.of(result), List.of(output.name()), fresh("identity"), "Identity", "",
                    List.of()));
        }
        return new GraphProto(renamed, graphName, initializers, List.of(input), List.of(output), List.of());
    }

    private static List<String> rename(List<String> names, String from, String to) {
        return names.stream().map(v -> v.equals(from) ? to : v).toList();
    }

    private String fresh(String hint) {
        String base = hint.isEmpty() ? "value" : hint;
        String name = base;
        for (int k = 1; !taken.add(name); k++) {
            name = base + "_" + k;
        }
        return name;
    }

    static AttributeProto ints(String name, long... values) {
        return new AttributeProto(name, AttributeProto.INTS, 0f, 0, null, null, List.of(),
                Arrays.stream(values).boxed().toList(), List.of());
    }

    static AttributeProto integer(String name, long value) {
        return new AttributeProto(name, AttributeProto.INT, 0f, value, null, null, List.of(), List.of(), List.of());
    }

    static AttributeProto real(String name, float value) {
        return new AttributeProto(name, AttributeProto.FLOAT, value, 0, null, null, List.of(), List.of(), List.of());
    }
}
