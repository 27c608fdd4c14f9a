package conv4j.onnx;

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
 * Builds an {@link OnnxModel} from an ONNX file or graph: folds Constant nodes, checks that every input a node reads
 * is produced by the graph input, an initializer or another node, orders the nodes topologically (refusing a cycle),
 * and turns each into a step ({@link OnnxOperators}). Every refusal is an {@link OnnxImportException} naming the node.
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

    /** {@code opset} only names the version in error messages: each operator is read with its attributes' defaults. */
    public static OnnxModel fromGraph(GraphProto graph, long opset) {
        Map<String, TensorProto> constants = new LinkedHashMap<>();
        for (TensorProto t : graph.initializer()) {
            constants.put(t.name(), t);
        }
        List<NodeProto> operators = foldConstants(graph.node(), constants);
        List<String> dataInputs = new ArrayList<>();
        for (ValueInfoProto v : graph.input()) {
            if (!constants.containsKey(v.name())) {
                dataInputs.add(v.name());
            }
        }
        if (dataInputs.size() != 1) {
            throw new OnnxImportException("the graph has data inputs " + dataInputs + "; exactly one is supported");
        }
        if (graph.output().size() != 1) {
            throw new OnnxImportException("the graph has " + graph.output().size() + " outputs; exactly one is "
                    + "supported");
        }
        String input = dataInputs.get(0);
        String output = graph.output().get(0).name();
        List<NodeProto> order = topologicalOrder(operators, input, constants.keySet(), output);

        List<OnnxModel.Node> nodes = new ArrayList<>();
        Map<String, Module> layers = new LinkedHashMap<>();
        Map<String, Tensor> runtimeConstants = new HashMap<>();
        for (NodeProto n : order) {
            OnnxStep step = OnnxOperators.step(n, opset, constants);
            List<String> inputs = new ArrayList<>();
            for (int k = 0; k < n.input().size(); k++) {
                String name = n.input().get(k);
                boolean flows = !name.isEmpty() && k < step.runtimeInputs();
                if (flows && constants.containsKey(name) && !runtimeConstants.containsKey(name)) {
                    runtimeConstants.put(name, OnnxTensors.floats(constants.get(name)));
                }
                inputs.add(flows ? name : "");
            }
            if (n.output().isEmpty() || n.output().get(0).isEmpty()) {
                throw new OnnxAttributes(n).error("has no output");
            }
            nodes.add(new OnnxModel.Node(n.name(), step, inputs, n.output().get(0)));
            if (step.layer() != null) {
                layers.put(childName(n, layers.size(), layers.keySet()), step.layer());
            }
        }
        return new OnnxModel(input, output, nodes, runtimeConstants, layers);
    }

    /**
     * Moves Constant nodes, and Identity nodes of constants (torch's exporter shares equal weights that way), into
     * {@code constants}; returns the nodes that remain to run.
     */
    private static List<NodeProto> foldConstants(List<NodeProto> graphNodes, Map<String, TensorProto> constants) {
        List<NodeProto> remaining = new ArrayList<>(graphNodes);
        boolean folded = true;
        while (folded) {
            folded = false;
            for (var it = remaining.iterator(); it.hasNext(); ) {
                NodeProto n = it.next();
                if (!n.domain().isEmpty() && !n.domain().equals("ai.onnx") || n.output().size() != 1) {
                    continue;
                }
                TensorProto value = null;
                if (n.opType().equals("Constant")) {
                    value = new OnnxAttributes(n).t("value");
                    if (value == null) {
                        throw new OnnxAttributes(n).error("only a Constant with a tensor 'value' attribute is "
                                + "supported");
                    }
                } else if (n.opType().equals("Identity") && constants.containsKey(n.input().get(0))) {
                    value = constants.get(n.input().get(0));
                }
                if (value != null) {
                    constants.put(n.output().get(0), value);
                    it.remove();
                    folded = true;
                }
            }
        }
        return remaining;
    }

    /**
     * Kahn's order over the nodes. A name that no node, initializer or the input provides is a missing input; nodes
     * left over once nothing more can run form a cycle. Only the first output of a node may be read: the extra
     * outputs of MaxPool (indices) and Dropout (mask) are training or export artefacts this importer does not make.
     */
    private static List<NodeProto> topologicalOrder(List<NodeProto> nodes, String input, Set<String> constants,
            String output) {
        Map<String, NodeProto> producer = new HashMap<>();
        Map<String, NodeProto> extraOutputs = new HashMap<>();
        for (NodeProto n : nodes) {
            for (int k = 0; k < n.output().size(); k++) {
                String name = n.output().get(k);
                if (name.isEmpty()) {
                    continue;
                }
                if (producer.containsKey(name) || extraOutputs.containsKey(name) || name.equals(input)
                        || constants.contains(name)) {
                    throw new OnnxAttributes(n).error("output '" + name + "' is produced more than once");
                }
                (k == 0 ? producer : extraOutputs).put(name, n);
            }
        }
        Map<NodeProto, Integer> waiting = new HashMap<>();
        Map<String, List<NodeProto>> readers = new HashMap<>();
        for (NodeProto n : nodes) {
            int count = 0;
            for (String name : new HashSet<>(n.input())) {
                if (name.isEmpty() || name.equals(input) || constants.contains(name)) {
                    continue;
                }
                if (extraOutputs.containsKey(name)) {
                    throw new OnnxAttributes(n).error("reads '" + name + "', an extra output of "
                            + extraOutputs.get(name).opType() + " node '" + extraOutputs.get(name).name()
                            + "'; only a node's first output is supported");
                }
                if (!producer.containsKey(name)) {
                    throw new OnnxAttributes(n).error("input '" + name + "' is neither the graph input, an "
                            + "initializer nor any node's output");
                }
                count++;
                readers.computeIfAbsent(name, x -> new ArrayList<>()).add(n);
            }
            waiting.put(n, count);
        }
        if (!output.equals(input) && !producer.containsKey(output)) {
            throw new OnnxImportException("graph output '" + output + "' is no node's output");
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
            for (NodeProto r : readers.getOrDefault(n.output().get(0), List.of())) {
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
