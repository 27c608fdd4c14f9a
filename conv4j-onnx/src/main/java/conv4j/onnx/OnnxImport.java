package conv4j.onnx;

import conv4j.autograd.Grad;
import conv4j.autograd.Variable;
import conv4j.nn.Module;
import conv4j.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds an {@link OnnxModel} from an ONNX file or graph: checks that every input a node reads is produced by a graph
 * input, an initializer or another node, orders the nodes topologically (refusing a cycle), turns each into a step
 * ({@link OnnxOperators}) and folds every node whose inputs are all constants into a constant, so shape arithmetic
 * (Shape of a weight, Constant chains, Identity of weights) runs once here. Every refusal is an
 * {@link OnnxImportException} naming the node.
 */
public final class OnnxImport {
    private OnnxImport() {
    }

    public static OnnxModel load(Path file) throws IOException {
        return fromModel(OnnxReader.read(file));
    }

    /** The model's graph, read at the opset the model imports for the default domain. */
    public static OnnxModel fromModel(ModelProto model) {
        if (model.graph() == null) {
            throw new OnnxImportException("the model has no graph");
        }
        long opset = 0;
        for (OperatorSetIdProto o : model.opsetImport()) {
            if (o.domain() == null || o.domain().isEmpty() || o.domain().equals("ai.onnx")) {
                opset = o.version();
            }
        }
        return fromGraph(model.graph(), opset);
    }

    /**
     * {@code opset} selects the operators' versions where they differ (Softmax's axis, Squeeze's axes as attribute
     * or input, Clip's bounds) and names the version in error messages.
     */
    public static OnnxModel fromGraph(GraphProto graph, long opset) {
        Map<String, Tensor> constants = new HashMap<>();
        for (TensorProto t : graph.initializer()) {
            constants.put(t.name(), OnnxTensors.values(t));
        }
        List<String> dataInputs = new ArrayList<>();
        for (ValueInfoProto v : graph.input()) {
            if (!constants.containsKey(v.name())) {
                dataInputs.add(v.name());
            }
        }
        List<String> outputs = new ArrayList<>();
        for (ValueInfoProto v : graph.output()) {
            outputs.add(v.name());
        }
        Set<String> read = new HashSet<>(outputs);
        for (NodeProto n : graph.node()) {
            read.addAll(n.input());
        }
        List<NodeProto> order = topologicalOrder(graph.node(), new HashSet<>(dataInputs), constants.keySet(),
                outputs);

        List<OnnxModel.Node> nodes = new ArrayList<>();
        Map<String, Module> layers = new LinkedHashMap<>();
        Map<String, Tensor> runtimeConstants = new HashMap<>();
        for (NodeProto n : order) {
            if (n.opType().equals("Constant") && isDefaultDomain(n)) {
                constants.put(n.output().get(0), OnnxOperators.constant(n));
                continue;
            }
            OnnxStep step = OnnxOperators.step(n, opset, constants);
            for (int k = step.outputs(); k < n.output().size(); k++) {
                String name = n.output().get(k);
                if (!name.isEmpty() && read.contains(name)) {
                    throw new OnnxAttributes(n).error("output '" + name + "' is read, but only the first "
                            + step.outputs() + " output(s) of " + n.opType() + " are supported");
                }
            }
            if (foldable(n, constants)) {
                fold(n, step, constants);
                continue;
            }
            List<String> inputs = new ArrayList<>();
            for (int k = 0; k < n.input().size(); k++) {
                String name = n.input().get(k);
                boolean flows = !name.isEmpty() && k < step.runtimeInputs();
                if (flows && constants.containsKey(name)) {
                    runtimeConstants.putIfAbsent(name, constants.get(name));
                }
                inputs.add(flows ? name : "");
            }
            nodes.add(new OnnxModel.Node(n.name(), step, inputs,
                    n.output().subList(0, Math.min(step.outputs(), n.output().size()))));
            if (step.layer() != null) {
                layers.put(childName(n, layers.size(), layers.keySet()), step.layer());
            }
        }
        for (String name : outputs) {
            if (constants.containsKey(name)) {
                runtimeConstants.putIfAbsent(name, constants.get(name));
            }
        }
        return new OnnxModel(dataInputs, outputs, nodes, runtimeConstants, layers);
    }

    private static boolean isDefaultDomain(NodeProto n) {
        return n.domain().isEmpty() || n.domain().equals("ai.onnx");
    }

    /** A node of constants only, with at least one input: a node without inputs has nothing to fold from. */
    private static boolean foldable(NodeProto n, Map<String, Tensor> constants) {
        boolean any = false;
        for (String name : n.input()) {
            if (!name.isEmpty()) {
                if (!constants.containsKey(name)) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    private static void fold(NodeProto n, OnnxStep step, Map<String, Tensor> constants) {
        Variable[] in = new Variable[n.input().size()];
        for (int k = 0; k < in.length; k++) {
            String name = n.input().get(k);
            in[k] = name.isEmpty() ? null : Variable.of(constants.get(name));
        }
        Variable[] out;
        try (Grad.Scope ignored = Grad.disabled()) {
            out = step.applyAll(in);
        } catch (IllegalArgumentException e) {
            throw new OnnxAttributes(n).error("on its constant inputs: " + e.getMessage());
        }
        for (int k = 0; k < out.length && k < n.output().size(); k++) {
            if (!n.output().get(k).isEmpty()) {
                constants.put(n.output().get(k), out[k].value());
            }
        }
    }

    /**
     * Kahn's order over the nodes. A name that no node, initializer or graph input provides is a missing input;
     * nodes left over once nothing more can run form a cycle.
     */
    private static List<NodeProto> topologicalOrder(List<NodeProto> nodes, Set<String> inputs, Set<String> constants,
            List<String> outputs) {
        Map<String, NodeProto> producer = new HashMap<>();
        for (NodeProto n : nodes) {
            if (n.output().isEmpty() || n.output().get(0).isEmpty()) {
                throw new OnnxAttributes(n).error("has no output");
            }
            for (String name : n.output()) {
                if (name.isEmpty()) {
                    continue;
                }
                if (producer.containsKey(name) || inputs.contains(name) || constants.contains(name)) {
                    throw new OnnxAttributes(n).error("output '" + name + "' is produced more than once");
                }
                producer.put(name, n);
            }
        }
        Map<NodeProto, Integer> waiting = new HashMap<>();
        Map<NodeProto, List<NodeProto>> readers = new HashMap<>();
        for (NodeProto n : nodes) {
            Set<NodeProto> after = new HashSet<>();
            for (String name : n.input()) {
                if (name.isEmpty() || inputs.contains(name) || constants.contains(name)) {
                    continue;
                }
                NodeProto p = producer.get(name);
                if (p == null) {
                    throw new OnnxAttributes(n).error("input '" + name + "' is neither a graph input, an "
                            + "initializer nor any node's output");
                }
                if (after.add(p)) {
                    readers.computeIfAbsent(p, x -> new ArrayList<>()).add(n);
                }
            }
            waiting.put(n, after.size());
        }
        for (String output : outputs) {
            if (!inputs.contains(output) && !constants.contains(output) && !producer.containsKey(output)) {
                throw new OnnxImportException("graph output '" + output + "' is no node's output");
            }
        }
        ArrayDeque<NodeProto> ready = new ArrayDeque<>();
        for (NodeProto n : nodes) {
            if (waiting.get(n) == 0) {
                ready.add(n);
            }
        }
        List<NodeProto> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            NodeProto n = ready.poll();
            order.add(n);
            for (NodeProto r : readers.getOrDefault(n, List.of())) {
                if (waiting.merge(r, -1, Integer::sum) == 0) {
                    ready.add(r);
                }
            }
        }
        if (order.size() < nodes.size()) {
            List<String> stuck = new ArrayList<>();
            for (NodeProto n : nodes) {
                if (waiting.get(n) > 0) {
                    stuck.add(n.opType() + " '" + n.name() + "'");
                }
            }
            throw new OnnxImportException("the graph has a cycle: nodes " + stuck + " wait on each other");
        }
        return order;
    }

    /** The node's name as a child name (no dots), or its position where that is empty or taken. */
    private static String childName(NodeProto n, int index, Set<String> taken) {
        String name = n.name().replace('.', '_');
        return name.isEmpty() || taken.contains(name) ? n.opType().toLowerCase() + index : name;
    }
}
