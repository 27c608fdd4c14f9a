package conv4j.onnx;

import conv4j.autograd.Variable;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Turns one ONNX node into an {@link OnnxStep}, at the model's opset where an operator's inputs or meaning changed
 * between versions. Constant weights (Conv's, BatchNormalization's, a fully connected Gemm's) become conv4j layers;
 * every other input may be a constant or a value computed at run time.
 */
final class OnnxOperators {
    /** The ONNX operators (default domain) that {@link #step} turns into steps. */
    static final List<String> SUPPORTED = List.of("Conv", "BatchNormalization", "Relu", "LeakyRelu", "Sigmoid",
            "Tanh", "Clip", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "LRN", "Gemm", "MatMul",
            "Add", "Sub", "Mul", "Div", "Sum", "Softmax", "LogSoftmax", "Flatten", "Reshape", "Transpose", "Concat",
            "Squeeze", "Unsqueeze", "Identity", "Dropout", "Constant", "ConstantOfShape", "Pad", "Shape", "Gather");

    private OnnxOperators() {
    }

    /**
     * The step for {@code node}; {@code constants} holds the initializers, Constant outputs and folded values by
     * name. Constant nodes are folded by the caller (see {@link #constant}) and never reach here.
     */
    static OnnxStep step(NodeProto node, long opset, Map<String, Tensor> constants) {
        OnnxAttributes a = new OnnxAttributes(node);
        if (!node.domain().isEmpty() && !node.domain().equals("ai.onnx")) {
            throw unsupported(node, opset);
        }
        return switch (node.opType()) {
            case "Conv" -> {
                if (input(node, 1).isEmpty()) {
                    throw a.error("has no weight input");
                }
                Tensor w = constants.get(input(node, 1));
                Tensor b = constants.get(input(node, 2));
                boolean hasBias = !input(node, 2).isEmpty();
                // Weights become a layer only when the bias, if any, is a constant too.
                yield w != null && (!hasBias || b != null) ? OnnxLayers.conv(a, w, b, hasBias)
                        : OnnxLayers.conv(a, null, null, hasBias);
            }
            case "BatchNormalization" -> {
                Tensor[] stats = new Tensor[4];
                for (int k = 0; k < 4; k++) {
                    if (input(node, k + 1).isEmpty()) {
                        throw a.error("needs inputs scale, B, input_mean and input_var");
                    }
                    stats[k] = constants.get(input(node, k + 1));
                }
                boolean constant = stats[0] != null && stats[1] != null && stats[2] != null && stats[3] != null;
                yield OnnxLayers.batchNorm(a, constant ? stats : null);
            }
            case "Relu" -> OnnxElementwise.relu();
            case "LeakyRelu" -> OnnxElementwise.leakyRelu(a);
            case "Sigmoid" -> OnnxElementwise.sigmoid();
            case "Tanh" -> OnnxElementwise.tanh();
            case "Clip" -> OnnxElementwise.clip(a, opset);
            case "MaxPool" -> OnnxPooling.pool(a, true);
            case "AveragePool" -> OnnxPooling.pool(a, false);
            case "GlobalAveragePool" -> OnnxPooling.global(a, false);
            case "GlobalMaxPool" -> OnnxPooling.global(a, true);
            case "LRN" -> OnnxLayers.lrn(a);
            case "Gemm" -> OnnxGemm.step(node, a, constants);
            case "MatMul" -> OnnxMatMul.step(a);
            case "Add", "Sub", "Mul", "Div" -> OnnxElementwise.binary(a, node.opType());
            case "Sum" -> OnnxElementwise.sum(a);
            case "Softmax" -> OnnxSoftmax.step(a, opset, false);
            case "LogSoftmax" -> OnnxSoftmax.step(a, opset, true);
            case "Flatten" -> OnnxShapes.flatten(a);
            case "Reshape" -> {
                if (input(node, 1).isEmpty()) {
                    throw a.error("has no shape input");
                }
                yield OnnxShapes.reshape(a, constants.get(input(node, 1)));
            }
            case "Transpose" -> OnnxIndexing.transpose(a);
            case "Concat" -> OnnxConcat.step(a);
            case "Squeeze" -> OnnxShapes.squeeze(a, opset, false, constants.get(input(node, 1)));
            case "Unsqueeze" -> OnnxShapes.squeeze(a, opset, true, constants.get(input(node, 1)));
            case "Identity" -> OnnxElementwise.unary(x -> x);
            case "Dropout" -> dropout(a, node);
            case "ConstantOfShape" -> OnnxShapes.constantOfShape(a);
            case "Pad" -> OnnxIndexing.pad(a, opset);
            case "Shape" -> OnnxShapes.shape(a);
            case "Gather" -> OnnxIndexing.gather(a);
            default -> throw unsupported(node, opset);
        };
    }

    static OnnxImportException unsupported(NodeProto node, long opset) {
        String domain = node.domain().isEmpty() ? "" : node.domain() + ".";
        return new OnnxImportException("ONNX operator " + domain + node.opType() + " (node '" + node.name()
                + "', opset " + opset + ") is not supported; supported operators: " + SUPPORTED);
    }

    private static String input(NodeProto node, int k) {
        return k < node.input().size() ? node.input().get(k) : "";
    }

    /** A Constant node's value: a tensor, or one float, floats, int or ints (integers travel as floats). */
    static Tensor constant(NodeProto node) {
        OnnxAttributes a = new OnnxAttributes(node);
        if (a.t("value") != null) {
            return OnnxTensors.values(a.t("value"));
        }
        if (a.has("value_float")) {
            return Tensor.scalar(a.f("value_float", 0f));
        }
        if (a.has("value_floats")) {
            float[] v = a.floats("value_floats");
            return new Tensor(Shape.of(v.length), v);
        }
        if (a.has("value_int")) {
            return Tensor.scalar(a.i("value_int", 0));
        }
        if (a.has("value_ints")) {
            int[] v = a.ints("value_ints");
            long[] l = new long[v.length];
            for (int k = 0; k < v.length; k++) {
                l[k] = v[k];
            }
            return OnnxTensors.vector(l);
        }
        throw a.error("only a Constant with a tensor value or value_float(s) / value_int(s) is supported");
    }

    /**
     * Dropout at inference is the identity. Its mask output, where asked for, is all ones (kept everywhere): the
     * values travel as floats, so true is 1. Training mode (an input from opset 12) is refused when it is set with a
     * ratio above zero: random dropping is training, which the import does not serve.
     */
    private static OnnxStep dropout(OnnxAttributes a, NodeProto node) {
        return new OnnxStep() {
            @Override
            public Variable apply(Variable[] in) {
                boolean training = in.length > 2 && in[2] != null && in[2].value().data()[0] != 0f;
                float ratio = in.length > 1 && in[1] != null ? in[1].value().data()[0] : 0.5f;
                if (training && ratio != 0f) {
                    throw a.error("training_mode true is not supported; the importer runs inference only");
                }
                return in[0];
            }

            @Override
            public Variable[] applyAll(Variable[] in) {
                Variable y = apply(in);
                return new Variable[] {y, Variable.of(Tensor.ones(y.shape()))};
            }

            @Override
            public int outputs() {
                return 2;
            }

            @Override
            public Shape shape(Shape[] in) {
                return in[0];
            }
        };
    }
}
