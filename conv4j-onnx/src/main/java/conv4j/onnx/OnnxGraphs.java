package conv4j.onnx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the conversions and the per-node table read from a graph before its operators: the default-domain opset, the
 * one data input, and the weights, with Constant nodes (and Identity nodes of constants) folded into them as the
 * importer folds them.
 */
final class OnnxGraphs {
    /** The constants by name and the nodes left to run, in the file's order. */
    record Folded(Map<String, TensorProto> constants, List<NodeProto> nodes) {
        /** The constants' values, as the operators' steps take them. */
        Map<String, conv4j.tensor.Tensor> values() {
            Map<String, conv4j.tensor.Tensor> values = new LinkedHashMap<>();
            constants.forEach((name, t) -> values.put(name, OnnxTensors.values(t)));
            return values;
        }
    }

    private OnnxGraphs() {
    }

    static long opset(ModelProto model) {
        long opset = 0;
        for (OperatorSetIdProto o : model.opsetImport()) {
            if (o.domain() == null || o.domain().isEmpty() || o.domain().equals("ai.onnx")) {
                opset = o.version();
            }
        }
        return opset;
    }

    static GraphProto graph(ModelProto model) {
        if (model.graph() == null) {
            throw new OnnxImportException("the model has no graph");
        }
        return model.graph();
    }

    /** The graph input that is not an initializer. */
    static ValueInfoProto dataInput(GraphProto graph) {
        List<ValueInfoProto> data = new ArrayList<>();
        for (ValueInfoProto v : graph.input()) {
            if (graph.initializer().stream().noneMatch(t -> t.name().equals(v.name()))) {
                data.add(v);
            }
        }
        if (data.size() != 1) {
            throw new OnnxImportException("the graph has " + data.size() + " data inputs; exactly one is supported");
        }
        return data.get(0);
    }

    static Folded fold(GraphProto graph) {
        Map<String, TensorProto> constants = new LinkedHashMap<>();
        for (TensorProto t : graph.initializer()) {
            constants.put(t.name(), t);
        }
        List<NodeProto> remaining = new ArrayList<>();
        for (NodeProto n : graph.node()) {
            boolean defaultDomain = n.domain().isEmpty() || n.domain().equals("ai.onnx");
            TensorProto value = null;
            if (defaultDomain && n.output().size() == 1 && n.opType().equals("Constant")) {
                value = new OnnxAttributes(n).t("value");
            } else if (defaultDomain && n.output().size() == 1 && n.opType().equals("Identity")
                    && !n.input().isEmpty() && constants.containsKey(n.input().get(0))) {
                value = constants.get(n.input().get(0));
            }
            if (value != null) {
                constants.put(n.output().get(0), value);
            } else {
                remaining.add(n);
            }
        }
        return new Folded(constants, remaining);
    }
}
