package conv4j.onnx;

import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.Arrays;

/** The operators that move values between positions: Transpose, Gather and Pad. */
final class OnnxIndexing {
    private OnnxIndexing() {
    }

    /** Transpose by perm, by default the axes reversed. */
    static OnnxStep transpose(OnnxAttributes a) {
        int[] permAttr = a.ints("perm");
        return OnnxStep.of(in -> transpose(a, in[0], perm(a, permAttr, in[0].rank())),
                in -> permuted(in[0], perm(a, permAttr, in[0].rank())));
    }

    private static int[] perm(OnnxAttributes a, int[] perm, int rank) {
        if (perm == null) {
            int[] p = new int[rank];
            for (int k = 0; k < rank; k++) {
                p[k] = rank - 1 - k;
            }
            return p;
        }
        int[] sorted = perm.clone();
        Arrays.sort(sorted);
        for (int k = 0; k < sorted.length; k++) {
            if (sorted[k] != k || sorted.length != rank) {
                throw a.error("perm " + Arrays.toString(perm) + " is not a permutation of " + rank + " axes");
            }
        }
        return perm;
    }

    private static Shape permuted(Shape s, int[] perm) {
        int[] d = new int[perm.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = s.dim(perm[k]);
        }
        return Shape.of(d);
    }

    private static Tensor transpose(OnnxAttributes a, Tensor x, int[] perm) {
        Shape os = permuted(x.shape(), perm);
        int rank = perm.length;
        int[] inStrides = new int[rank];
        for (int k = rank - 1, step = 1; k >= 0; k--) {
            inStrides[k] = step;
            step *= x.shape().dim(k);
        }
        int[] strides = new int[rank];
        for (int k = 0; k < rank; k++) {
            strides[k] = inStrides[perm[k]];
        }
        Tensor out = Tensor.zeros(os);
        float[] o = out.data();
        float[] v = x.data();
        int[] dims = os.dims();
        int[] index = new int[rank];
        int offset = 0;
        for (int i = 0; i < o.length; i++) {
            o[i] = v[offset];
            for (int k = rank - 1; k >= 0; k--) {
                index[k]++;
                offset += strides[k];
                if (index[k] < dims[k]) {
                    break;
                }
                offset -= strides[k] * dims[k];
                index[k] = 0;
            }
        }
        return out;
    }

    /** Gather along axis: the data's axis replaced by the indices' shape; a negative index counts from the end. */
    static OnnxStep gather(OnnxAttributes a) {
        long axisAttr = a.i("axis", 0);
        return OnnxStep.of(in -> {
            Tensor data = in[0];
            int axis = axis(a, axisAttr, data.rank());
            Shape os = gathered(data.shape(), in[1].shape(), axis);
            int outer = 1;
            for (int k = 0; k < axis; k++) {
                outer *= data.shape().dim(k);
            }
            int length = data.shape().dim(axis);
            int inner = data.shape().sizeFrom(axis + 1);
            int[] idx = OnnxTensors.ints(in[1]);
            Tensor out = Tensor.zeros(os);
            float[] o = out.data();
            float[] v = data.data();
            for (int p = 0; p < outer; p++) {
                for (int j = 0; j < idx.length; j++) {
                    int i = idx[j] < 0 ? idx[j] + length : idx[j];
                    if (i < 0 || i >= length) {
                        throw a.error("index " + idx[j] + " is outside axis " + axis + " of size " + length);
                    }
                    System.arraycopy(v, (p * length + i) * inner, o, (p * idx.length + j) * inner, inner);
                }
            }
            return out;
        }, in -> gathered(in[0], in[1], axis(a, axisAttr, in[0].rank())));
    }

    private static int axis(OnnxAttributes a, long axis, int rank) {
        long k = axis < 0 ? axis + rank : axis;
        if (k < 0 || k >= rank) {
            throw a.error("axis " + axis + " is outside the data's rank " + rank);
        }
        return (int) k;
    }

    private static Shape gathered(Shape data, Shape indices, int axis) {
        int[] d = new int[data.rank() - 1 + indices.rank()];
        int j = 0;
        for (int k = 0; k < axis; k++) {
            d[j++] = data.dim(k);
        }
        for (int k = 0; k < indices.rank(); k++) {
            d[j++] = indices.dim(k);
        }
        for (int k = axis + 1; k < data.rank(); k++) {
            d[j++] = data.dim(k);
        }
        return Shape.of(d);
    }

    /**
     * Pad in constant, reflect or edge mode: before opset 11 the pads and value are attributes, from it inputs
     * (pads, an optional constant_value, from opset 18 optional axes). A negative pad crops.
     */
    static OnnxStep pad(OnnxAttributes a, long opset) {
        String mode = a.s("mode", "constant");
        if (!mode.equals("constant") && !mode.equals("reflect") && !mode.equals("edge")) {
            throw a.error("mode '" + mode + "' is not supported; only constant, reflect and edge");
        }
        int[] padsAttr = opset < 11 ? a.ints(opset < 2 ? "paddings" : "pads") : null;
        float valueAttr = a.f("value", 0f);
        return OnnxStep.of(in -> {
            Tensor x = in[0];
            int rank = x.rank();
            int[] given = opset < 11 ? padsAttr : OnnxTensors.ints(in[1]);
            float value = opset < 11 ? valueAttr
                    : in.length > 2 && in[2] != null && in[2].size() > 0 ? in[2].data()[0] : 0f;
            int[] axes = new int[given.length / 2];
            for (int k = 0; k < axes.length; k++) {
                axes[k] = k;
            }
            if (in.length > 3 && in[3] != null) {
                axes = OnnxTensors.ints(in[3]);
            }
            if (given.length != 2 * axes.length || axes.length > rank) {
                throw a.error("pads " + Arrays.toString(given) + " do not give two values for each of "
                        + axes.length + " axes of an input of rank " + rank);
            }
            int[] begin = new int[rank];
            int[] end = new int[rank];
            for (int k = 0; k < axes.length; k++) {
                int axis = axes[k] < 0 ? axes[k] + rank : axes[k];
                begin[axis] = given[k];
                end[axis] = given[k + axes.length];
            }
            return pad(a, x, begin, end, mode, value);
        });
    }

    private static Tensor pad(OnnxAttributes a, Tensor x, int[] begin, int[] end, String mode, float value) {
        Shape s = x.shape();
        int rank = s.rank();
        int[] dims = new int[rank];
        // For each axis, the input position each output position reads, or -1 for the constant.
        int[][] source = new int[rank][];
        for (int k = 0; k < rank; k++) {
            int n = s.dim(k);
            dims[k] = n + begin[k] + end[k];
            if (dims[k] < 0) {
                throw a.error("pads crop axis " + k + " of size " + n + " below zero");
            }
            if (!mode.equals("constant") && n == 0 && dims[k] > 0 || mode.equals("reflect")
                    && (begin[k] >= n || end[k] >= n) && dims[k] > n) {
                throw a.error(mode + " padding of " + begin[k] + " and " + end[k] + " does not fit axis " + k
                        + " of size " + n);
            }
            source[k] = new int[dims[k]];
            for (int o = 0; o < dims[k]; o++) {
                int i = o - begin[k];
                if (i < 0 || i >= n) {
                    i = switch (mode) {
                        case "reflect" -> i < 0 ? -i : 2 * (n - 1) - i;
                        case "edge" -> i < 0 ? 0 : n - 1;
                        default -> -1;
                    };
                }
                source[k][o] = i;
            }
        }
        Tensor out = Tensor.zeros(Shape.of(dims));
        float[] o = out.data();
        float[] v = x.data();
        int[] index = new int[rank];
        for (int p = 0; p < o.length; p++) {
            int offset = 0;
            boolean constant = false;
            for (int k = 0; k < rank; k++) {
                int i = source[k][index[k]];
                constant |= i < 0;
                offset = offset * s.dim(k) + Math.max(i, 0);
            }
            o[p] = constant ? value : v[offset];
            for (int k = rank - 1; k >= 0; k--) {
                if (++index[k] < dims[k]) {
                    break;
                }
                index[k] = 0;
            }
        }
        return out;
    }
}
