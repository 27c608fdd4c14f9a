package conv4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.nn.Sequential;
import conv4j.optim.Sgd;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    @Test
    void stopsAfterPatienceEpochsWithoutAnImprovementLargerThanMinDelta() {
        EarlyStopping stop = new EarlyStopping(EarlyStopping.Monitor.VALIDATION_LOSS, 2, 0.01);
        assertFalse(stop.update(0, 1.0));
        assertFalse(stop.update(1, 0.995), "better by less than min delta: waiting 1");
        assertFalse(stop.update(2, 0.9), "an improvement resets the wait");
        assertEquals(0.9, stop.best());
        assertEquals(2, stop.bestEpoch());
        assertFalse(stop.update(3, 0.95));
        assertTrue(stop.update(4, Double.NaN), "second epoch without improvement; NaN never improves");
    }

    @Test
    void accuracyIsWatchedUpwards() {
        EarlyStopping stop = new EarlyStopping(EarlyStopping.Monitor.VALIDATION_ACCURACY, 1, 0);
        assertFalse(stop.update(0, 0.5));
        assertFalse(stop.update(1, 0.6));
        assertTrue(stop.update(2, 0.6), "equal is not better");
        EarlyStopping down = new EarlyStopping(EarlyStopping.Monitor.VALIDATION_ACCURACY, EarlyStopping.Mode.MIN, 1,
                0);
        assertFalse(down.update(0, 0.5));
        assertTrue(down.update(1, 0.6), "an explicit mode overrides the natural one");
    }

    @Test
    void aRunStopsOncePatienceRunsOut() {
        Sequential net = BrightSide.net(1);
        Trainer trainer = Trainer.builder(net, new Sgd(net.parameters(), 0.01))
                .listener(new EarlyStopping(EarlyStopping.Monitor.VALIDATION_LOSS, 2, 10.0)) // nothing improves by 10
                .build();
        DataLoader train = new DataLoader(BrightSide.dataset(16, 2), 8, true, false, null, 3);
        TrainingResult r = trainer.fit(train, DataLoader.inOrder(BrightSide.dataset(8, 5), 8, null), 20);
        assertEquals(StopReason.EARLY_STOPPING, r.reason());
        assertEquals(3, r.history().size(), "the first epoch sets the best, then two epochs of patience");
        assertEquals(new TrainingState(3, 0, 6, 3, Map.of()), r.finalState());
        assertTrue(r.message().startsWith("early stopping at epoch 3: the validation loss did not improve by more"
                + " than 10.0 for 2 epochs (best "), r.message());
        assertTrue(r.message().endsWith(" at epoch 1)"), r.message());
    }

    @Test
    void aPatienceOfOneEpochIsSaidInTheSingular() {
        Sequential net = BrightSide.net(1);
        Trainer trainer = Trainer.builder(net, new Sgd(net.parameters(), 0.01))
                .listener(new EarlyStopping(EarlyStopping.Monitor.VALIDATION_LOSS, 1, 10.0)).build();
        DataLoader train = new DataLoader(BrightSide.dataset(16, 2), 16, true, false, null, 3);
        TrainingResult r = trainer.fit(train, DataLoader.inOrder(BrightSide.dataset(8, 5), 8, null), 20);
        assertTrue(r.message().startsWith("early stopping at epoch 2: the validation loss did not improve by more"
                + " than 10.0 for 1 epoch (best "), r.message());

        TrainingResult done = Trainer.builder(net, new Sgd(net.parameters(), 0.01)).build().fit(train, null, 1);
        assertEquals("trained 1 epoch (1 in all, 1 step)", done.message());
    }

    @Test
    void monitoringValidationWithoutValidationDataIsRefused() {
        Sequential net = BrightSide.net(1);
        Trainer trainer = Trainer.builder(net, new Sgd(net.parameters(), 0.01))
                .listener(new EarlyStopping(EarlyStopping.Monitor.VALIDATION_ACCURACY, 2, 0)).build();
        DataLoader train = new DataLoader(BrightSide.dataset(16, 2), 8, true, false, null, 3);
        assertEquals("early stopping monitors the validation accuracy, but fit was given no validation data",
                assertThrows(IllegalArgumentException.class, () -> trainer.fit(train, null, 3)).getMessage());
        assertEquals("patience must be >= 0 epochs, received -1", assertThrows(IllegalArgumentException.class,
                () -> new EarlyStopping(EarlyStopping.Monitor.TRAIN_LOSS, -1, 0)).getMessage());
    }
}
