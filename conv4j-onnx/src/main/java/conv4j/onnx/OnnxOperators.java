package conv4j.onnx;

import conv4j.autograd.ActivationOps;
import conv4j.autograd.Ops;
import conv4j.autograd.PoolOps;
import conv4j.autograd.Variable;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns one ONNX node into an {@link OnnxStep}. Weights (Conv's W and B, BatchNormalization's four tensors) and
 * Reshape's shape must be initializers or Constant outputs; every other input may be computed. The steps without a
 * conv4j layer compute on tensors directly and record no gradient: the import serves inference.
 */
final class OnnxOperators {
    /** The ONNX operators (default domain) that {@link #step} turns into steps, in the order the docs list them. */
    static final List<String> SUPPORTED = List.of("Conv", "BatchNormalization", "Relu", "MaxPool", "AveragePool",
            "GlobalAveragePool", "Add", "Flatten", "Gemm", "Concat", "Reshape", "Identity", "Dropout", "Constant");

    private OnnxOperators() {
    }

    /**
     * The step for {@code node}; {@code constants} holds the initializers and Constant outputs by name.
     * Constant nodes are folded by the caller and never reach here.
     */
    static OnnxStep step(NodeProto node, long opset, Map<String, TensorProto> constants) {
        OnnxAttributes a = new OnnxAttributes(node);
        if (!node.domain().isEmpty() && !node.domain().equals("ai.onnx")) {
            throw unsupported(node, opset);
        }
        Function<Integer, TensorProto> constant = k -> {
            String name = k < node.input().size() ? node.input().get(k) : "";
            if (name.isEmpty()) {
                return null;
            }
            TensorProto t = constants.get(name);
            if (t == null) {
                throw a.error("input '" + name + "' must be an initializer or a Constant's output");
            }
            return t;
        };
        return switch (node.opType()) {
            case "Conv" -> {
                TensorProto w = constant.apply(1);
                if (w == null) {
                    throw a.error("has no weight input");
                }
                TensorProto b = constant.apply(2);
                yield OnnxLayers.conv(node, a, OnnxTensors.floats(w), b == null ? null : OnnxTensors.floats(b));
            }
            case "BatchNormalization" -> {
                Tensor[] t = new Tensor[4];
                for (int k = 0; k < 4; k++) {
                    TensorProto p = constant.apply(k + 1);
                    if (p == null) {
                        throw a.error("needs inputs scale, B, input_mean and input_var");
                    }
                    t[k] = OnnxTensors.floats(p);
                }
                yield OnnxLayers.batchNorm(a, t[0], t[1], t[2], t[3]);
            }
            case "Relu" -> unary(ActivationOps::relu, s -> s);
            case "MaxPool" -> OnnxLayers.pool(a, true);
            case "AveragePool" -> OnnxLayers.pool(a, false);
            case "GlobalAveragePool" -> unary(
                    x -> Ops.reshape(PoolOps.globalAvgPool(x), Shape.of(x.shape().dim(0), x.shape().dim(1), 1, 1)),
                    s -> {
                        if (s.rank() != 4) {
                            throw a.error("expected an N x C x H x W input, received " + s);
                        }
                        return Shape.of(s.dim(0), s.dim(1), 1, 1);
                    });
            case "Add" -> add(a);
            case "Flatten" -> flatten(a);
            case "Gemm" -> OnnxGemm.step(node, a, constants);
            case "Concat" -> OnnxConcat.step(a);
            case "Reshape" -> {
                TensorProto shape = constant.apply(1);
                if (shape == null) {
                    throw a.error("has no shape input");
                }
                yield reshape(a, OnnxTensors.longs(shape));
            }
            case "Identity", "Dropout" -> unary(x -> x, s -> s);
            default -> throw unsupported(node, opset);
        };
    }

    static OnnxImportException unsupported(NodeProto node, long opset) {
        String domain = node.domain().isEmpty() ? "" : node.domain() + ".";
        return new OnnxImportException("ONNX operator " + domain + node.opType() + " (node '" + node.name()
                + "', opset " + opset + ") is not supported; supported operators: " + SUPPORTED);
    }

    private static OnnxStep unary(Function<Variable, Variable> f, Function<Shape, Shape> shape) {
        return new OnnxStep() {
            @Override
            public Variable apply(Variable[] in) {
                return f.apply(in[0]);
            }

            @Override
            public Shape shape(Shape[] in) {
                return shape.apply(in[0]);
            }
        };
    }

    /** Add of two tensors of one shape; ONNX's broadcasting is not supported yet. */
    private static OnnxStep add(OnnxAttributes a) {
        return new OnnxStep() {
            @Override
            public Variable apply(Variable[] in) {
                shape(new Shape[] {in[0].shape(), in[1].shape()});
                return Ops.add(in[0], in[1]);
            }

            @Override
            public Shape shape(Shape[] in) {
                if (!in[0].equals(in[1])) {
                    throw a.error("inputs of shapes " + in[0] + " and " + in[1] + " differ; broadcasting is not "
                            + "supported");
                }
                return in[0];
            }
        };
    }

    /** Flatten: the dimensions before axis become the rows, the rest the columns. */
    private static OnnxStep flatten(OnnxAttributes a) {
        long axisAttr = a.i("axis", 1);
        Function<Shape, Shape> shape = s -> {
            int axis = (int) (axisAttr < 0 ? axisAttr + s.rank() : axisAttr);
            if (axis < 0 || axis > s.rank()) {
                throw a.error("axis " + axisAttr + " is outside the input's rank " + s.rank());
            }
            int rows = 1;
            for (int k = 0; k < axis; k++) {
                rows *= s.dim(k);
            }
            return Shape.of(rows, s.sizeFrom(axis));
        };
        return unary(x -> Ops.reshape(x, shape.apply(x.shape())), shape);
    }

    /** Reshape to a constant shape: 0 copies the input's dimension (allowzero 0), one -1 takes what is left. */
    private static OnnxStep reshape(OnnxAttributes a, long[] target) {
        if (a.i("allowzero", 0) != 0) {
            throw a.error("allowzero 1 is not supported");
        }
        Function<Shape, Shape> shape = s -> {
            int[] d = new int[target.length];
            int inferred = -1;
            int known = 1;
            for (int k = 0; k < d.length; k++) {
                if (target[k] == 0) {
                    if (k >= s.rank()) {
                        throw a.error("shape " + java.util.Arrays.toString(target) + " copies dimension " + k
                                + " of an input of rank " + s.rank());
                    }
                    d[k] = s.dim(k);
                } else if (target[k] == -1) {
                    if (inferred >= 0) {
                        throw a.error("shape " + java.util.Arrays.toString(target) + " has more than one -1");
                    }
                    inferred = k;
                    continue;
                } else if (target[k] < 0) {
                    throw a.error("shape " + java.util.Arrays.toString(target) + " has a negative dimension");
                } else {
                    d[k] = Math.toIntExact(target[k]);
                }
                known *= d[k];
            }
            if (inferred >= 0) {
                d[inferred] = known == 0 ? 0 : s.size() / known;
            }
            Shape out = Shape.of(d);
            if (out.size() != s.size()) {
                throw a.error("cannot reshape " + s + " to " + java.util.Arrays.toString(target));
            }
            return out;
        };
        OnnxStep step = unary(x -> Ops.reshape(x, shape.apply(x.shape())), shape);
        return new OnnxStep() {
            @Override
            public Variable apply(Variable[] in) {
                return step.apply(in);
            }

            @Override
            public Shape shape(Shape[] in) {
                return step.shape(in);
            }

            @Override
            public int runtimeInputs() {
                return 1;
            }
        };
    }
}
