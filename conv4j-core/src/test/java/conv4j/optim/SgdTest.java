package conv4j.optim;

import static conv4j.optim.TestParams.W0;
import static conv4j.optim.TestParams.grad;
import static conv4j.optim.TestParams.param;
import static conv4j.optim.TestParams.setGrad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.nn.Param;
import conv4j.testkit.Close;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SgdTest {
    private static final int STEPS = 5;

    /**
     * torch.optim.SGD's documented algorithm (dampening 0) in double precision, with the L1 term added to the
     * gradient like the L2 one.
     */
    private static double[] reference(double lr, double momentum, boolean nesterov, double weightDecay, double l1,
            double multiplier) {
        double[] w = TestParams.toDouble(W0);
        double[] b = new double[w.length];
        for (int t = 0; t < STEPS; t++) {
            float[] grad = grad(t, w.length);
            for (int k = 0; k < w.length; k++) {
                double sign = w[k] > 0 ? 1 : w[k] < 0 ? -1 : 0;
                double g = grad[k] + weightDecay * multiplier * w[k] + l1 * multiplier * sign;
                if (momentum != 0) {
                    b[k] = t == 0 ? g : momentum * b[k] + g;
                    g = nesterov ? g + momentum * b[k] : b[k];
                }
                w[k] -= lr * g;
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
        // float32 storage of w and the buffers between steps costs a few ulp per step; 1e-7 absolute covers
        // entries that pass near zero.
        Close.assertClose(expected, actual, 1e-6, 1e-7, what);
    }

    @Test
    void plainSgdStepsAgainstTheGradient() {
        Param p = param(W0, 1.0);
        check(reference(0.1, 0, false, 0, 0, 1), run(new Sgd(List.of(p), 0.1), p), "plain SGD");
    }

    @Test
    void momentumMatchesPyTorchFormula() {
        Param p = param(W0, 1.0);
        check(reference(0.1, 0.9, false, 0, 0, 1), run(new Sgd(List.of(p), 0.1, 0.9), p), "momentum");
    }

    @Test
    void nesterovMatchesPyTorchFormula() {
        Param p = param(W0, 1.0);
        Sgd sgd = new Sgd(List.of(p), 0.1, 0.9, true, Penalty.none());
        check(reference(0.1, 0.9, true, 0, 0, 1), run(sgd, p), "nesterov");
    }

    @Test
    void weightDecayEntersTheGradientBeforeMomentum() {
        Param p = param(W0, 1.0);
        Sgd sgd = new Sgd(List.of(p), 0.05, 0.8, false, Penalty.ofWeightDecay(0.3));
        check(reference(0.05, 0.8, false, 0.3, 0, 1), run(sgd, p), "weight decay with momentum");
    }

    @Test
    void nesterovWithWeightDecayMatchesFormula() {
        Param p = param(W0, 1.0);
        Sgd sgd = new Sgd(List.of(p), 0.05, 0.7, true, Penalty.ofWeightDecay(0.3));
        check(reference(0.05, 0.7, true, 0.3, 0, 1), run(sgd, p), "weight decay with nesterov");
    }

    @Test
    void l1WithPlainSgdAndWithMomentumMatchesFormula() {
        Param p = param(W0, 1.0);
        check(reference(0.1, 0, false, 0, 0.2, 1), run(new Sgd(List.of(p), 0.1, 0, false, Penalty.ofL1(0.2)), p),
                "L1, no momentum");
        Param q = param(W0, 1.0);
        check(reference(0.1, 0.6, false, 0, 0.2, 1), run(new Sgd(List.of(q), 0.1, 0.6, false, Penalty.ofL1(0.2)), q),
                "L1 with momentum");
    }

    @Test
    void weightDecayScalesWithTheParameterMultiplier() {
        Param p = param(W0, 2.5);
        Sgd sgd = new Sgd(List.of(p), 0.05, 0, false, Penalty.ofWeightDecay(0.3));
        check(reference(0.05, 0, false, 0.3, 0, 2.5), run(sgd, p), "weight decay, multiplier 2.5");
    }

    @Test
    void l1AddsSignOfWeightWithZeroAtZero() {
        Param p = param(W0, 1.0);
        Sgd sgd = new Sgd(List.of(p), 0.1, 0.5, true, new Penalty(0.2, 0.1));
        check(reference(0.1, 0.5, true, 0.1, 0.2, 1), run(sgd, p), "L1 + L2 with nesterov");

        // sign(0) = 0: a zero weight with a zero gradient stays exactly zero under L1.
        Param zero = param(new float[] {0f, 0f}, 1.0);
        Sgd l1Only = new Sgd(List.of(zero), 0.1, 0, false, Penalty.ofL1(0.5));
        setGrad(zero, new float[] {0f, 0f});
        l1Only.step();
        assertArrayEquals(new float[] {0f, 0f}, zero.value().data());
    }

    @Test
    void zeroMultipliersLeaveBiasesUndecayed() {
        Param weight = param(W0, 1.0);
        Param bias = param(new float[] {0.4f, -0.6f}, 0.0);
        Sgd sgd = new Sgd(List.of(weight, bias), 0.1, 0.9, false, new Penalty(0.01, 0.5));
        for (int t = 0; t < 3; t++) {
            setGrad(weight, new float[W0.length]);
            setGrad(bias, new float[2]);
            sgd.step();
        }
        assertArrayEquals(new float[] {0.4f, -0.6f}, bias.value().data(), "bias must not move");
        assertTrue(Math.abs(weight.value().data()[0]) < 0.5f * 0.95f, "weight must decay");
    }

    @Test
    void nullGradientSkipsTheParameter() {
        Param stepped = param(W0, 1.0);
        Param untouched = param(new float[] {1f, 2f}, 1.0);
        Sgd sgd = new Sgd(List.of(stepped, untouched), 0.1, 0.9, false, Penalty.ofWeightDecay(0.5));
        setGrad(stepped, grad(0, W0.length));
        sgd.step();
        assertArrayEquals(new float[] {1f, 2f}, untouched.value().data(), "no gradient, no weight decay either");

        // Its first real step starts the momentum buffer afresh: v = g, w -= lr * g.
        setGrad(untouched, new float[] {0.5f, -0.5f});
        sgd.step();
        double g0 = 0.5 + 0.5 * 1;
        double g1 = -0.5 + 0.5 * 2;
        Close.assertClose(new double[] {1 - 0.1 * g0, 2 - 0.1 * g1}, untouched.value().data(), 1e-6, 0, "first step");
    }

    @Test
    void learningRateIsSettable() {
        Param p = param(new float[] {1f}, 1.0);
        Sgd sgd = new Sgd(List.of(p), 0.1);
        sgd.setLearningRate(0.5);
        setGrad(p, new float[] {2f});
        sgd.step();
        assertEquals(0f, p.value().data()[0]);
        assertEquals(0.5, sgd.learningRate());
        assertEquals(1, sgd.steps());
    }

    @Test
    void badHyperParametersAreRejectedWithTheValue() {
        List<Param> ps = List.of(param(W0, 1.0));
        assertMessage("-1.0", () -> new Sgd(ps, -1));
        assertMessage("0.0", () -> new Sgd(ps, 0));
        assertMessage("NaN", () -> new Sgd(ps, Double.NaN));
        assertMessage("Infinity", () -> new Sgd(ps, Double.POSITIVE_INFINITY));
        assertMessage("1.0", () -> new Sgd(ps, 0.1, 1.0));
        assertMessage("-0.1", () -> new Sgd(ps, 0.1, -0.1));
        assertMessage("0.0", () -> new Sgd(ps, 0.1, 0, true, Penalty.none()));
        assertMessage("-0.5", () -> new Sgd(ps, 0.1, 0.9, false, Penalty.ofWeightDecay(-0.5)));
        assertMessage("-0.25", () -> new Sgd(ps, 0.1, 0.9, false, Penalty.ofL1(-0.25)));
        assertMessage("-2.0", () -> new Sgd(ps, 0.1).setLearningRate(-2));
        assertMessage("empty", () -> new Sgd(List.of(), 0.1));
        Param p = param(W0, 1.0);
        assertMessage("same object", () -> new Sgd(List.of(p, p), 0.1));
    }

    static void assertMessage(String fragment, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should contain " + fragment);
    }
    // Parameters larger than a chunk are split over the pool, element ranges across parameter boundaries; every
    // element must get the bits of the formula computed alone, in the same float arithmetic.
    @Test
    void stepsSplitOverThePoolGiveEachElementTheFormulasBits() {
        int[] sizes = {70_001, 3, 150_000, 1, 65_536};
        List<Param> ps = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        List<float[]> velocity = new ArrayList<>();
        for (int size : sizes) {
            float[] w = new float[size];
            for (int k = 0; k < size; k++) {
                w[k] = (float) Math.cos(0.7 * k + size);
            }
            ps.add(param(w.clone(), 1.0));
            expected.add(w);
            velocity.add(new float[size]);
        }
        float lr = 0.05f;
        float mu = 0.9f;
        float l2 = 1e-3f;
        Sgd sgd = new Sgd(ps, lr, mu, false, Penalty.ofWeightDecay(l2));
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < sizes.length; i++) {
                float[] g = grad(t + i, sizes[i]);
                setGrad(ps.get(i), g);
                float[] w = expected.get(i);
                float[] v = velocity.get(i);
                for (int k = 0; k < w.length; k++) {
                    float vk = mu * v[k] + g[k] + l2 * w[k];
                    v[k] = vk;
                    w[k] -= lr * vk;
                }
            }
            sgd.step();
        }
        for (int i = 0; i < sizes.length; i++) {
            assertArrayEquals(expected.get(i), ps.get(i).value().data(),
                    "parameter " + i + " of " + sizes[i]);
        }
    }
    @Test
    void zeroGradSplitOverThePoolClearsEveryGradient() {
        int[] sizes = {70_001, 3, 150_000, 1, 65_536};
        List<Param> ps = new ArrayList<>();
        for (int size : sizes) {
            Param p = param(new float[size], 1.0);
            float[] g = new float[size];
            Arrays.fill(g, 0.5f);
            setGrad(p, g);
            ps.add(p);
        }
        new Sgd(ps, 0.1).zeroGrad();
        for (Param p : ps) {
            assertArrayEquals(new float[p.size()], p.grad().data(), "a parameter of " + p.size());
        }
    }
}


