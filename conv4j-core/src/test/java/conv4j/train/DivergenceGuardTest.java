package conv4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.autograd.LossOps;
import conv4j.autograd.Variable;
import conv4j.nn.BatchNorm2d;
import conv4j.nn.Conv2d;
import conv4j.nn.Dropout;
import conv4j.nn.Flatten;
import conv4j.nn.Linear;
import conv4j.nn.MaxPool2d;
import conv4j.nn.Module;
import conv4j.nn.Param;
import conv4j.nn.ReLU;
import conv4j.nn.Sequential;
import conv4j.optim.Adam;
import conv4j.optim.OptimizerState;
import conv4j.optim.Sgd;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DivergenceGuardTest {
    private static final int POISONED_STEP = 7; // epoch 1, batch 1: five batches per epoch

    /** The identity until its {@code from}-th forward pass in training mode; NaN everywhere from then on. */
    static final class PoisonFrom extends Module {
        private final int from;
        private int calls;

        PoisonFrom(int from) {
            this.from = from;
        }

        @Override
        public Variable forward(Variable x) {
            if (!isTraining() || ++calls < from) {
                return x;
            }
            return Variable.result("poison", Tensor.full(x.shape(), Float.NaN), new Variable[] {x}, x::addGrad);
        }

        @Override
        public Shape outputShape(Shape input) {
            return input;
        }
    }

    /** Replaces NaN by 0: a layer that hides a NaN from everything after it. */
    static final class HideNaN extends Module {
        @Override
        public Variable forward(Variable x) {
            Tensor out = x.value().copy();
            float[] d = out.data();
            for (int i = 0; i < d.length; i++) {
                d[i] = Float.isNaN(d[i]) ? 0f : d[i];
            }
            return Variable.result("hideNaN", out, new Variable[] {x}, x::addGrad);
        }

        @Override
        public Shape outputShape(Shape input) {
            return input;
        }
    }

    /** x times a learned scalar; from its {@code from}-th training pass on, its backward gives NaN gradients. */
    static final class GradientPoison extends Module {
        private final Param weight = addParam("weight", Tensor.of(new float[] {1f}, 1), 0.0);
        private final int from;
        private int calls;

        GradientPoison(int from) {
            this.from = from;
        }

        @Override
        public Variable forward(Variable x) {
            boolean poisoned = isTraining() && ++calls >= from;
            float w = weight.value().data()[0];
            Tensor out = x.value().copy();
            float[] d = out.data();
            for (int i = 0; i < d.length; i++) {
                d[i] *= w;
            }
            Variable wv = weight.variable();
            return Variable.result("scale", out, new Variable[] {x, wv}, g -> {
                Tensor dx = g.copy();
                double dw = 0;
                for (int i = 0; i < dx.size(); i++) {
                    dw += (double) g.data()[i] * x.value().data()[i];
                    dx.data()[i] = poisoned ? Float.NaN : dx.data()[i] * w;
                }
                x.addOwnedGrad(dx);
                wv.addOwnedGrad(Tensor.of(new float[] {poisoned ? Float.NaN : (float) dw}, 1));
            });
        }

        @Override
        public Shape outputShape(Shape input) {
            return input;
        }
    }

    /** conv, batch norm, ReLU, {@code middle}, pool; then dropout and linear. */
    private static Sequential net(Module middle) {
        Rng rng = new Rng(1);
        return new Sequential()
                .add("features", new Sequential(new Conv2d(1, 4, 3, rng), new BatchNorm2d(4), new ReLU(), middle,
                        new MaxPool2d(2)))
                .add("flatten", new Flatten())
                .add("classifier", new Sequential(new Dropout(0.2f, rng), new Linear(36, 2, rng)));
    }

    private static DataLoader loader() {
        return new DataLoader(BrightSide.dataset(40, 2), 8, true, false, BrightSide.jitter(), 4);
    }

    private static Trainer trainer(Module net, DivergenceGuard.Checks checks, LossFunction loss, long stopAt) {
        return Trainer.builder(net, new Adam(net.parameters(), 0.01)).divergenceGuard(checks).loss(loss)
                .listener(new TrainingListener() {
                    @Override
                    public void onBatchEnd(Trainer t, StepInfo s) {
                        if (s.step() == stopAt) {
                            t.requestStop(StopReason.REQUESTED, "reference run");
                        }
                    }
                }).build();
    }

    /** The bad step left weights, buffers, optimizer and state as they were after the last good step. */
    private static void assertAtLastGoodStep(Trainer diverged, TrainingResult result, Module culprit) {
        Trainer reference = trainer(net(culprit), DivergenceGuard.Checks.LOSS_AND_GRADIENTS,
                LossFunction.crossEntropy(), POISONED_STEP - 1);
        TrainingResult good = reference.fit(loader(), null, 10);
        assertEquals(good.finalState(), result.finalState());
        assertEquals(good.finalState(), diverged.currentState());
        Map<String, Tensor> expected = reference.model().stateDict();
        diverged.model().stateDict().forEach((name, t) -> {
            assertArrayEquals(expected.get(name).data(), t.data(), name);
        });
        OptimizerState a = reference.optimizer().state(reference.model().namedParameters());
        OptimizerState b = diverged.optimizer().state(diverged.model().namedParameters());
        assertEquals(a.steps(), b.steps());
        a.buffers().forEach((name, t) -> assertArrayEquals(t.data(), b.buffers().get(name).data(), name));
        assertEquals(((BatchNorm2d) reference.model().modules().get(3)).batchesTracked(),
                ((BatchNorm2d) diverged.model().modules().get(3)).batchesTracked());
    }

    @Test
    void aLayerWhoseOutputTurnsNaNIsNamedAndItsStepNotApplied() {
        Trainer trainer = trainer(net(new PoisonFrom(POISONED_STEP)), DivergenceGuard.Checks.LOSS_AND_GRADIENTS,
                LossFunction.crossEntropy(), -1);
        TrainingResult r = trainer.fit(loader(), null, 10);

        assertEquals(StopReason.DIVERGED, r.reason());
        assertEquals("step 7 (epoch 2, batch 2): the output of PoisonFrom 'features.3' is NaN", r.message());
        Divergence d = r.divergence();
        assertEquals(new Divergence(7, 1, 1, Divergence.Source.OUTPUT, "PoisonFrom 'features.3'", "features.3",
                null, true), d);
        assertEquals(1, r.history().size(), "epoch 0 completed, epoch 1 did not");
        assertAtLastGoodStep(trainer, r, new PoisonFrom(Integer.MAX_VALUE));
    }

    @Test
    void aBadGradientIsNamedByTheFirstLayerInBackwardOrder() {
        // The poisoned layer also sends NaN to the conv and batch norm before it: those come later in backward order.
        Trainer trainer = trainer(net(new GradientPoison(POISONED_STEP)), DivergenceGuard.Checks.LOSS_AND_GRADIENTS,
                LossFunction.crossEntropy(), -1);
        TrainingResult r = trainer.fit(loader(), null, 10);

        assertEquals(StopReason.DIVERGED, r.reason());
        assertEquals("step 7 (epoch 2, batch 2): the gradient of GradientPoison 'features.3' (weight) is NaN",
                r.message());
        assertEquals(Divergence.Source.GRADIENT, r.divergence().source());
        assertTrue(Float.isNaN(trainer.model().namedParameters().get("features.0.weight").grad().data()[0]),
                "the earlier conv's gradient is bad too");
        assertAtLastGoodStep(trainer, r, new GradientPoison(Integer.MAX_VALUE));
    }

    @Test
    void aNaNLossWithFiniteOutputsBlamesTheLoss() {
        int[] calls = {0};
        LossFunction nanFromStep7 = (scores, labels) -> {
            Variable l = LossOps.crossEntropy(scores, labels);
            if (++calls[0] < POISONED_STEP) {
                return l;
            }
            return Variable.result("nan", Tensor.scalar(Float.NaN), new Variable[] {l}, l::addGrad);
        };
        Module identity = new HideNaN();
        Trainer trainer = trainer(net(identity), DivergenceGuard.Checks.LOSS_AND_GRADIENTS, nanFromStep7, -1);
        TrainingResult r = trainer.fit(loader(), null, 10);
        assertEquals("step 7 (epoch 2, batch 2): the loss is NaN while every layer's output is finite",
                r.message());
        assertNull(r.divergence().layer());
        assertAtLastGoodStep(trainer, r, new HideNaN());
    }

    @Test
    void everyOutputChecksCatchANaNThatALaterLayerHides() {
        Sequential hidden = new Sequential(new PoisonFrom(POISONED_STEP), new HideNaN());
        Trainer lenient = trainer(net(hidden), DivergenceGuard.Checks.LOSS_AND_GRADIENTS,
                LossFunction.crossEntropy(), -1);
        assertEquals(StopReason.COMPLETED, lenient.fit(loader(), null, 2).reason(),
                "loss and gradients stay finite, so only the output checks can see it");

        Sequential hiddenAgain = new Sequential(new PoisonFrom(POISONED_STEP), new HideNaN());
        Trainer strict = trainer(net(hiddenAgain), DivergenceGuard.Checks.EVERY_OUTPUT, LossFunction.crossEntropy(),
                -1);
        TrainingResult r = strict.fit(loader(), null, 2);
        assertEquals("step 7 (epoch 2, batch 2): the output of PoisonFrom 'features.3.0' is NaN", r.message());
        assertAtLastGoodStep(strict, r, new Sequential(new PoisonFrom(Integer.MAX_VALUE), new HideNaN()));
    }

    @Test
    void aHugeLearningRateStopsBeforeAnyWeightIsNonFinite() {
        Sequential net = BrightSide.net(1);
        Trainer trainer = Trainer.builder(net, new Sgd(net.parameters(), 1e30)).build();
        TrainingResult r = trainer.fit(new DataLoader(BrightSide.dataset(40, 2), 8, true, false, null, 4), null, 50);
        assertEquals(StopReason.DIVERGED, r.reason(), r.message());
        // Step 1 makes the weights about 1e28; at step 2 the conv's outputs are about 1e29, still finite, and the
        // linear layer's 36-term sums of 1e28 * 1e29 overflow.
        assertEquals("step 2 (epoch 1, batch 2): the output of Linear 'classifier' is infinite", r.message());
        assertEquals(1, trainer.optimizer().steps());
        net.stateDict().forEach((name, t) -> {
            for (float v : t.data()) {
                assertTrue(Float.isFinite(v), name + " holds " + v + ": " + Arrays.toString(t.data()));
            }
        });
    }

    @Test
    void withTheGuardOffANaNIsTrainedOn() {
        Trainer trainer = trainer(net(new PoisonFrom(POISONED_STEP)), DivergenceGuard.Checks.OFF,
                LossFunction.crossEntropy(), -1);
        TrainingResult r = trainer.fit(loader(), null, 2);
        assertEquals(StopReason.COMPLETED, r.reason());
        assertTrue(Float.isNaN(trainer.model().stateDict().get("classifier.1.weight").data()[0]));
    }
}
