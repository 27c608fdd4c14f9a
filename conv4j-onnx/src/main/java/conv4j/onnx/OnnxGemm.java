package conv4j.onnx;

import conv4j.autograd.Variable;
import conv4j.kernels.Gemm;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;

/**
 * ONNX Gemm: Y = alpha op(A) op(B) + beta C, op transposing where transA / transB say, C broadcast to M x N from a
 * scalar, N, 1 x N, M x 1 or M x N. Computed on tensors by the engine's GEMM; no gradient is recorded.
 */
final class OnnxGemm {
    private OnnxGemm() {
    }

    static OnnxStep step(OnnxAttributes a) {
        float alpha = a.f("alpha", 1f);
        float beta = a.f("beta", 1f);
        boolean transA = a.i("transA", 0) != 0;
        boolean transB = a.i("transB", 0) != 0;
        return new OnnxStep() {
            @Override
            public Variable apply(Variable[] in) {
                Shape y = shape(shapes(in));
                int m = y.dim(0);
                int n = y.dim(1);
                int k = transA ? in[0].shape().dim(0) : in[0].shape().dim(1);
                Tensor out = Tensor.zeros(m, n);
                boolean withC = in.length > 2 && in[2] != null && beta != 0f;
                if (withC) {
                    broadcast(in[2].value(), m, n, out.data());
                }
                Gemm.sgemm(transA, transB, m, n, k, alpha, in[0].value().data(), 0, transA ? m : k,
                        in[1].value().data(), 0, transB ? k : n, withC ? beta : 0f, out.data(), 0, n);
                return Variable.of(out);
            }

            @Override
            public Shape shape(Shape[] in) {
                if (in[0].rank() != 2 || in[1].rank() != 2) {
                    throw a.error("A and B must be matrices, received " + in[0] + " and " + in[1]);
                }
                int m = transA ? in[0].dim(1) : in[0].dim(0);
                int k = transA ? in[0].dim(0) : in[0].dim(1);
                int kb = transB ? in[1].dim(1) : in[1].dim(0);
                int n = transB ? in[1].dim(0) : in[1].dim(1);
                if (k != kb) {
                    throw a.error("op(A) is " + m + " x " + k + " but op(B) is " + kb + " x " + n);
                }
                if (in.length > 2 && in[2] != null && !broadcastable(in[2], m, n)) {
                    throw a.error("C of shape " + in[2] + " does not broadcast to " + m + " x " + n);
                }
                return Shape.of(m, n);
            }
        };
    }

    private static Shape[] shapes(Variable[] in) {
        Shape[] s = new Shape[in.length];
        for (int k = 0; k < in.length; k++) {
            s[k] = in[k] == null ? null : in[k].shape();
        }
        return s;
    }

    private static boolean broadcastable(Shape c, int m, int n) {
        if (c.rank() == 1) {
            return c.dim(0) == 1 || c.dim(0) == n;
        }
        return c.rank() == 2 && (c.dim(0) == 1 || c.dim(0) == m) && (c.dim(1) == 1 || c.dim(1) == n);
    }

    /** C repeated to fill an M x N row-major array. */
    private static void broadcast(Tensor c, int m, int n, float[] out) {
        Shape s = c.shape();
        int rows = s.rank() == 2 ? s.dim(0) : 1;
        int cols = s.rank() == 2 ? s.dim(1) : s.dim(0);
        float[] v = c.data();
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < n; j++) {
                out[r * n + j] = v[(rows == 1 ? 0 : r) * cols + (cols == 1 ? 0 : j)];
            }
        }
    }
}
