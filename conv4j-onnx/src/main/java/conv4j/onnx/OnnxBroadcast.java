package conv4j.onnx;

import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;

/**
 * ONNX's multidirectional (numpy) broadcasting: shapes align at their last axes, and an axis of size 1 (or a missing
 * leading axis) repeats to the other's size.
 */
final class OnnxBroadcast {
    private OnnxBroadcast() {
    }

    @FunctionalInterface
    interface FloatBinary {
        float apply(float x, float y);
    }

    /** The broadcast shape, or null where the shapes do not broadcast. */
    static Shape shape(Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        int[] d = new int[rank];
        for (int i = 0; i < rank; i++) {
            int x = dimFromEnd(a, rank - 1 - i);
            int y = dimFromEnd(b, rank - 1 - i);
            if (x != y && x != 1 && y != 1) {
                return null;
            }
            d[i] = x == 1 ? y : x;
        }
        return Shape.of(d);
    }

    private static int dimFromEnd(Shape s, int fromEnd) {
        return fromEnd < s.rank() ? s.dim(s.rank() - 1 - fromEnd) : 1;
    }

    /**
     * The element strides of {@code s} seen through broadcast shape {@code out}: 0 on the axes it repeats along.
     */
    static int[] strides(Shape s, Shape out) {
        int rank = out.rank();
        int[] strides = new int[rank];
        int step = 1;
        for (int i = rank - 1, j = s.rank() - 1; i >= 0; i--, j--) {
            int d = j >= 0 ? s.dim(j) : 1;
            strides[i] = d == 1 ? 0 : step;
            step *= d;
        }
        return strides;
    }

    /** f applied elementwise over the broadcast of a and b; the innermost axis runs as a plain loop. */
    static Tensor apply(Tensor a, Tensor b, Shape out, FloatBinary f) {
        Tensor result = Tensor.zeros(out);
        float[] o = result.data();
        if (o.length == 0) {
            return result;
        }
        float[] x = a.data();
        float[] y = b.data();
        int rank = out.rank();
        if (rank == 0) {
            o[0] = f.apply(x[0], y[0]);
            return result;
        }
        int[] sa = strides(a.shape(), out);
        int[] sb = strides(b.shape(), out);
        int[] dims = out.dims();
        int inner = dims[rank - 1];
        int ia = sa[rank - 1];
        int ib = sb[rank - 1];
        int[] index = new int[rank];
        int offA = 0;
        int offB = 0;
        for (int start = 0; start < o.length; start += inner) {
            for (int j = 0; j < inner; j++) {
                o[start + j] = f.apply(x[offA + j * ia], y[offB + j * ib]);
            }
            // Advance the outer index like an odometer, keeping both inputs' offsets in step.
            for (int axis = rank - 2; axis >= 0; axis--) {
                index[axis]++;
                offA += sa[axis];
                offB += sb[axis];
                if (index[axis] < dims[axis]) {
                    break;
                }
                offA -= sa[axis] * dims[axis];
                offB -= sb[axis] * dims[axis];
                index[axis] = 0;
            }
        }
        return result;
    }
}
