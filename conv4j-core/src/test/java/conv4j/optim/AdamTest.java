package conv4j.optim;

import static conv4j.optim.SgdTest.assertMessage;
import static conv4j.optim.TestParams.W0;
import static conv4j.optim.TestParams.grad;
import static conv4j.optim.TestParams.param;
import static conv4j.optim.TestParams.setGrad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import conv4j.nn.Param;
import conv4j.testkit.Close;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamTest {
    private static final int STEPS = 6;

    /**
     * Algorithm 1 of Kingma and Ba as torch.optim.Adam / AdamW document it, in double precision: coupled decay adds
     * weightDecay * w (and l1 * sign(w)) to g; decoupled decay first sets w = w * (1 - lr * weightDecay).
     */
    private static double[] reference(double lr, double beta1, double beta2, double eps, double weightDecay,
            double l1, boolean decoupled) {
        double[] w = TestParams.toDouble(W0);
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        for (int t = 1; t <= STEPS; t++) {
            float[] grad = grad(t - 1, w.length);
            for (int k = 0; k < w.length; k++) {
                double sign = w[k] > 0 ? 1 : w[k] < 0 ? -1 : 0;
                double g = grad[k] + l1 * sign;
                if (decoupled) {
                    w[k] *= 1 - lr * weightDecay;
                } else {
                    g += weightDecay * w[k];
                }
                m[k] = beta1 * m[k] + (1 - beta1) * g;
                v[k] = beta2 * v[k] + (1 - beta2) * g * g;
                double mHat = m[k] / (1 - Math.pow(beta1, t));
                double vHat = v[k] / (1 - Math.pow(beta2, t));
                w[k] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
        }
        return w;
    }

    private static float[] run(Optimizer opt, Param p) {
        for (int t = 0; t < STEPS; t++) {
            setGrad(p, grad(t, p.size()));
            opt.step();
        }
        return p.value().data();
    }

    private static void check(double[] expected, float[] actual, String what) {
        Close.assertClose(expected, actual, 1e-6, 1e-7, what);
    }

    @Test
    void adamMatchesPyTorchFormula() {
        Param p = param(W0, 1.0);
        check(reference(0.05, 0.9, 0.999, 1e-8, 0, 0, false), run(new Adam(List.of(p), 0.05), p), "Adam");
    }

    @Test
    void adamEpsIsAddedOutsideTheSquareRoot() {
        // A large eps makes sqrt(vhat) + eps and sqrt(vhat + eps) differ well beyond the tolerance.
        Param p = param(W0, 1.0);
        Adam adam = new Adam(List.of(p), 0.05, 0.8, 0.95, 0.1, Penalty.none());
        check(reference(0.05, 0.8, 0.95, 0.1, 0, 0, false), run(adam, p), "Adam, eps 0.1");
    }

    @Test
    void adamCouplesWeightDecayIntoTheGradient() {
        Param p = param(W0, 1.0);
        Adam adam = new Adam(List.of(p), 0.05, 0.9, 0.99, 1e-8, new Penalty(0.05, 0.2));
        check(reference(0.05, 0.9, 0.99, 1e-8, 0.2, 0.05, false), run(adam, p), "Adam with L2 and L1");
    }

    @Test
    void adamWDecouplesWeightDecay() {
        Param p = param(W0, 1.0);
        AdamW adamW = new AdamW(List.of(p), 0.05, 0.9, 0.99, 1e-8, Penalty.ofWeightDecay(0.2));
        check(reference(0.05, 0.9, 0.99, 1e-8, 0.2, 0, true), run(adamW, p), "AdamW");
    }

    @Test
    void adamWDefaultsMatchPyTorch() {
        Param p = param(W0, 1.0);
        check(reference(0.01, 0.9, 0.999, 1e-8, 0.01, 0, true), run(new AdamW(List.of(p), 0.01), p),
                "AdamW defaults");
    }

    @Test
    void adamWWithL1KeepsL1InTheGradient() {
        Param p = param(W0, 1.0);
        AdamW adamW = new AdamW(List.of(p), 0.05, 0.9, 0.99, 1e-8, new Penalty(0.1, 0.2));
        check(reference(0.05, 0.9, 0.99, 1e-8, 0.2, 0.1, true), run(adamW, p), "AdamW with L1");
    }

    @Test
    void zeroMultipliersLeaveBiasesUndecayed() {
        for (boolean decoupled : new boolean[] {false, true}) {
            Param bias = param(new float[] {0.4f, -0.6f}, 0.0);
            Penalty penalty = new Penalty(0.1, 0.5);
            Optimizer opt = decoupled ? new AdamW(List.of(bias), 0.1, 0.9, 0.999, 1e-8, penalty)
                    : new Adam(List.of(bias), 0.1, 0.9, 0.999, 1e-8, penalty);
            for (int t = 0; t < 3; t++) {
                setGrad(bias, new float[2]);
                opt.step();
            }
            assertArrayEquals(new float[] {0.4f, -0.6f}, bias.value().data(), opt + " moved a bias");
        }
    }

    @Test
    void biasCorrectionCountsTheParametersOwnSteps() {
        Param early = param(W0, 1.0);
        Param late = param(new float[] {1f}, 1.0);
        Adam adam = new Adam(List.of(early, late), 0.1);
        setGrad(early, grad(0, W0.length));
        adam.step();
        adam.step();
        // First step of 'late' at the optimizer's third: t = 1, so mhat = g, vhat = g^2, the step is lr * sign(g).
        setGrad(late, new float[] {0.3f});
        adam.step();
        double expected = 1 - 0.1 * 0.3 / (0.3 + 1e-8);
        Close.assertClose(new double[] {expected}, late.value().data(), 1e-6, 0, "late parameter");
    }

    @Test
    void badHyperParametersAreRejectedWithTheValue() {
        List<Param> ps = List.of(param(W0, 1.0));
        assertMessage("-1.0", () -> new Adam(ps, -1));
        assertMessage("beta1", () -> new Adam(ps, 0.1, 1.0, 0.999, 1e-8, Penalty.none()));
        assertMessage("1.0", () -> new Adam(ps, 0.1, 1.0, 0.999, 1e-8, Penalty.none()));
        assertMessage("-0.5", () -> new AdamW(ps, 0.1, 0.9, -0.5, 1e-8, Penalty.none()));
        assertMessage("0.0", () -> new Adam(ps, 0.1, 0.9, 0.999, 0, Penalty.none()));
        assertMessage("-1.0E-8", () -> new AdamW(ps, 0.1, 0.9, 0.999, -1e-8, Penalty.none()));
        assertMessage("-0.01", () -> new AdamW(ps, 0.1, 0.9, 0.999, 1e-8, Penalty.ofWeightDecay(-0.01)));
    }
}
