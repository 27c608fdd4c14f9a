package conv4j.onnx;

import conv4j.autograd.ActivationOps;
import conv4j.autograd.Ops;
import conv4j.autograd.Variable;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * The elementwise operators: Add, Sub, Mul, Div and Sum with broadcasting, and the activations Relu, LeakyRelu,
 * Sigmoid, Tanh and Clip. Inputs of one shape take conv4j's ops (ResNet's residual Add stays a single pass); only a
 * broadcast runs the general loop.
 */
final class OnnxElementwise {
    private OnnxElementwise() {
    }

    static OnnxStep binary(OnnxAttributes a, String op) {
        return new OnnxStep() {
            @Override
            public Variable apply(Variable[] in) {
                return combine(a, op, in[0], in[1]);
            }

            @Override
            public Shape shape(Shape[] in) {
                return broadcastShape(a, in[0], in[1]);
            }
        };
    }

    /** Sum of any number of inputs, broadcast together, added left to right. */
    static OnnxStep sum(OnnxAttributes a) {
        return new OnnxStep() {
            @Override
            public Variable apply(Variable[] in) {
                Variable total = in[0];
                for (int k = 1; k < in.length; k++) {
                    total = combine(a, "Add", total, in[k]);
                }
                return total;
            }

            @Override
            public Shape shape(Shape[] in) {
                Shape s = in[0];
                for (int k = 1; k < in.length; k++) {
                    s = broadcastShape(a, s, in[k]);
                }
                return s;
            }
        };
    }

    private static Shape broadcastShape(OnnxAttributes a, Shape x, Shape y) {
        Shape s = OnnxBroadcast.shape(x, y);
        if (s == null) {
            throw a.error("inputs of shapes " + x + " and " + y + " do not broadcast");
        }
        return s;
    }

    private static Variable combine(OnnxAttributes a, String op, Variable x, Variable y) {
        if (x.shape().equals(y.shape())) {
            BiFunction<Variable, Variable, Variable> same = switch (op) {
                case "Add" -> Ops::add;
                case "Sub" -> Ops::sub;
                case "Mul" -> Ops::mul;
                default -> null;
            };
            if (same != null) {
                return same.apply(x, y);
            }
        }
        Shape out = broadcastShape(a, x.shape(), y.shape());
        OnnxBroadcast.FloatBinary f = switch (op) {
            case "Add" -> (p, q) -> p + q;
            case "Sub" -> (p, q) -> p - q;
            case "Mul" -> (p, q) -> p * q;
            default -> (p, q) -> p / q;
        };
        return Variable.of(OnnxBroadcast.apply(x.value(), y.value(), out, f));
    }

    static OnnxStep unary(UnaryOperator<Variable> f) {
        return new OnnxStep() {
            @Override
            public Variable apply(Variable[] in) {
                return f.apply(in[0]);
            }

            @Override
            public Shape shape(Shape[] in) {
                return in[0];
            }
        };
    }

    static OnnxStep leakyRelu(OnnxAttributes a) {
        float alpha = a.f("alpha", 0.01f);
        return unary(x -> ActivationOps.leakyRelu(x, alpha));
    }

    /**
     * Clip to [min, max]: attributes before opset 11, optional scalar inputs from it (constants or run-time values);
     * a bound left out does not clip.
     */
    static OnnxStep clip(OnnxAttributes a, long opset) {
        float minAttr = a.f("min", Float.NEGATIVE_INFINITY);
        float maxAttr = a.f("max", Float.POSITIVE_INFINITY);
        return new OnnxStep() {
            @Override
            public Variable apply(Variable[] in) {
                float lo = opset < 11 ? minAttr : bound(in, 1, Float.NEGATIVE_INFINITY);
                float hi = opset < 11 ? maxAttr : bound(in, 2, Float.POSITIVE_INFINITY);
                float[] x = in[0].value().data();
                Tensor out = Tensor.zeros(in[0].shape());
                float[] o = out.data();
                for (int i = 0; i < x.length; i++) {
                    o[i] = Math.min(Math.max(x[i], lo), hi);
                }
                return Variable.of(out);
            }

            @Override
            public Shape shape(Shape[] in) {
                return in[0];
            }

            private float bound(Variable[] in, int k, float fallback) {
                if (k >= in.length || in[k] == null) {
                    return fallback;
                }
                if (in[k].value().size() != 1) {
                    throw a.error("bound of shape " + in[k].shape() + " is not a scalar");
                }
                return in[k].value().data()[0];
            }
        };
    }

    static OnnxStep relu() {
        return unary(ActivationOps::relu);
    }

    static OnnxStep sigmoid() {
        return unary(ActivationOps::sigmoid);
    }

    static OnnxStep tanh() {
        return unary(ActivationOps::tanh);
    }
}
