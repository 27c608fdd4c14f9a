package conv4j.onnx;

import conv4j.kernels.Gemm;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;

/**
 * MatMul with numpy's semantics: a 1-D left operand is a row and a 1-D right operand a column (the added axis dropped
 * again), and the axes before the last two broadcast as batches. Each matrix product runs on the engine's GEMM.
 */
final class OnnxMatMul {
    private OnnxMatMul() {
    }

    static OnnxStep step(OnnxAttributes a) {
        return OnnxStep.of(in -> multiply(a, in[0], in[1]), in -> shape(a, in[0], in[1]));
    }

    private static Shape shape(OnnxAttributes a, Shape x, Shape y) {
        if (x.rank() == 0 || y.rank() == 0) {
            throw a.error("MatMul needs inputs of rank 1 or more, received " + x + " and " + y);
        }
        Shape xm = x.rank() == 1 ? Shape.of(1, x.dim(0)) : x;
        Shape ym = y.rank() == 1 ? Shape.of(y.dim(0), 1) : y;
        if (xm.dim(-1) != ym.dim(-2)) {
            throw a.error("inputs of shapes " + x + " and " + y + " do not multiply");
        }
        Shape batch = OnnxBroadcast.shape(batch(xm), batch(ym));
        if (batch == null) {
            throw a.error("the batch axes of " + x + " and " + y + " do not broadcast");
        }
        int[] b = batch.dims();
        int rank = b.length + (x.rank() == 1 ? 0 : 1) + (y.rank() == 1 ? 0 : 1);
        int[] d = java.util.Arrays.copyOf(b, rank);
        int j = b.length;
        if (x.rank() > 1) {
            d[j++] = xm.dim(-2);
        }
        if (y.rank() > 1) {
            d[j] = ym.dim(-1);
        }
        return Shape.of(d);
    }

    private static Shape batch(Shape s) {
        return Shape.of(java.util.Arrays.copyOf(s.dims(), s.rank() - 2));
    }

    private static Tensor multiply(OnnxAttributes a, Tensor x, Tensor y) {
        Shape out = shape(a, x.shape(), y.shape());
        Shape xm = x.rank() == 1 ? Shape.of(1, x.dim(0)) : x.shape();
        Shape ym = y.rank() == 1 ? Shape.of(y.dim(0), 1) : y.shape();
        int m = xm.dim(-2);
        int k = xm.dim(-1);
        int n = ym.dim(-1);
        Shape batch = OnnxBroadcast.shape(batch(xm), batch(ym));
        int[] sx = OnnxBroadcast.strides(batch(xm), batch);
        int[] sy = OnnxBroadcast.strides(batch(ym), batch);
        int[] dims = batch.dims();
        int[] index = new int[dims.length];
        Tensor result = Tensor.zeros(out);
        float[] o = result.data();
        for (int p = 0, count = batch.size(); p < count; p++) {
            int ox = 0;
            int oy = 0;
            for (int d = 0; d < dims.length; d++) {
                ox += index[d] * sx[d];
                oy += index[d] * sy[d];
            }
            if (m > 0 && n > 0) {
                Gemm.sgemm(false, false, m, n, k, 1f, x.data(), ox * m * k, k, y.data(), oy * k * n, n, 0f, o,
                        p * m * n, n);
            }
            for (int d = dims.length - 1; d >= 0; d--) {
                if (++index[d] < dims[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return result;
    }
}
