package conv4j.onnx;

import conv4j.nn.AvgPool2d;
import conv4j.nn.BatchNorm2d;
import conv4j.nn.Conv2d;
import conv4j.nn.Flatten;
import conv4j.nn.GlobalAvgPool2d;
import conv4j.nn.Linear;
import conv4j.nn.MaxPool2d;
import conv4j.nn.Module;
import conv4j.nn.ReLU;
import conv4j.nn.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An ONNX graph that is a chain of layers as a {@link Sequential} of conv4j layers holding its weights, so that it
 * can be saved as a conv4j model file (whose architecture lists layers), trained further and fine-tuned. Each node
 * must read the one before it and only weights besides; the operators are those with a conv4j layer: Conv,
 * BatchNormalization, Relu, MaxPool, AveragePool, GlobalAveragePool, Flatten, Gemm as a fully connected layer, and
 * Dropout and Identity, which inference skips. A graph that branches (ResNet's Add, GoogLeNet's Concat) or an
 * operator without a layer fails naming the node; {@link OnnxImport} runs those graphs as they are.
 */
final class OnnxSequential {
    static final List<String> CONVERTED = List.of("Conv", "BatchNormalization", "Relu", "MaxPool", "AveragePool",
            "GlobalAveragePool", "Flatten", "Gemm", "Dropout", "Identity");

    private OnnxSequential() {
    }

    static Sequential convert(ModelProto model) {
        GraphProto graph = OnnxGraphs.graph(model);
        long opset = OnnxGraphs.opset(model);
        OnnxGraphs.Folded folded = OnnxGraphs.fold(graph);
        Map<String, TensorProto> constants = folded.constants();
        if (graph.output().size() != 1) {
            throw new OnnxImportException("the graph has " + graph.output().size() + " outputs; exactly one is "
                    + "supported");
        }
        String output = graph.output().get(0).name();
        String current = OnnxGraphs.dataInput(graph).name();
        List<NodeProto> rest = new ArrayList<>(folded.nodes());
        Sequential chain = new Sequential();
        while (!current.equals(output)) {
            String value = current;
            List<NodeProto> readers = rest.stream().filter(n -> n.input().contains(value)).toList();
            if (readers.isEmpty()) {
                throw new OnnxImportException("no node reads '" + value + "', and it is not the graph output '"
                        + output + "'");
            }
            NodeProto n = readers.get(0);
            if (readers.size() > 1) {
                throw notAChain(readers.get(1), "reads '" + value + "', which " + describe(n) + " reads too: the "
                        + "graph branches");
            }
            for (int k = 0; k < n.input().size(); k++) {
                String name = n.input().get(k);
                if (k == 0 ? !name.equals(value) : !name.isEmpty() && !constants.containsKey(name)) {
                    throw notAChain(n, "reads '" + name + "' besides '" + value + "': it joins two branches");
                }
            }
            Module layer = layer(n, opset, constants);
            if (layer != null) {
                chain.add(layer);
            }
            rest.remove(n);
            if (n.output().isEmpty() || n.output().get(0).isEmpty()) {
                throw new OnnxAttributes(n).error("has no output");
            }
            current = n.output().get(0);
        }
        if (!rest.isEmpty()) {
            throw notAChain(rest.get(0), "is not on the chain from the input to the output");
        }
        return chain;
    }

    private static Module layer(NodeProto n, long opset, Map<String, TensorProto> constants) {
        OnnxAttributes a = new OnnxAttributes(n);
        if (!n.domain().isEmpty() && !n.domain().equals("ai.onnx")) {
            throw noLayer(n);
        }
        return switch (n.opType()) {
            case "Conv" -> {
                if (a.s("auto_pad", "NOTSET").equals("SAME_LOWER")) {
                    throw a.error("auto_pad SAME_LOWER has no conv4j layer (Conv2d pads 'same' with the odd row "
                            + "at the bottom)");
                }
                yield layerOf(n, opset, constants, Conv2d.class, "");
            }
            case "BatchNormalization" -> layerOf(n, opset, constants, BatchNorm2d.class, "");
            case "Gemm" -> layerOf(n, opset, constants, Linear.class, " (a fully connected layer: alpha 1, A not "
                    + "transposed, B and a bias C as initializers)");
            case "Relu" -> new ReLU();
            case "MaxPool", "AveragePool" -> pool(n, a);
            case "GlobalAveragePool" -> new GlobalAvgPool2d();
            case "Flatten" -> {
                if (a.i("axis", 1) != 1) {
                    throw a.error("axis " + a.i("axis", 1) + ": only axis 1 has a conv4j layer (Flatten)");
                }
                yield new Flatten();
            }
            case "Dropout", "Identity" -> null;
            default -> throw noLayer(n);
        };
    }

    /** The conv4j layer the importer makes of the node, which must be of {@code type}. */
    private static Module layerOf(NodeProto n, long opset, Map<String, TensorProto> constants,
            Class<? extends Module> type, String needs) {
        Map<String, conv4j.tensor.Tensor> values = new java.util.HashMap<>();
        for (String name : n.input()) {
            if (constants.containsKey(name)) {
                values.put(name, OnnxTensors.values(constants.get(name)));
            }
        }
        Module layer = OnnxOperators.step(n, opset, values).layer();
        if (!type.isInstance(layer)) {
            throw new OnnxAttributes(n).error("has no conv4j layer" + needs);
        }
        return layer;
    }

    /** Square windows, one stride and the same padding on every side: what conv4j's pooling layers take. */
    private static Module pool(NodeProto n, OnnxAttributes a) {
        boolean max = n.opType().equals("MaxPool");
        int[] kernel = a.ints("kernel_shape");
        int[] strides = a.ints("strides", 2, 1);
        int[] declaredPads = a.ints("pads", 4, 0);
        int[] dilations = a.ints("dilations", 2, 1);
        String autoPad = a.s("auto_pad", "NOTSET");
        int[] pads = autoPad.equals("VALID") ? new int[4] : declaredPads;
        if (!autoPad.equals("VALID") && !autoPad.equals("NOTSET")) {
            throw a.error("auto_pad " + autoPad + " has no conv4j pooling layer");
        }
        boolean square = kernel != null && kernel.length == 2 && kernel[0] == kernel[1];
        boolean oneStride = strides[0] == strides[1];
        boolean evenPads = Arrays.stream(pads).allMatch(p -> p == pads[0]);
        if (!square || !oneStride || !evenPads || dilations[0] != 1 || dilations[1] != 1
                || max && a.i("storage_order", 0) != 0) {
            throw a.error("kernel " + Arrays.toString(kernel) + ", strides " + Arrays.toString(strides) + ", pads "
                    + Arrays.toString(pads) + ", dilations " + Arrays.toString(dilations) + ": conv4j's pooling "
                    + "layers take square windows, one stride, equal pads and no dilation");
        }
        boolean ceil = a.i("ceil_mode", 0) != 0;
        return max ? new MaxPool2d(kernel[0], strides[0], pads[0], ceil)
                : new AvgPool2d(kernel[0], strides[0], pads[0], ceil, a.i("count_include_pad", 0) != 0);
    }

    private static OnnxImportException notAChain(NodeProto n, String problem) {
        return new OnnxImportException(describe(n) + " " + problem + "; a conv4j model file holds a chain of "
                + "layers, so only chains of " + String.join(", ", CONVERTED) + " convert");
    }

    private static OnnxImportException noLayer(NodeProto n) {
        String domain = n.domain().isEmpty() ? "" : n.domain() + ".";
        return new OnnxImportException(describe(n) + ": ONNX operator " + domain + n.opType() + " has no conv4j "
                + "layer; only chains of " + String.join(", ", CONVERTED) + " convert");
    }

    private static String describe(NodeProto n) {
        return n.opType() + " node '" + n.name() + "'";
    }
}
