package conv4j.onnx;

import conv4j.autograd.Variable;
import conv4j.kernels.Gemm;
import conv4j.nn.Init;
import conv4j.nn.Linear;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.Map;

/**
 * ONNX Gemm: Y = alpha op(A) op(B) + beta C, op transposing where transA / transB say, C broadcast to M x N from a
 * scalar, N, 1 x N, M x 1 or M x N. A {@link Linear} layer where it is one; otherwise computed on tensors by the
 * engine's GEMM, recording no gradient.
 */
final class OnnxGemm {
    private OnnxGemm() {
    }

    /**
     * A fully connected layer where Gemm is one (torch's export of nn.Linear: B and C initializers, C one bias a
     * column, no scaling of op(A)), so that its weights are the model's parameters; the general product otherwise.
     */
    static OnnxStep step(NodeProto node, OnnxAttributes a, Map<String, Tensor> constants) {
        float alpha = a.f("alpha", 1f);
        float beta = a.f("beta", 1f);
        boolean transA = a.i("transA", 0) != 0;
        boolean transB = a.i("transB", 0) != 0;
        Tensor b = node.input().size() > 1 ? constants.get(node.input().get(1)) : null;
        String cName = node.input().size() > 2 ? node.input().get(2) : "";
        Tensor c = constants.get(cName);
        boolean biasColumn = c != null && beta == 1f && b != null && b.rank() == 2
                && c.size() == b.dim(transB ? 0 : 1) && (c.rank() == 1 || c.rank() == 2 && c.dim(0) == 1);
        if (!transA && alpha == 1f && b != null && b.rank() == 2 && (cName.isEmpty() || biasColumn)) {
            return linear(b, transB, c);
        }
        return general(a, alpha, beta, transA, transB);
    }

    private static OnnxStep linear(Tensor b, boolean transB, Tensor c) {
        int out = transB ? b.dim(0) : b.dim(1);
        int in = transB ? b.dim(1) : b.dim(0);
        // The initializers overwrite the drawn values at once; the seed only keeps the build deterministic.
        Linear fc = new Linear(in, out, c != null, Init.HE_UNIFORM, new Rng(0));
        float[] w = fc.weight().value().data();
        float[] src = b.data();
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                w[o * in + i] = transB ? src[o * in + i] : src[i * out + o];
            }
        }
        if (c != null) {
            System.arraycopy(c.data(), 0, fc.bias().value().data(), 0, out);
        }
        return new OnnxLayers.LayerStep(fc);
    }

    private static OnnxStep general(OnnxAttributes a, float alpha, float beta, boolean transA, boolean transB) {
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
        if (c.rank() == 0) {
            return true;
        }
        if (c.rank() == 1) {
            return c.dim(0) == 1 || c.dim(0) == n;
        }
        return c.rank() == 2 && (c.dim(0) == 1 || c.dim(0) == m) && (c.dim(1) == 1 || c.dim(1) == n);
    }

    /** C repeated to fill an M x N row-major array. */
    private static void broadcast(Tensor c, int m, int n, float[] out) {
        Shape s = c.shape();
        int rows = s.rank() == 2 ? s.dim(0) : 1;
        int cols = s.rank() == 2 ? s.dim(1) : s.rank() == 1 ? s.dim(0) : 1;
        float[] v = c.data();
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < n; j++) {
                out[r * n + j] = v[(rows == 1 ? 0 : r) * cols + (cols == 1 ? 0 : j)];
            }
        }
    }
}
