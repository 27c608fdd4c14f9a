package conv4j.onnx;

import conv4j.nn.Module;
import conv4j.tensor.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An ONNX graph node by node for one input, computed from shapes alone: per node its operator, output shape, learned
 * parameters (those of the conv4j layer it became) and multiply-adds (of Conv and Gemm), and the totals. Nodes come in
 * the file's order, which ONNX requires to be topological; Constant nodes are folded away as at import.
 */
public record OnnxSummary(Shape input, List<Row> rows, long parameters, long multiplyAdds) {
    /** One node: its name (or its position where the file gives none), operator, output and costs per sample. */
    public record Row(String name, String operator, Shape outputShape, long parameters, long multiplyAdds) {
        public Row {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(outputShape, "outputShape");
        }
    }

    public OnnxSummary {
        rows = List.copyOf(rows);
    }

    /** The summary for one sample of {@code sampleShape} (C x H x W); an input that does not fit names the node. */
    public static OnnxSummary of(ModelProto model, Shape sampleShape) {
        GraphProto graph = OnnxGraphs.graph(model);
        long opset = OnnxGraphs.opset(model);
        OnnxGraphs.Folded folded = OnnxGraphs.fold(graph);
        Shape input = sampleShape.withBatch(1);
        Map<String, Shape> shapes = new HashMap<>();
        folded.constants().forEach((name, t) -> shapes.put(name, constantShape(t)));
        shapes.put(OnnxGraphs.dataInput(graph).name(), input);
        Map<String, conv4j.tensor.Tensor> values = folded.values();
        List<Row> rows = new ArrayList<>();
        long parameters = 0;
        long multiplyAdds = 0;
        for (int i = 0; i < folded.nodes().size(); i++) {
            NodeProto n = folded.nodes().get(i);
            OnnxStep step = OnnxOperators.step(n, opset, values);
            Shape[] in = new Shape[n.input().size()];
            for (int k = 0; k < in.length; k++) {
                String name = n.input().get(k);
                if (!name.isEmpty()) {
                    in[k] = shapes.get(name);
                    if (in[k] == null) {
                        throw new OnnxAttributes(n).error("reads '" + name + "' before any node makes it: the "
                                + "file's nodes are not in topological order, as ONNX requires");
                    }
                }
            }
            Shape out = step.shape(in);
            shapes.put(n.output().get(0), out);
            Module layer = step.layer();
            long params = layer == null ? 0 : layer.parameterCount();
            long macs = layer == null ? 0 : layer.multiplyAdds(in[0]);
            String label = n.opType() + (layer == null ? "" : " " + layer.describe());
            rows.add(new Row(n.name().isEmpty() ? n.opType().toLowerCase() + i : n.name(), label, out, params, macs));
            parameters += params;
            multiplyAdds += macs;
        }
        return new OnnxSummary(input, rows, parameters, multiplyAdds);
    }

    private static Shape constantShape(TensorProto t) {
        int[] dims = new int[t.dims().size()];
        for (int k = 0; k < dims.length; k++) {
            dims[k] = Math.toIntExact(t.dims().get(k));
        }
        return dims.length == 0 ? Shape.of(1) : Shape.of(dims);
    }
}
