package conv4j.onnx;

import conv4j.autograd.Variable;
import conv4j.nn.Module;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * An imported ONNX graph as a conv4j model: one data input, one output, and the nodes evaluated in a topological
 * order, each reading the values its inputs name, so branches that meet again (ResNet's Add, GoogLeNet's Concat) work
 * as well as chains. Conv and BatchNormalization nodes are conv4j layers registered as children, their initializers
 * loaded as parameters and buffers, so {@link #stateDict()} and the summary see them.
 *
 * <p>Inference only: the model is in evaluation mode, and several nodes (Gemm, Concat) compute on tensors without
 * recording a gradient, so {@link #predict} is the supported use; training an imported graph is not.
 * {@link OnnxImport} builds it.
 */
public final class OnnxModel extends Module {
    /** One scheduled node: the step, the value names it reads (empty for an absent optional input), its output. */
    record Node(String name, OnnxStep step, List<String> inputs, String output) {
    }

    private final String inputName;
    private final String outputName;
    private final List<Node> nodes;
    private final Map<String, Tensor> constants;
    /** For each node, the values no later node reads, released after it runs so that peak memory stays a few maps. */
    private final List<List<String>> releasedAfter;

    OnnxModel(String inputName, String outputName, List<Node> nodes, Map<String, Tensor> constants,
            Map<String, Module> layers) {
        this.inputName = inputName;
        this.outputName = outputName;
        this.nodes = List.copyOf(nodes);
        this.constants = Map.copyOf(constants);
        Map<String, Integer> lastRead = new HashMap<>();
        for (int k = 0; k < nodes.size(); k++) {
            for (String name : nodes.get(k).inputs()) {
                lastRead.put(name, k);
            }
        }
        List<List<String>> released = new ArrayList<>();
        for (int k = 0; k < nodes.size(); k++) {
            List<String> names = new ArrayList<>();
            for (String name : new HashSet<>(nodes.get(k).inputs())) {
                if (!name.isEmpty() && lastRead.get(name) == k && !name.equals(outputName)) {
                    names.add(name);
                }
            }
            released.add(List.copyOf(names));
        }
        this.releasedAfter = List.copyOf(released);
        layers.forEach(this::addChild);
        eval();
    }

    /** The graph input's name, which {@link #forward}'s argument stands for. */
    public String inputName() {
        return inputName;
    }

    public String outputName() {
        return outputName;
    }

    /** The number of operator nodes that run (Constant nodes are folded at import). */
    public int nodeCount() {
        return nodes.size();
    }

    @Override
    public Variable forward(Variable input) {
        Map<String, Variable> values = new HashMap<>();
        values.put(inputName, input);
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            Variable[] in = new Variable[node.inputs().size()];
            for (int k = 0; k < in.length; k++) {
                String name = node.inputs().get(k);
                if (name.isEmpty()) {
                    continue;
                }
                Variable v = values.get(name);
                if (v == null) {
                    v = Variable.of(constants.get(name));
                    values.put(name, v);
                }
                in[k] = v;
            }
            values.put(node.output(), node.step().apply(in));
            releasedAfter.get(i).forEach(values::remove);
        }
        return values.get(outputName);
    }

    @Override
    public Shape outputShape(Shape input) {
        Map<String, Shape> shapes = new HashMap<>();
        constants.forEach((name, t) -> shapes.put(name, t.shape()));
        shapes.put(inputName, input);
        for (Node node : nodes) {
            Shape[] in = new Shape[node.inputs().size()];
            for (int k = 0; k < in.length; k++) {
                String name = node.inputs().get(k);
                in[k] = name.isEmpty() ? null : shapes.get(name);
            }
            shapes.put(node.output(), node.step().shape(in));
        }
        return shapes.get(outputName);
    }

    @Override
    public String describe() {
        return "OnnxModel(" + nodes.size() + " nodes, input '" + inputName + "', output '" + outputName + "')";
    }
}
