package conv4j.autograd;

import conv4j.kernels.Concat;
import conv4j.kernels.DropoutKernel;
import conv4j.kernels.Elementwise;
import conv4j.kernels.Gemm;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;

/**
 * The small elementwise and shape ops, each a forward line or two and its backward rule, all in one place. Heavy ops
 * (convolution, pooling, normalisation) live in their own classes and call hand-written backward kernels.
 */
public final class Ops {
    private Ops() {
    }

    public static Variable add(Variable a, Variable b) {
        requireSameShape("add", a, b);
        float[] x = a.value().data();
        float[] y = b.value().data();
        Tensor out = Tensor.zeros(a.shape());
        float[] o = out.data();
        for (int i = 0; i < o.length; i++) {
            o[i] = x[i] + y[i];
        }
        return Variable.result("add", out, new Variable[] {a, b}, (ConsumingRule) g -> {
            b.addGrad(g);
            a.addOwnedGrad(g);
        });
    }

    /**
     * a + b written over a's values, for a caller that owns a: nothing reads a's values afterwards, and a's own
     * backward rule does not need them (batch norm's output before a residual sum). The gradient is add's.
     */
    public static Variable addInPlace(Variable a, Variable b) {
        requireSameShape("add", a, b);
        Elementwise.accumulate(a.value().data(), b.value().data());
        return Variable.result("add", a.value(), new Variable[] {a, b}, (ConsumingRule) g -> {
            b.addGrad(g);
            a.addOwnedGrad(g);
        });
    }

    public static Variable sub(Variable a, Variable b) {
        requireSameShape("sub", a, b);
        float[] x = a.value().data();
        float[] y = b.value().data();
        Tensor out = Tensor.zeros(a.shape());
        float[] o = out.data();
        for (int i = 0; i < o.length; i++) {
            o[i] = x[i] - y[i];
        }
        return Variable.result("sub", out, new Variable[] {a, b}, g -> {
            a.addGrad(g);
            b.addOwnedGrad(scaled(g, -1f));
        });
    }

    public static Variable mul(Variable a, Variable b) {
        requireSameShape("mul", a, b);
        float[] x = a.value().data();
        float[] y = b.value().data();
        Tensor out = Tensor.zeros(a.shape());
        float[] o = out.data();
        for (int i = 0; i < o.length; i++) {
            o[i] = x[i] * y[i];
        }
        return Variable.result("mul", out, new Variable[] {a, b}, g -> {
            if (a.requiresGrad()) {
                a.addOwnedGrad(product(g, b.value()));
            }
            if (b.requiresGrad()) {
                b.addOwnedGrad(product(g, a.value()));
            }
        });
    }

    public static Variable scale(Variable a, float factor) {
        return Variable.result("scale", scaled(a.value(), factor), new Variable[] {a},
                g -> a.addOwnedGrad(scaled(g, factor)));
    }

    public static Variable square(Variable a) {
        return mul(a, a);
    }

    /** The sum of all elements, as a one-element tensor. */
    public static Variable sum(Variable a) {
        double s = 0;
        for (float v : a.value().data()) {
            s += v;
        }
        return Variable.result("sum", Tensor.scalar((float) s), new Variable[] {a},
                g -> a.addOwnedGrad(Tensor.full(a.shape(), g.item())));
    }

    /** The mean of all elements, as a one-element tensor. */
    public static Variable mean(Variable a) {
        int n = a.value().size();
        if (n == 0) {
            throw new IllegalArgumentException("mean of an empty tensor (shape " + a.shape() + ")");
        }
        double s = 0;
        for (float v : a.value().data()) {
            s += v;
        }
        return Variable.result("mean", Tensor.scalar((float) (s / n)), new Variable[] {a},
                g -> a.addOwnedGrad(Tensor.full(a.shape(), g.item() / n)));
    }

    /** The same values with another shape of equal size. */
    public static Variable reshape(Variable a, Shape shape) {
        Tensor out = a.value().reshape(shape);
        return Variable.result("reshape", out, new Variable[] {a},
                (ConsumingRule) g -> a.addOwnedGrad(g.reshape(a.shape())));
    }

    /** N x d1 x d2 x ... to N x (d1 * d2 * ...). */
    public static Variable flatten(Variable a) {
        if (a.shape().rank() < 1) {
            throw new IllegalArgumentException("flatten needs a batch dimension, received a scalar");
        }
        return reshape(a, Shape.of(a.shape().dim(0), a.shape().sizeFrom(1)));
    }

    /** (m x k) times (k x n). */
    public static Variable matmul(Variable a, Variable b) {
        Shape sa = a.shape();
        Shape sb = b.shape();
        if (sa.rank() != 2 || sb.rank() != 2 || sa.dim(1) != sb.dim(0)) {
            throw new IllegalArgumentException("matmul needs (m x k) and (k x n) matrices, received " + sa
                    + " and " + sb);
        }
        int m = sa.dim(0);
        int k = sa.dim(1);
        int n = sb.dim(1);
        Tensor out = Tensor.zeros(m, n);
        Gemm.sgemm(false, false, m, n, k, 1f, a.value().data(), 0, k, b.value().data(), 0, n,
                0f, out.data(), 0, n);
        return Variable.result("matmul", out, new Variable[] {a, b}, g -> {
            if (a.requiresGrad()) {
                Tensor ga = Tensor.zeros(m, k); // dA = dC B^T
                Gemm.sgemm(false, true, m, k, n, 1f, g.data(), 0, n, b.value().data(), 0, n, 0f, ga.data(), 0, k);
                a.addOwnedGrad(ga);
            }
            if (b.requiresGrad()) {
                Tensor gb = Tensor.zeros(k, n); // dB = A^T dC
                Gemm.sgemm(true, false, k, n, m, 1f, a.value().data(), 0, k, g.data(), 0, n, 0f, gb.data(), 0, n);
                b.addOwnedGrad(gb);
            }
        });
    }

    /**
     * The fully connected layer's scores = W x + b for each row x of the batch: input N x in, weight out x in (the
     * lecture's and PyTorch's layout), bias out or null.
     */
    public static Variable linear(Variable x, Variable weight, Variable bias) {
        Shape sx = x.shape();
        Shape sw = weight.shape();
        if (sx.rank() != 2 || sw.rank() != 2 || sx.dim(1) != sw.dim(1)) {
            throw new IllegalArgumentException("linear needs input N x in and weight out x in, received input " + sx
                    + " and weight " + sw);
        }
        int n = sx.dim(0);
        int in = sx.dim(1);
        int outF = sw.dim(0);
        if (bias != null && (bias.shape().rank() != 1 || bias.shape().dim(0) != outF)) {
            throw new IllegalArgumentException("linear bias must have " + outF + " entries, received shape "
                    + bias.shape());
        }
        Tensor out = Tensor.zeros(n, outF);
        float[] o = out.data();
        if (bias != null) {
            float[] b = bias.value().data();
            for (int r = 0; r < n; r++) {
                System.arraycopy(b, 0, o, r * outF, outF);
            }
        }
        // N x out = (N x in) (out x in)^T
        Gemm.sgemm(false, true, n, outF, in, 1f, x.value().data(), 0, in, weight.value().data(), 0, in,
                bias == null ? 0f : 1f, o, 0, outF);
        Variable[] inputs = bias == null ? new Variable[] {x, weight} : new Variable[] {x, weight, bias};
        return Variable.result("linear", out, inputs, g -> {
            float[] gd = g.data();
            if (x.requiresGrad()) {
                Tensor gx = Tensor.zeros(n, in); // dX = dY W
                Gemm.sgemm(false, false, n, in, outF, 1f, gd, 0, outF, weight.value().data(), 0, in,
                        0f, gx.data(), 0, in);
                x.addOwnedGrad(gx);
            }
            if (weight.requiresGrad()) {
                Tensor gw = Tensor.zeros(outF, in); // dW = dY^T X
                Gemm.sgemm(true, false, outF, in, n, 1f, gd, 0, outF, x.value().data(), 0, in,
                        0f, gw.data(), 0, in);
                weight.addOwnedGrad(gw);
            }
            if (bias != null && bias.requiresGrad()) {
                Tensor gb = Tensor.zeros(outF);
                float[] b = gb.data();
                for (int r = 0; r < n; r++) {
                    for (int j = 0; j < outF; j++) {
                        b[j] += gd[r * outF + j];
                    }
                }
                bias.addOwnedGrad(gb);
            }
        });
    }

    /**
     * Inverted dropout: each element is zeroed with probability p and the rest scaled by 1 / (1 - p), so inference
     * needs no rescaling. The mask is drawn from {@code rng}.
     */
    public static Variable dropout(Variable x, float p, Rng rng) {
        Tensor out = Tensor.zeros(x.shape());
        boolean[] keep = new boolean[x.value().size()];
        DropoutKernel.forward(p, rng, x.value().data(), out.data(), keep);
        return Variable.result("dropout", out, new Variable[] {x}, g -> {
            Tensor dx = Tensor.zeros(x.shape());
            DropoutKernel.backward(p, keep, g.data(), dx.data());
            x.addOwnedGrad(dx);
        });
    }

    /** Concatenation along the channels of N x C_i x H x W inputs (GoogLeNet's inception outputs). */
    public static Variable concatChannels(Variable... inputs) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException("concatChannels needs at least one input");
        }
        Shape first = inputs[0].shape();
        if (first.rank() < 2) {
            throw new IllegalArgumentException("concatChannels needs N x C x ... inputs, received " + first);
        }
        int[] channels = new int[inputs.length];
        float[][] data = new float[inputs.length][];
        int total = 0;
        for (int i = 0; i < inputs.length; i++) {
            Shape s = inputs[i].shape();
            if (s.rank() != first.rank() || !s.with(1, first.dim(1)).equals(first)) {
                throw new IllegalArgumentException("concatChannels: input " + i + " has shape " + s
                        + ", which differs from input 0's " + first + " outside the channels");
            }
            channels[i] = s.dim(1);
            data[i] = inputs[i].value().data();
            total += channels[i];
        }
        int batch = first.dim(0);
        int spatial = first.sizeFrom(2);
        Tensor out = Tensor.zeros(first.with(1, total));
        Concat.forward(batch, spatial, channels, data, out.data());
        return Variable.result("concat", out, inputs, g -> {
            float[][] grads = new float[inputs.length][];
            for (int i = 0; i < inputs.length; i++) {
                grads[i] = new float[inputs[i].value().size()];
            }
            Concat.backward(batch, spatial, channels, g.data(), grads);
            for (int i = 0; i < inputs.length; i++) {
                inputs[i].addOwnedGrad(new Tensor(inputs[i].shape(), grads[i]));
            }
        });
    }

    static void requireSameShape(String op, Variable a, Variable b) {
        if (!a.shape().equals(b.shape())) {
            throw new IllegalArgumentException(op + " needs equal shapes, received " + a.shape() + " and "
                    + b.shape());
        }
    }

    static Tensor scaled(Tensor t, float factor) {
        Tensor out = Tensor.zeros(t.shape());
        float[] s = t.data();
        float[] o = out.data();
        for (int i = 0; i < o.length; i++) {
            o[i] = s[i] * factor;
        }
        return out;
    }

    static Tensor product(Tensor a, Tensor b) {
        Tensor out = Tensor.zeros(a.shape());
        float[] x = a.data();
        float[] y = b.data();
        float[] o = out.data();
        for (int i = 0; i < o.length; i++) {
            o[i] = x[i] * y[i];
        }
        return out;
    }
}
