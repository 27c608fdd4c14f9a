package conv4j.optim;

import conv4j.nn.Param;
import conv4j.tensor.Tensor;

/** Parameters with chosen values and gradients, and the fixed gradient sequence the formula tests share. */
final class TestParams {
    static final float[] W0 = {0.5f, -1.25f, 2.0f, 0.0f, -0.3f, 1.7f};

    private TestParams() {
    }

    static Param param(float[] values, double penaltyMultiplier) {
        return new Param(Tensor.of(values, values.length), penaltyMultiplier);
    }

    static void setGrad(Param p, float[] grad) {
        p.zeroGrad();
        p.variable().addGrad(Tensor.of(grad, grad.length));
    }

    /** Gradient of step t (from 0): varied signs and sizes, including a zero entry, none tied to the weights. */
    static float[] grad(int t, int n) {
        float[] g = new float[n];
        for (int k = 0; k < n; k++) {
            g[k] = (float) (0.8 * Math.sin(1.3 * k + 2.1 * t + 0.4));
        }
        if (t == 2) {
            g[1] = 0f;
        }
        return g;
    }

    static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }
}
