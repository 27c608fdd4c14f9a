package conv4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import conv4j.nn.BatchNorm2d;
import conv4j.nn.Module;
import conv4j.nn.Sequential;
import conv4j.optim.Adam;
import conv4j.optim.LrSchedule;
import conv4j.optim.Optimizer;
import conv4j.optim.OptimizerState;
import conv4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * N steps, a snapshot of everything a checkpoint holds, a fresh model, optimizer and loader restored from it, N more
 * steps: the same bits as 2N steps straight through. The model has dropout (a random stream) and batch norm
 * (buffers), the loader shuffles and augments, the optimizer has moments, the learning rate follows a per-step
 * schedule, and each epoch is validated.
 */
class ResumeExactnessTest {
    private static final int BATCHES_PER_EPOCH = 5; // 40 samples, batches of 8
    private static final long LOADER_SEED = 17;

    /** What a checkpoint file carries, as copies. */
    private record Snapshot(Map<String, Tensor> weights, long[] batchesTracked, OptimizerState optimizer,
            TrainingState state) {
        static Snapshot of(Trainer trainer, TrainingState state) {
            Map<String, Tensor> weights = new LinkedHashMap<>();
            trainer.model().stateDict().forEach((name, t) -> weights.put(name, t.copy()));
            return new Snapshot(weights, tracked(trainer.model()),
                    trainer.optimizer().state(trainer.model().namedParameters()), state);
        }

        void restoreInto(Module model, Optimizer optimizer) {
            model.stateDict().forEach((name, t) -> t.copyFrom(weights.get(name)));
            int i = 0;
            for (Module m : model.modules()) {
                if (m instanceof BatchNorm2d bn) {
                    bn.setBatchesTracked(batchesTracked[i++]);
                }
            }
            optimizer.loadState(model.namedParameters(), this.optimizer);
        }
    }

    private static long[] tracked(Module model) {
        return model.modules().stream().filter(m -> m instanceof BatchNorm2d)
                .mapToLong(m -> ((BatchNorm2d) m).batchesTracked()).toArray();
    }

    private static DataLoader loader() {
        return new DataLoader(BrightSide.dataset(40, 2), 8, true, false, BrightSide.jitter(), LOADER_SEED);
    }

    private static DataLoader validation() {
        return DataLoader.inOrder(BrightSide.dataset(16, 9), 8, null);
    }

    /** A trainer that stops once {@code stopAt} steps have been taken. */
    private static Trainer trainer(Sequential net, long stopAt) {
        Adam adam = new Adam(net.parameters(), 0.01);
        return Trainer.builder(net, adam)
                .schedule(LrSchedule.exponential(0.01, 0.9), ScheduleUnit.STEP)
                .listener(new TrainingListener() {
                    @Override
                    public void onBatchEnd(Trainer t, StepInfo s) {
                        if (s.step() == stopAt) {
                            t.requestStop(StopReason.REQUESTED, "stop at " + stopAt);
                        }
                    }
                })
                .build();
    }

    @ParameterizedTest(name = "N = {0}")
    @ValueSource(ints = {7, 5, 3})
    void nStepsSavedAndResumedEqualTwoNStepsStraightThrough(int n) {
        Trainer straight = trainer(BrightSide.stochasticNet(1), 2L * n);
        TrainingResult whole = straight.fit(loader(), validation(), 10);
        assertEquals(StopReason.REQUESTED, whole.reason());
        assertEquals(2L * n, whole.finalState().step());

        Trainer first = trainer(BrightSide.stochasticNet(1), n);
        TrainingResult half = first.fit(loader(), validation(), 10);
        // Stopped after batch (n - 1) % 5 of epoch (n - 1) / 5: after an epoch's last batch, before its end.
        assertEquals(new TrainingState((n - 1) / BATCHES_PER_EPOCH, (n - 1) % BATCHES_PER_EPOCH + 1, n, LOADER_SEED,
                half.finalState().rngStates()), half.finalState());
        Snapshot saved = Snapshot.of(first, half.finalState());

        Sequential fresh = BrightSide.stochasticNet(12345); // other initial weights and dropout stream
        Trainer second = trainer(fresh, 2L * n);
        assertNotEquals(saved.state().rngStates(), second.currentState().rngStates());
        saved.restoreInto(fresh, second.optimizer());
        TrainingResult rest = second.fit(loader(), validation(), 10, saved.state());

        assertEquals(StopReason.REQUESTED, rest.reason());
        assertEquals(whole.finalState(), rest.finalState());
        Map<String, Tensor> expected = straight.model().stateDict();
        fresh.stateDict().forEach((name, t) -> assertArrayEquals(expected.get(name).data(), t.data(), name));
        assertArrayEquals(tracked(straight.model()), tracked(fresh));
        OptimizerState a = straight.optimizer().state(straight.model().namedParameters());
        OptimizerState b = second.optimizer().state(fresh.namedParameters());
        assertEquals(a.steps(), b.steps());
        assertEquals(a.learningRate(), b.learningRate());
        assertEquals(a.paramSteps(), b.paramSteps());
        a.buffers().forEach((name, t) -> assertArrayEquals(t.data(), b.buffers().get(name).data(), name));
    }
}
