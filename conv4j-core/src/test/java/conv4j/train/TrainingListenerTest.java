package conv4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.nn.Sequential;
import conv4j.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingListenerTest {

    /** Writes each event, and the trainer's state where it is a step boundary. */
    private static final class Recorder implements TrainingListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void onTrainBegin(Trainer trainer, TrainingStart s) {
            events.add("begin " + s.firstEpoch() + "/" + s.epochs() + " at batch " + s.firstBatch() + ", "
                    + s.batchesPerEpoch() + " batches, validation " + s.validation());
        }

        @Override
        public void onEpochBegin(Trainer trainer, int epoch) {
            events.add("epoch " + epoch);
        }

        @Override
        public void onBatchBegin(Trainer trainer, int epoch, int batch, long step) {
            events.add("batch " + epoch + "." + batch + " after step " + step);
        }

        @Override
        public void onBatchEnd(Trainer trainer, StepInfo s) {
            TrainingState t = trainer.currentState();
            events.add("step " + s.step() + " = " + s.epoch() + "." + s.batch() + " of " + s.batchesPerEpoch()
                    + ", size " + s.batchSize() + "; next " + t.epoch() + "." + t.batch() + " after " + t.step());
        }

        @Override
        public void onEpochEnd(Trainer trainer, EpochMetrics m) {
            TrainingState t = trainer.currentState();
            events.add("end of epoch " + m.epoch() + " at step " + m.step() + ", validated "
                    + (m.validation() != null) + "; next " + t.epoch() + "." + t.batch());
        }

        @Override
        public void onTrainEnd(Trainer trainer, TrainingResult r) {
            events.add("end " + r.reason() + " after " + r.history().size() + " epochs");
        }
    }

    private static DataLoader train() {
        return new DataLoader(BrightSide.dataset(10, 2), 4, true, false, null, 3); // batches of 4, 4, 2
    }

    @Test
    void listenersHearEveryEventInOrder() {
        Sequential net = BrightSide.net(1);
        Recorder recorder = new Recorder();
        Trainer trainer = Trainer.builder(net, new Sgd(net.parameters(), 0.05)).listener(recorder).build();
        trainer.fit(train(), DataLoader.inOrder(BrightSide.dataset(4, 5), 4, null), 2);
        assertEquals(List.of(
                "begin 0/2 at batch 0, 3 batches, validation true",
                "epoch 0",
                "batch 0.0 after step 0", "step 1 = 0.0 of 3, size 4; next 0.1 after 1",
                "batch 0.1 after step 1", "step 2 = 0.1 of 3, size 4; next 0.2 after 2",
                "batch 0.2 after step 2", "step 3 = 0.2 of 3, size 2; next 0.3 after 3",
                "end of epoch 0 at step 3, validated true; next 1.0",
                "epoch 1",
                "batch 1.0 after step 3", "step 4 = 1.0 of 3, size 4; next 1.1 after 4",
                "batch 1.1 after step 4", "step 5 = 1.1 of 3, size 4; next 1.2 after 5",
                "batch 1.2 after step 5", "step 6 = 1.2 of 3, size 2; next 1.3 after 6",
                "end of epoch 1 at step 6, validated true; next 2.0",
                "end COMPLETED after 2 epochs"), recorder.events);
    }

    @Test
    void aStopRequestedMidEpochTakesEffectAtTheNextStepBoundary() {
        Sequential net = BrightSide.net(1);
        Recorder recorder = new Recorder();
        Sgd sgd = new Sgd(net.parameters(), 0.05);
        Trainer trainer = Trainer.builder(net, sgd).listener(new TrainingListener() {
            @Override
            public void onBatchEnd(Trainer t, StepInfo s) {
                if (s.step() == 4) {
                    t.requestStop(StopReason.REQUESTED, "stop after step 4");
                    t.requestStop(StopReason.EARLY_STOPPING, "a later request does not replace the first");
                }
            }
        }).listener(recorder).build();

        TrainingResult r = trainer.fit(train(), null, 5);

        assertEquals(StopReason.REQUESTED, r.reason());
        assertEquals("stop after step 4", r.message());
        assertEquals(4, sgd.steps());
        assertEquals(new TrainingState(1, 1, 4, 3, Map.of()), r.finalState());
        assertEquals(1, r.history().size(), "only epoch 0 completed");
        assertEquals("step 4 = 1.0 of 3, size 4; next 1.1 after 4", recorder.events.get(recorder.events.size() - 2),
                "later listeners still hear the step on which the stop was requested");
        assertEquals("end REQUESTED after 1 epochs", recorder.events.get(recorder.events.size() - 1));
    }

    @Test
    void aStopFromAnotherThreadDuringAStepLetsThatStepFinish() throws InterruptedException {
        Sequential net = BrightSide.net(1);
        Sgd sgd = new Sgd(net.parameters(), 0.05);
        Trainer trainer = Trainer.builder(net, sgd).listener(new TrainingListener() {
            @Override
            public void onBatchBegin(Trainer t, int epoch, int batch, long step) {
                if (step == 2) { // as a Ctrl-C handler would, while step 3 is about to run
                    Thread signal = new Thread(() -> t.requestStop(StopReason.REQUESTED, "interrupted"));
                    signal.start();
                    try {
                        signal.join();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }).build();
        TrainingResult r = trainer.fit(train(), null, 5);
        assertEquals(StopReason.REQUESTED, r.reason());
        assertEquals(3, sgd.steps(), "the step under way completes");
        assertEquals(new TrainingState(0, 3, 3, 3, Map.of()), r.finalState(),
                "past the last batch of epoch 0: a resume runs only its validation and end");
        assertTrue(r.history().isEmpty());
    }
}
