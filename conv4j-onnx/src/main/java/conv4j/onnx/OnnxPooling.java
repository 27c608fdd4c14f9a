package conv4j.onnx;

import conv4j.autograd.Ops;
import conv4j.autograd.PoolOps;
import conv4j.autograd.Variable;
import conv4j.kernels.Pool2dGeometry;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;

/**
 * MaxPool, AveragePool, GlobalAveragePool and GlobalMaxPool over any number of spatial axes. The 2-D windows that
 * conv4j's pooling kernels describe (no dilation, the same padding at both ends, at most half the kernel) run on
 * them, which is every CNN's pooling; the rest (dilations, asymmetric or SAME padding, 1-D and 3-D, MaxPool's
 * Indices output) on a plain loop.
 */
final class OnnxPooling {
    private OnnxPooling() {
    }

    static OnnxStep pool(OnnxAttributes a, boolean max) {
        int[] kernel = a.ints("kernel_shape");
        if (kernel == null) {
            throw a.error("has no kernel_shape");
        }
        OnnxWindow.autoPad(a); // refused at import, not at the first run
        boolean ceil = a.i("ceil_mode", 0) != 0;
        boolean countPad = a.i("count_include_pad", 0) != 0;
        boolean columnMajor = a.i("storage_order", 0) != 0;
        return new OnnxStep() {
            @Override
            public Variable apply(Variable[] in) {
                Shape s = in[0].shape();
                OnnxWindow w = window(s);
                Pool2dGeometry g = kernelGeometry(s, w);
                if (g != null) {
                    return max ? PoolOps.maxPool2d(in[0], g) : PoolOps.avgPool2d(in[0], g, countPad);
                }
                return Variable.of(loop(in[0].value(), w, max, countPad, null, false));
            }

            /** MaxPool's Indices output, where read, comes from the plain loop, which tracks each window's argmax. */
            @Override
            public int outputs() {
                return max ? 2 : 1;
            }

            @Override
            public Variable[] applyAll(Variable[] in) {
                Shape s = in[0].shape();
                OnnxWindow w = window(s);
                Tensor indices = Tensor.zeros(outShape(s, w));
                Tensor values = loop(in[0].value(), w, true, false, indices.data(), columnMajor);
                return new Variable[] {Variable.of(values), Variable.of(indices)};
            }

            @Override
            public Shape shape(Shape[] in) {
                return outShape(in[0], window(in[0]));
            }

            private OnnxWindow window(Shape s) {
                if (s.rank() != kernel.length + 2) {
                    throw a.error("kernel_shape of " + kernel.length + " axes on an input of shape " + s);
                }
                int[] size = new int[kernel.length];
                for (int i = 0; i < size.length; i++) {
                    size[i] = s.dim(2 + i);
                }
                return OnnxWindow.of(a, kernel, size, ceil);
            }
        };
    }

    /** conv4j's pooling geometry where it computes exactly this window, else null. */
    private static Pool2dGeometry kernelGeometry(Shape s, OnnxWindow w) {
        if (w.axes() != 2 || !w.symmetric() || w.dilations()[0] != 1 || w.dilations()[1] != 1
                || 2 * w.padBegin()[0] > w.kernel()[0] || 2 * w.padBegin()[1] > w.kernel()[1]) {
            return null;
        }
        for (boolean ceil : new boolean[] {false, true}) {
            try {
                Pool2dGeometry g = new Pool2dGeometry(s.dim(0), s.dim(1), s.dim(2), s.dim(3), w.kernel()[0],
                        w.kernel()[1], w.strides()[0], w.strides()[1], w.padBegin()[0], w.padBegin()[1], ceil);
                if (g.outH() == w.out()[0] && g.outW() == w.out()[1]) {
                    return g;
                }
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static Shape outShape(Shape s, OnnxWindow w) {
        int[] d = s.dims();
        System.arraycopy(w.out(), 0, d, 2, w.axes());
        return Shape.of(d);
    }

    /**
     * Each output over its window's positions: inside the input they count; in the padding they count only for an
     * average that includes the pad (as zeros); past the padding (a ceil_mode window) they never count.
     */
    private static Tensor loop(Tensor x, OnnxWindow w, boolean max, boolean countPad, float[] argmax,
            boolean columnMajor) {
        Shape s = x.shape();
        Shape os = outShape(s, w);
        int axes = w.axes();
        int[] in = new int[axes];
        for (int i = 0; i < axes; i++) {
            in[i] = s.dim(2 + i);
        }
        int inPlane = s.sizeFrom(2);
        int outPlane = os.sizeFrom(2);
        int windowSize = 1;
        for (int k : w.kernel()) {
            windowSize *= k;
        }
        Tensor out = Tensor.zeros(os);
        float[] xv = x.data();
        float[] o = out.data();
        int[] pos = new int[axes];
        int[] tap = new int[axes];
        for (int p = 0; p < s.dim(0) * s.dim(1); p++) {
            for (int q = 0; q < outPlane; q++) {
                unravel(q, w.out(), pos);
                float best = Float.NEGATIVE_INFINITY;
                int bestAt = -1;
                double sum = 0;
                int count = 0;
                for (int t = 0; t < windowSize; t++) {
                    unravel(t, w.kernel(), tap);
                    int offset = 0;
                    boolean inside = true;
                    boolean padded = true;
                    for (int i = 0; i < axes; i++) {
                        int c = pos[i] * w.strides()[i] - w.padBegin()[i] + tap[i] * w.dilations()[i];
                        inside &= c >= 0 && c < in[i];
                        padded &= c >= -w.padBegin()[i] && c < in[i] + w.padEnd()[i];
                        offset = offset * in[i] + c;
                    }
                    if (inside) {
                        float v = xv[p * inPlane + offset];
                        if (bestAt < 0 || v > best) {
                            bestAt = offset;
                        }
                        best = Math.max(best, v);
                        sum += v;
                        count++;
                    } else if (padded && countPad) {
                        count++;
                    }
                }
                o[p * outPlane + q] = max ? best : (float) (sum / count);
                if (argmax != null) {
                    argmax[p * outPlane + q] = p * inPlane + (columnMajor ? transposed(bestAt, in) : bestAt);
                }
            }
        }
        return out;
    }

    /** A row-major offset within a plane as the column-major offset storage_order 1 asks for. */
    private static int transposed(int offset, int[] dims) {
        int[] index = new int[dims.length];
        unravel(offset, dims, index);
        int out = 0;
        for (int i = dims.length - 1; i >= 0; i--) {
            out = out * dims[i] + index[i];
        }
        return out;
    }

    private static void unravel(int index, int[] dims, int[] into) {
        for (int i = dims.length - 1; i >= 0; i--) {
            into[i] = index % dims[i];
            index /= dims[i];
        }
    }

    /** GlobalAveragePool or GlobalMaxPool: each N x C plane to one value, the spatial axes kept as ones. */
    static OnnxStep global(OnnxAttributes a, boolean max) {
        return new OnnxStep() {
            @Override
            public Variable apply(Variable[] in) {
                Shape s = shape(new Shape[] {in[0].shape()});
                if (!max && s.rank() == 4) {
                    return Ops.reshape(PoolOps.globalAvgPool(in[0]), s);
                }
                float[] x = in[0].value().data();
                int plane = in[0].shape().sizeFrom(2);
                Tensor out = Tensor.zeros(s);
                float[] o = out.data();
                for (int p = 0; p < o.length; p++) {
                    float best = Float.NEGATIVE_INFINITY;
                    double sum = 0;
                    for (int i = p * plane; i < (p + 1) * plane; i++) {
                        best = Math.max(best, x[i]);
                        sum += x[i];
                    }
                    o[p] = max ? best : (float) (sum / plane);
                }
                return Variable.of(out);
            }

            @Override
            public Shape shape(Shape[] in) {
                if (in[0].rank() < 3) {
                    throw a.error("expected an N x C x ... input with spatial axes, received " + in[0]);
                }
                int[] d = in[0].dims();
                java.util.Arrays.fill(d, 2, d.length, 1);
                return Shape.of(d);
            }
        };
    }
}
