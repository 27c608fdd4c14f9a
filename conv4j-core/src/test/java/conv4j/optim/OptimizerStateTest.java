package conv4j.optim;

import static conv4j.optim.SgdTest.assertMessage;
import static conv4j.optim.TestParams.grad;
import static conv4j.optim.TestParams.param;
import static conv4j.optim.TestParams.setGrad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.nn.Param;
import conv4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OptimizerStateTest {
    private static final float[] WEIGHT = {0.5f, -1.25f, 2.0f, 0.1f, -0.3f, 1.7f};
    private static final float[] BIAS = {0.2f, -0.4f};
    private static final int TOTAL = 8;
    private static final int STOP = 4;

    /** A two-parameter model: the weight decays, the bias does not and only gets gradients from step 2 on. */
    private static Map<String, Param> model() {
        Map<String, Param> named = new LinkedHashMap<>();
        named.put("fc.weight", param(WEIGHT, 1.0));
        named.put("fc.bias", param(BIAS, 0.0));
        return named;
    }

    private static void train(Optimizer opt, Map<String, Param> named, int from, int to) {
        Param weight = named.get("fc.weight");
        Param bias = named.get("fc.bias");
        LrSchedule schedule = LrSchedule.exponential(0.05, 0.9);
        for (int t = from; t < to; t++) {
            opt.setLearningRate(schedule.learningRate(t));
            setGrad(weight, grad(t, WEIGHT.length));
            if (t >= 2) {
                setGrad(bias, grad(t + 7, BIAS.length));
            }
            opt.step();
        }
    }

    private static void resumesBitIdentically(Function<List<Param>, Optimizer> make) {
        Map<String, Param> straight = model();
        Optimizer uninterrupted = make.apply(List.copyOf(straight.values()));
        train(uninterrupted, straight, 0, TOTAL);

        Map<String, Param> first = model();
        Optimizer before = make.apply(List.copyOf(first.values()));
        train(before, first, 0, STOP);
        OptimizerState saved = before.state(first);
        Map<String, Tensor> savedWeights = new LinkedHashMap<>();
        first.forEach((n, p) -> savedWeights.put(n, p.value().copy()));
        train(before, first, STOP, STOP + 2); // the live run goes on; the saved copies must not change

        Map<String, Param> resumed = model();
        resumed.forEach((n, p) -> p.value().copyFrom(savedWeights.get(n)));
        Optimizer after = make.apply(List.copyOf(resumed.values()));
        after.loadState(resumed, saved);
        assertEquals(STOP, after.steps());
        train(after, resumed, STOP, TOTAL);

        for (String name : straight.keySet()) {
            assertArrayEquals(straight.get(name).value().data(), resumed.get(name).value().data(), name);
        }
        OptimizerState a = uninterrupted.state(straight);
        OptimizerState b = after.state(resumed);
        assertEquals(a.steps(), b.steps());
        assertEquals(a.learningRate(), b.learningRate());
        assertEquals(a.paramSteps(), b.paramSteps());
        assertEquals(a.buffers().keySet(), b.buffers().keySet());
        a.buffers().forEach((k, t) -> assertArrayEquals(t.data(), b.buffers().get(k).data(), k));
    }

    @Test
    void sgdWithMomentumResumesBitIdentically() {
        resumesBitIdentically(ps -> new Sgd(ps, 0.05, 0.9, true, new Penalty(0.01, 0.1)));
    }

    @Test
    void adamResumesBitIdentically() {
        resumesBitIdentically(ps -> new Adam(ps, 0.05, 0.9, 0.999, 1e-8, Penalty.ofWeightDecay(0.1)));
    }

    @Test
    void adamWResumesBitIdentically() {
        resumesBitIdentically(ps -> new AdamW(ps, 0.05));
    }

    @Test
    void stateUsesParameterNamesAndPyTorchBufferNames() {
        Map<String, Param> named = model();
        Adam adam = new Adam(List.copyOf(named.values()), 0.01);
        train(adam, named, 0, 2); // the bias has no gradient yet
        OptimizerState s = adam.state(named);
        assertEquals(2, s.steps());
        assertEquals(Map.of("fc.weight", 2L), s.paramSteps());
        assertEquals(List.of("fc.weight.exp_avg", "fc.weight.exp_avg_sq"), List.copyOf(s.buffers().keySet()));
        train(adam, named, 2, 3);
        assertEquals(List.of("fc.weight", "fc.bias"), List.copyOf(adam.state(named).paramSteps().keySet()));
        assertEquals(1L, adam.state(named).paramSteps().get("fc.bias"));

        Map<String, Param> plain = model();
        Sgd sgd = new Sgd(List.copyOf(plain.values()), 0.01);
        train(sgd, plain, 0, 3);
        assertTrue(sgd.state(plain).buffers().isEmpty(), "SGD without momentum keeps no buffer");
    }

    @Test
    void loadRefusesStateThatDoesNotFit() {
        Map<String, Param> named = model();
        Sgd sgd = new Sgd(List.copyOf(named.values()), 0.05, 0.9);
        train(sgd, named, 0, 3);
        OptimizerState good = sgd.state(named);

        Map<String, Param> target = model();
        Adam adam = new Adam(List.copyOf(target.values()), 0.01);
        assertMessage("fc.weight.momentum_buffer", () -> adam.loadState(target, good));

        Sgd fresh = new Sgd(List.copyOf(target.values()), 0.01, 0.5);
        Map<String, Tensor> wrongShape = new LinkedHashMap<>(good.buffers());
        wrongShape.put("fc.bias.momentum_buffer", Tensor.zeros(3));
        assertMessage("shape 3", () -> fresh.loadState(target, new OptimizerState(3, 0.05, good.paramSteps(),
                wrongShape)));

        Map<String, Tensor> unknown = new LinkedHashMap<>(good.buffers());
        unknown.put("fc2.weight.momentum_buffer", Tensor.zeros(6));
        assertMessage("fc2.weight", () -> fresh.loadState(target, new OptimizerState(3, 0.05, good.paramSteps(),
                unknown)));

        Map<String, Tensor> missing = new LinkedHashMap<>(good.buffers());
        missing.remove("fc.bias.momentum_buffer");
        assertMessage("fc.bias.momentum_buffer missing", () -> fresh.loadState(target,
                new OptimizerState(3, 0.05, good.paramSteps(), missing)));

        Map<String, Param> unnamed = new LinkedHashMap<>(target);
        unnamed.remove("fc.bias");
        assertMessage("no name", () -> fresh.loadState(unnamed, good));
        assertMessage("no name", () -> fresh.state(unnamed));

        // Nothing was changed by the refused loads.
        assertEquals(0, fresh.steps());
        assertEquals(0.01, fresh.learningRate());
        assertTrue(fresh.state(target).paramSteps().isEmpty());
        fresh.loadState(target, good);
        assertEquals(3, fresh.steps());
        assertEquals(good.learningRate(), fresh.learningRate());
    }

    @Test
    void exportedStateIsACopy() {
        Map<String, Param> named = model();
        Sgd sgd = new Sgd(List.copyOf(named.values()), 0.05, 0.9);
        train(sgd, named, 0, 3);
        OptimizerState s = sgd.state(named);
        float[] before = s.buffers().get("fc.weight.momentum_buffer").data().clone();
        train(sgd, named, 3, 5);
        assertArrayEquals(before, s.buffers().get("fc.weight.momentum_buffer").data());
        assertFalse(s.paramSteps().get("fc.weight") == 5L);
    }
}
