package conv4j.onnx;

import conv4j.autograd.Ops;
import conv4j.autograd.Variable;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.Arrays;

/**
 * The operators that only rename the layout of the values: Flatten, Reshape, Squeeze, Unsqueeze, and Shape and
 * ConstantOfShape, which turn shapes into values and back. A shape or axes input may be a constant (its output shape
 * is then known at import) or a value computed at run time, such as torch's Shape -> Gather -> Concat chains.
 */
final class OnnxShapes {
    private OnnxShapes() {
    }

    /** Flatten: the axes before axis become the rows, the rest the columns. */
    static OnnxStep flatten(OnnxAttributes a) {
        long axisAttr = a.i("axis", 1);
        java.util.function.Function<Shape, Shape> shape = s -> {
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
        return reshaping(in -> shape.apply(in[0].shape()), in -> shape.apply(in[0]));
    }

    /**
     * Reshape: 0 copies the input's dimension (unless allowzero, when it means an empty axis), one -1 takes what is
     * left. {@code constantShape} is the shape input where it is a constant, else null.
     */
    static OnnxStep reshape(OnnxAttributes a, Tensor constantShape) {
        boolean allowZero = a.i("allowzero", 0) != 0;
        return reshaping(in -> target(a, in[0].shape(), OnnxTensors.longs(in[1].value()), allowZero),
                in -> constantShape == null ? null : target(a, in[0], OnnxTensors.longs(constantShape), allowZero));
    }

    static Shape target(OnnxAttributes a, Shape s, long[] target, boolean allowZero) {
        int[] d = new int[target.length];
        int inferred = -1;
        long known = 1;
        for (int k = 0; k < d.length; k++) {
            if (target[k] == 0 && !allowZero) {
                if (k >= s.rank()) {
                    throw a.error("shape " + Arrays.toString(target) + " copies dimension " + k + " of an input "
                            + "of rank " + s.rank());
                }
                d[k] = s.dim(k);
            } else if (target[k] == -1) {
                if (inferred >= 0) {
                    throw a.error("shape " + Arrays.toString(target) + " has more than one -1");
                }
                inferred = k;
                continue;
            } else if (target[k] < 0) {
                throw a.error("shape " + Arrays.toString(target) + " has a negative dimension");
            } else {
                d[k] = Math.toIntExact(target[k]);
            }
            known *= d[k];
        }
        if (inferred >= 0) {
            d[inferred] = known == 0 ? 0 : (int) (s.size() / known);
        }
        Shape out = Shape.of(d);
        if (out.size() != s.size()) {
            throw a.error("cannot reshape " + s + " to " + Arrays.toString(target));
        }
        return out;
    }

    /**
     * Squeeze (remove) or Unsqueeze (insert) size-1 axes: the axes an attribute before opset 13, an input from it.
     * Squeeze without axes removes every axis of size 1.
     */
    static OnnxStep squeeze(OnnxAttributes a, long opset, boolean insert, Tensor constantAxes) {
        int[] attr = a.ints("axes");
        boolean fromInput = opset >= 13;
        if (insert && !fromInput && attr == null) {
            throw a.error("has no axes attribute");
        }
        return new OnnxStep() {
            @Override
            public Variable apply(Variable[] in) {
                int[] axes = fromInput ? (in.length > 1 && in[1] != null ? OnnxTensors.ints(in[1].value()) : null)
                        : attr;
                return Ops.reshape(in[0], result(in[0].shape(), axes));
            }

            @Override
            public Shape shape(Shape[] in) {
                if (fromInput && in.length > 1 && in[1] != null && constantAxes == null) {
                    return null;
                }
                return result(in[0], fromInput ? (constantAxes == null ? null : OnnxTensors.ints(constantAxes))
                        : attr);
            }

            private Shape result(Shape s, int[] axes) {
                if (insert && axes == null) {
                    throw a.error("has no axes input");
                }
                int rank = insert ? s.rank() + axes.length : s.rank();
                boolean[] marked = new boolean[rank];
                if (axes != null) {
                    for (int axis : axes) {
                        int k = axis < 0 ? axis + rank : axis;
                        if (k < 0 || k >= rank || marked[k]) {
                            throw a.error("axes " + Arrays.toString(axes) + " are outside rank " + rank
                                    + " or repeat");
                        }
                        if (!insert && s.dim(k) != 1) {
                            throw a.error("cannot squeeze axis " + axis + " of size " + s.dim(k) + " in " + s);
                        }
                        marked[k] = true;
                    }
                }
                int[] d = new int[rank];
                int kept = 0;
                int j = 0;
                for (int k = 0; k < rank; k++) {
                    if (insert) {
                        d[kept++] = marked[k] ? 1 : s.dim(j++);
                    } else if (!(axes == null ? s.dim(k) == 1 : marked[k])) {
                        d[kept++] = s.dim(k);
                    }
                }
                return Shape.of(Arrays.copyOf(d, kept));
            }
        };
    }

    /** Shape: the input's dimensions as a 1-D value, from start to end (opset 15; negative counts from the end). */
    static OnnxStep shape(OnnxAttributes a) {
        long start = a.i("start", 0);
        long end = a.i("end", Long.MAX_VALUE);
        return new OnnxStep() {
            @Override
            public Variable apply(Variable[] in) {
                int[] d = in[0].shape().dims();
                int from = clamp(start, d.length);
                int to = Math.max(from, clamp(end, d.length));
                long[] v = new long[to - from];
                for (int k = 0; k < v.length; k++) {
                    v[k] = d[from + k];
                }
                return Variable.of(OnnxTensors.vector(v));
            }

            @Override
            public Shape shape(Shape[] in) {
                int r = in[0].rank();
                return Shape.of(Math.max(0, clamp(end, r) - clamp(start, r)));
            }

            @Override
            public int runtimeInputs() {
                return 1;
            }
        };
    }

    private static int clamp(long axis, int rank) {
        long k = axis < 0 ? axis + rank : axis;
        return (int) Math.max(0, Math.min(rank, k));
    }

    /** ConstantOfShape: a tensor of the given shape filled with the one value of the attribute (default 0). */
    static OnnxStep constantOfShape(OnnxAttributes a) {
        TensorProto value = a.t("value");
        float fill = value == null ? 0f : OnnxTensors.values(value).data()[0];
        return OnnxStep.of(in -> Tensor.full(Shape.of(OnnxTensors.ints(in[0])), fill));
    }

    /** A step whose output is its first input's values under the shape {@code runShape} gives. */
    private static OnnxStep reshaping(java.util.function.Function<Variable[], Shape> runShape,
            java.util.function.Function<Shape[], Shape> shape) {
        return new OnnxStep() {
            @Override
            public Variable apply(Variable[] in) {
                return Ops.reshape(in[0], runShape.apply(in));
            }

            @Override
            public Shape shape(Shape[] in) {
                return shape.apply(in);
            }
        };
    }
}
