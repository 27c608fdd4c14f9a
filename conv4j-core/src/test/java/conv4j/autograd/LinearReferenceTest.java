package conv4j.autograd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.testkit.Close;
import conv4j.testkit.GradientCheck;
import conv4j.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fully connected layer's double-precision twin, y[r][o] = b[o] + sum_i x[r][i] w[o][i], with its hand-written
 * backward gradient-checked in double; then {@link Ops#linear}'s float forward and backward against it.
 */
class LinearReferenceTest {
    private final SplittableRandom random = new SplittableRandom(17);

    static double[] forward(int n, int in, int out, double[] x, double[] w, double[] b) {
        double[] y = new double[n * out];
        for (int r = 0; r < n; r++) {
            for (int o = 0; o < out; o++) {
                double s = b[o];
                for (int i = 0; i < in; i++) {
                    s += x[r * in + i] * w[o * in + i];
                }
                y[r * out + o] = s;
            }
        }
        return y;
    }

    /** dx, dw, db for upstream dy. */
    static double[][] backward(int n, int in, int out, double[] x, double[] w, double[] dy) {
        double[] dx = new double[n * in];
        double[] dw = new double[out * in];
        double[] db = new double[out];
        for (int r = 0; r < n; r++) {
            for (int o = 0; o < out; o++) {
                double g = dy[r * out + o];
                db[o] += g;
                for (int i = 0; i < in; i++) {
                    dx[r * in + i] += g * w[o * in + i];
                    dw[o * in + i] += g * x[r * in + i];
                }
            }
        }
        return new double[][] {dx, dw, db};
    }

    @Test
    void referenceBackwardPassesTheDoubleGradientCheck() {
        for (int[] s : new int[][] {{1, 1, 1}, {1, 5, 3}, {4, 7, 2}, {3, 2, 6}}) {
            int n = s[0];
            int in = s[1];
            int out = s[2];
            double[] x = Close.randomDoubles(random, n * in);
            double[] w = Close.randomDoubles(random, out * in);
            double[] b = Close.randomDoubles(random, out);
            double[] dy = Close.randomDoubles(random, n * out);
            double[][] grads = backward(n, in, out, x, w, dy);
            GradientCheck.Result rx = GradientCheck.checkVjp(v -> forward(n, in, out, v, w, b), x, dy, grads[0]);
            GradientCheck.Result rw = GradientCheck.checkVjp(v -> forward(n, in, out, x, v, b), w, dy, grads[1]);
            GradientCheck.Result rb = GradientCheck.checkVjp(v -> forward(n, in, out, x, w, v), b, dy, grads[2]);
            assertTrue(rx.passes() && rw.passes() && rb.passes(), rx + " / " + rw + " / " + rb);
        }
    }

    @Test
    void fastLinearMatchesTheReference() {
        for (int[] s : new int[][] {{1, 1, 1}, {64, 120, 84}, {7, 33, 10}, {1, 400, 120}, {129, 17, 65}}) {
            int n = s[0];
            int in = s[1];
            int out = s[2];
            float[] x = Close.randomFloats(random, n * in);
            float[] w = Close.randomFloats(random, out * in);
            float[] b = Close.randomFloats(random, out);
            float[] dy = Close.randomFloats(random, n * out);
            Variable vx = Variable.parameter(Tensor.of(x, n, in));
            Variable vw = Variable.parameter(Tensor.of(w, out, in));
            Variable vb = Variable.parameter(Tensor.of(b, out));
            Variable y = Ops.linear(vx, vw, vb);
            y.backward(Tensor.of(dy, n, out));
            double[] ref = forward(n, in, out, Close.toDouble(x), Close.toDouble(w), Close.toDouble(b));
            double[][] grads = backward(n, in, out, Close.toDouble(x), Close.toDouble(w), Close.toDouble(dy));
            // Sums of up to 400 products of values in [-1, 1): float rounding grows with the square root of the count.
            double atol = 1e-5 * Math.sqrt(Math.max(in, Math.max(n, out)));
            Close.assertClose(ref, y.value().data(), 1e-4, atol, "y " + n + "x" + in + "->" + out);
            Close.assertClose(grads[0], vx.grad().data(), 1e-4, atol, "dx");
            Close.assertClose(grads[1], vw.grad().data(), 1e-4, atol, "dw");
            Close.assertClose(grads[2], vb.grad().data(), 1e-4, atol, "db");
        }
    }
}
