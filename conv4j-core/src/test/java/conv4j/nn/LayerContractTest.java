package conv4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.autograd.Grad;
import conv4j.autograd.Ops;
import conv4j.autograd.Variable;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every layer keeps (Keras's shared layer test, in spirit): forward's shape equals outputShape, the
 * parameter count equals the layer's formula, training and evaluation differ only where they should, and the gradient
 * reaches the input and every parameter and agrees with central differences.
 */
class LayerContractTest {
    private static final double EPS = 1e-3;
    private static final double MAX_RELATIVE_ERROR = 1e-2;
    private static final double ABSOLUTE_FLOOR = 2e-4;

    /** One layer under test; {@code params} is computed in the test from the layer's formula. */
    record Case(String name, Supplier<Module> layer, Shape input, long params, boolean modeMatters) {
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("Conv2d 3x3 padding 1", () -> Conv2d.builder(2, 3, 3).padding(1).build(new Rng(1)),
                Shape.of(2, 2, 5, 5), (3 * 3 * 2 + 1) * 3, false));
        c.add(new Case("Conv2d stride 2 non-square", () -> Conv2d.builder(3, 4, 3, 2).stride(2).build(new Rng(2)),
                Shape.of(1, 3, 7, 6), (3 * 2 * 3 + 1) * 4, false));
        c.add(new Case("Conv2d same, even kernel", () -> Conv2d.builder(2, 2, 4).paddingSame().build(new Rng(3)),
                Shape.of(1, 2, 5, 5), (4 * 4 * 2 + 1) * 2, false));
        c.add(new Case("Conv2d dilation 2", () -> Conv2d.builder(1, 2, 3).dilation(2).padding(2).build(new Rng(4)),
                Shape.of(2, 1, 6, 7), (3 * 3 + 1) * 2, false));
        c.add(new Case("Conv2d groups 2, no bias", () -> Conv2d.builder(4, 6, 3).groups(2).bias(false)
                .build(new Rng(5)), Shape.of(1, 4, 4, 4), 3 * 3 * 2 * 6, false));
        c.add(new Case("Conv2d 1x1", () -> new Conv2d(3, 5, 1, new Rng(6)), Shape.of(2, 3, 3, 4),
                (3 + 1) * 5, false));
        c.add(new Case("Linear", () -> new Linear(6, 4, new Rng(7)), Shape.of(3, 6), 6 * 4 + 4, false));
        c.add(new Case("Flatten", Flatten::new, Shape.of(2, 3, 2, 2), 0, false));
        c.add(new Case("MaxPool2d 2x2", () -> new MaxPool2d(2), Shape.of(2, 2, 4, 6), 0, false));
        c.add(new Case("MaxPool2d 3x3/2 padding 1 ceil", () -> new MaxPool2d(3, 2, 1, true), Shape.of(1, 2, 6, 5),
                0, false));
        c.add(new Case("AvgPool2d 2x2", () -> new AvgPool2d(2), Shape.of(1, 3, 4, 4), 0, false));
        c.add(new Case("AvgPool2d 3x3/2 padding 1", () -> new AvgPool2d(3, 2, 1, false, false), Shape.of(2, 1, 5, 6),
                0, false));
        c.add(new Case("AdaptiveAvgPool2d", () -> new AdaptiveAvgPool2d(2, 3), Shape.of(1, 2, 5, 7), 0, false));
        c.add(new Case("GlobalAvgPool2d", GlobalAvgPool2d::new, Shape.of(2, 3, 3, 2), 0, false));
        c.add(new Case("ReLU", ReLU::new, Shape.of(2, 3, 2, 2), 0, false));
        c.add(new Case("LeakyReLU", () -> new LeakyReLU(0.1f), Shape.of(2, 5), 0, false));
        c.add(new Case("Sigmoid", Sigmoid::new, Shape.of(2, 5), 0, false));
        c.add(new Case("Tanh", Tanh::new, Shape.of(1, 2, 3, 3), 0, false));
        c.add(new Case("Softmax", Softmax::new, Shape.of(3, 4), 0, false));
        c.add(new Case("Dropout", () -> new Dropout(0.5f, new Rng(8)), Shape.of(4, 6), 0, true));
        c.add(new Case("BatchNorm2d", () -> new BatchNorm2d(3), Shape.of(4, 3, 2, 2), 2 * 3, true));
        c.add(new Case("LocalResponseNorm", () -> new LocalResponseNorm(3, 0.5, 0.75, 1), Shape.of(2, 5, 2, 2), 0,
                false));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> everyLayerKeepsTheContract() {
        return cases().stream().flatMap(c -> Stream.of(
                DynamicTest.dynamicTest(c.name() + ": forward shape equals outputShape", () -> shapes(c)),
                DynamicTest.dynamicTest(c.name() + ": parameter count", () ->
                        assertEquals(c.params(), c.layer().get().parameterCount())),
                DynamicTest.dynamicTest(c.name() + ": training and evaluation", () -> modes(c)),
                DynamicTest.dynamicTest(c.name() + ": gradients reach input and every parameter", () -> gradients(c))));
    }

    static Tensor randomInput(Shape s, long seed) {
        // Distinct values spaced well beyond the finite-difference step and away from zero: no max-pool ties and no
        // ReLU kink within reach of the perturbation.
        int n = s.size();
        double spacing = Math.min(0.05, 2.0 / n);
        int[] order = new Rng(seed).permutation(n);
        Tensor t = Tensor.zeros(s);
        for (int i = 0; i < n; i++) {
            t.data()[i] = (float) ((order[i] + 0.5 - n / 2.0) * spacing);
        }
        return t;
    }

    static void shapes(Case c) {
        Module m = c.layer().get();
        Shape expected = m.outputShape(c.input());
        assertEquals(expected, m.forward(Variable.of(randomInput(c.input(), 1))).shape());
        m.eval();
        assertEquals(expected, m.predict(randomInput(c.input(), 2)).shape());
    }

    static void modes(Case c) {
        Module m = c.layer().get();
        Tensor x = randomInput(c.input(), 3);
        Tensor train = m.forward(Variable.of(x)).value();
        m.eval();
        assertFalse(m.isTraining());
        Tensor eval1 = m.predict(x);
        Tensor eval2 = m.predict(x);
        assertArrayEquals(eval1.data(), eval2.data(), "evaluation must be deterministic");
        if (c.modeMatters()) {
            assertFalse(Arrays.equals(train.data(), eval1.data()), "training and evaluation should differ");
        } else {
            assertArrayEquals(train.data(), eval1.data(), "a layer without mode-specific behaviour");
        }
    }

    private static void gradients(Case c) {
        Module m = c.layer().get();
        Tensor x = randomInput(c.input(), 4);
        List<Rng> dropoutRngs = new ArrayList<>();
        for (Module sub : m.modules()) {
            if (sub instanceof Dropout d) {
                dropoutRngs.add(d.rng());
            }
        }
        long[] rngStates = dropoutRngs.stream().mapToLong(Rng::state).toArray();

        Variable in = Variable.parameter(x);
        Variable y = m.forward(in);
        Tensor r = randomInput(y.shape(), 5);
        Ops.sum(Ops.mul(y, Variable.of(r))).backward();
        assertNotNull(in.grad(), "no gradient reached the input");
        for (Map.Entry<String, Param> p : m.namedParameters().entrySet()) {
            assertNotNull(p.getValue().grad(), "no gradient reached " + p.getKey());
            assertTrue(anyNonZero(p.getValue().grad()), "zero gradient for " + p.getKey());
        }

        // Central differences of sum(y * r) in float32, for the input and every parameter.
        List<Tensor> targets = new ArrayList<>();
        List<Tensor> analytic = new ArrayList<>();
        targets.add(x);
        analytic.add(in.grad());
        for (Param p : m.parameters()) {
            targets.add(p.value());
            analytic.add(p.grad());
        }
        for (int t = 0; t < targets.size(); t++) {
            float[] v = targets.get(t).data();
            float[] g = analytic.get(t).data();
            for (int i = 0; i < v.length; i++) {
                float saved = v[i];
                v[i] = (float) (saved + EPS);
                double plus = weightedOutput(m, x, r, dropoutRngs, rngStates);
                v[i] = (float) (saved - EPS);
                double minus = weightedOutput(m, x, r, dropoutRngs, rngStates);
                v[i] = saved;
                double numeric = (plus - minus) / (2 * EPS);
                double abs = Math.abs(numeric - g[i]);
                double rel = abs < ABSOLUTE_FLOOR ? 0 : abs / (Math.abs(numeric) + Math.abs(g[i]));
                assertTrue(rel <= MAX_RELATIVE_ERROR, c.name() + ": tensor " + t + " index " + i + ": analytic "
                        + g[i] + ", numeric " + numeric);
            }
        }
    }

    private static double weightedOutput(Module m, Tensor x, Tensor r, List<Rng> dropoutRngs, long[] rngStates) {
        for (int i = 0; i < rngStates.length; i++) {
            dropoutRngs.get(i).setState(rngStates[i]); // the same masks as the analytic pass
        }
        try (Grad.Scope ignored = Grad.disabled()) {
            float[] y = m.forward(Variable.of(x)).value().data();
            double s = 0;
            for (int i = 0; i < y.length; i++) {
                s += (double) y[i] * r.data()[i];
            }
            return s;
        }
    }

    static boolean anyNonZero(Tensor t) {
        for (float v : t.data()) {
            if (v != 0) {
                return true;
            }
        }
        return false;
    }
}
