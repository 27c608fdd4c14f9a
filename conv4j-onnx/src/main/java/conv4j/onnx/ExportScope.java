package conv4j.onnx;

import conv4j.nn.Module;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.List;

/**
 * One layer's place in an export: the graph being built, the layer's state_dict path ("layer1.0", empty for the
 * model itself), from which its weights and nodes take their names, and its children, exported through the table.
 */
final class ExportScope {
    /** A value of the graph and its shape, the batch dimension given as 1 (it is symbolic in the file). */
    record Value(String name, Shape shape) {
    }

    private final OnnxGraphBuilder graph;
    private final String path;
    private final Module layer;

    ExportScope(OnnxGraphBuilder graph, String path, Module layer) {
        this.graph = graph;
        this.path = path;
        this.layer = layer;
    }

    String path() {
        return path;
    }

    /** A parameter or buffer of this layer as an initializer named as in the state_dict ("features.0.weight"). */
    String weight(String localName, Tensor value) {
        return graph.initializer(path.isEmpty() ? localName : path + "." + localName, value);
    }

    /** A constant this layer's export needs, not one of its weights. */
    String constant(String suffix, Tensor value) {
        return graph.constant(nodeName(suffix), value);
    }

    /** A node for this layer; {@code suffix} tells apart the nodes of a layer that needs several (null for one). */
    String node(String opType, String suffix, List<String> inputs, AttributeProto... attributes) {
        String name = suffix != null ? nodeName(suffix) : path.isEmpty() ? opType.toLowerCase() : path;
        return graph.node(opType, name, inputs, attributes);
    }

    private String nodeName(String suffix) {
        return path.isEmpty() ? suffix : path + "/" + suffix;
    }

    /** The child {@code name} of this layer, exported on {@code input}. */
    Value child(String name, Value input) {
        Module child = layer.children().get(name);
        if (child == null) {
            throw new IllegalStateException(layer.label() + " has no child '" + name + "'; it has "
                    + layer.children().keySet());
        }
        return LayerExporters.export(child, path.isEmpty() ? name : path + "." + name, graph, input);
    }

    boolean hasChild(String name) {
        return layer.children().containsKey(name);
    }

    /** The child {@code name}, which the caller knows to be of type {@code type}. */
    <M extends Module> M childModule(String name, Class<M> type) {
        return type.cast(layer.children().get(name));
    }
}
