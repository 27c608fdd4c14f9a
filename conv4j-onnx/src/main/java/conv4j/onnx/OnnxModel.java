package conv4j.onnx;

import conv4j.autograd.Grad;
import conv4j.autograd.Variable;
import conv4j.nn.Module;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An imported ONNX graph as a conv4j model: named inputs and outputs, and the nodes evaluated in a topological order,
 * each reading the values its inputs name, so branches that meet again (ResNet's Add, GoogLeNet's Concat) work as well
 * as chains. Conv and BatchNormalization nodes are conv4j layers registered as children, their initializers loaded as
 * parameters and buffers, so {@link #stateDict()} and the summary see them.
 *
 * <p>Inference only: the model is in evaluation mode, and most nodes compute on tensors without recording a gradient,
 * so {@link #predict} and {@link #run} are the supported uses; training an imported graph is not. {@link OnnxImport}
 * builds it.
 */
public final class OnnxModel extends Module {
    /** One scheduled node: the step, the value names it reads (empty for an absent optional input), its outputs. */
    record Node(String name, OnnxStep step, List<String> inputs, List<String> outputs) {
    }

    private final List<String> inputNames;
    private final List<String> outputNames;
    private final List<Node> nodes;
    private final Map<String, Tensor> constants;
    /** For each node, the values no later node reads, released after it runs so that peak memory stays a few maps. */
    private final List<List<String>> releasedAfter;

    OnnxModel(List<String> inputNames, List<String> outputNames, List<Node> nodes, Map<String, Tensor> constants,
            Map<String, Module> layers) {
        this.inputNames = List.copyOf(inputNames);
        this.outputNames = List.copyOf(outputNames);
        this.nodes = List.copyOf(nodes);
        this.constants = Map.copyOf(constants);
        Map<String, Integer> lastRead = new HashMap<>();
        for (int k = 0; k < nodes.size(); k++) {
            for (String name : nodes.get(k).inputs()) {
                lastRead.put(name, k);
            }
        }
        Set<String> kept = new HashSet<>(outputNames);
        List<List<String>> released = new ArrayList<>();
        for (int k = 0; k < nodes.size(); k++) {
            List<String> names = new ArrayList<>();
            for (String name : new HashSet<>(nodes.get(k).inputs())) {
                if (!name.isEmpty() && lastRead.get(name) == k && !kept.contains(name)) {
                    names.add(name);
                }
            }
            released.add(List.copyOf(names));
        }
        this.releasedAfter = List.copyOf(released);
        layers.forEach(this::addChild);
        eval();
    }

    /** The only graph input's name, which {@link #forward}'s argument stands for. */
    public String inputName() {
        return single(inputNames, "inputs");
    }

    /** The only graph output's name. */
    public String outputName() {
        return single(outputNames, "outputs");
    }

    /** The graph's data inputs (those no initializer fills), in the graph's order. */
    public List<String> inputNames() {
        return inputNames;
    }

    public List<String> outputNames() {
        return outputNames;
    }

    /** The number of operator nodes that run (Constant nodes and nodes of constants are folded at import). */
    public int nodeCount() {
        return nodes.size();
    }

    /** The graph of one input and one output, as a conv4j module. */
    @Override
    public Variable forward(Variable input) {
        return evaluate(Map.of(inputName(), input)).get(outputName());
    }

    /** Every graph output from every graph input, by name; integer values (shapes, indices) travel as floats. */
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        Map<String, Variable> in = new HashMap<>();
        for (String name : inputNames) {
            Tensor t = inputs.get(name);
            if (t == null) {
                throw new IllegalArgumentException("graph input '" + name + "' is missing; the graph's inputs are "
                        + inputNames);
            }
            in.put(name, Variable.of(t));
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (Grad.Scope ignored = Grad.disabled()) {
            evaluate(in).forEach((name, v) -> out.put(name, v.value()));
        }
        return out;
    }

    private Map<String, Variable> evaluate(Map<String, Variable> inputs) {
        Map<String, Variable> values = new HashMap<>(inputs);
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            Variable[] in = new Variable[node.inputs().size()];
            for (int k = 0; k < in.length; k++) {
                String name = node.inputs().get(k);
                in[k] = name.isEmpty() ? null : value(values, name);
            }
            if (node.outputs().size() == 1) {
                values.put(node.outputs().get(0), node.step().apply(in));
            } else {
                Variable[] out = node.step().applyAll(in);
                for (int k = 0; k < node.outputs().size(); k++) {
                    values.put(node.outputs().get(k), out[k]);
                }
            }
            releasedAfter.get(i).forEach(values::remove);
        }
        Map<String, Variable> out = new LinkedHashMap<>();
        for (String name : outputNames) {
            out.put(name, value(values, name));
        }
        return out;
    }

    private Variable value(Map<String, Variable> values, String name) {
        Variable v = values.get(name);
        if (v == null) {
            v = Variable.of(constants.get(name));
            values.put(name, v);
        }
        return v;
    }

    /**
     * The output's shape from the steps' shape rules; where one needs values (a Reshape to a computed shape), from a
     * run on zeros.
     */
    @Override
    public Shape outputShape(Shape input) {
        Map<String, Shape> shapes = new HashMap<>();
        constants.forEach((name, t) -> shapes.put(name, t.shape()));
        shapes.put(inputName(), input);
        for (Node node : nodes) {
            Shape[] in = new Shape[node.inputs().size()];
            boolean known = true;
            for (int k = 0; k < in.length; k++) {
                String name = node.inputs().get(k);
                in[k] = name.isEmpty() ? null : shapes.get(name);
                known &= name.isEmpty() || in[k] != null;
            }
            Shape out = known ? node.step().shape(in) : null;
            if (out == null) {
                try (Grad.Scope ignored = Grad.disabled()) {
                    return forward(Variable.of(Tensor.zeros(input))).shape();
                }
            }
            shapes.put(node.outputs().get(0), out);
        }
        return shapes.get(outputName());
    }

    @Override
    public String describe() {
        return "OnnxModel(" + nodes.size() + " nodes, inputs " + inputNames + ", outputs " + outputNames + ")";
    }

    private static String single(List<String> names, String what) {
        if (names.size() != 1) {
            throw new IllegalStateException("the graph has " + what + " " + names + "; a single-" + what.replace(
                    "s", "") + " call needs exactly one (use run)");
        }
        return names.get(0);
    }
}
