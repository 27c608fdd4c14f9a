package conv4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.nn.Flatten;
import conv4j.nn.Linear;
import conv4j.nn.Sequential;
import conv4j.optim.Sgd;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static Trainer trainer(Sequential net) {
        return Trainer.builder(net, new Sgd(net.parameters(), 0.1, 0.9)).build();
    }

    @Test
    void smallConvNetLearnsWhichSideIsBright() {
        Sequential net = BrightSide.net(1);
        Trainer trainer = trainer(net);
        DataLoader train = new DataLoader(BrightSide.dataset(64, 2), 8, true, false, null, 3);
        DataLoader validation = DataLoader.inOrder(BrightSide.dataset(32, 4), 16, null);

        TrainingResult result = trainer.fit(train, validation, 5);

        assertEquals(StopReason.COMPLETED, result.reason());
        assertEquals(5, result.history().size());
        EpochMetrics last = result.lastEpoch();
        assertEquals(1.0, last.trainAccuracy(), "train accuracy of the last epoch");
        assertEquals(1.0, last.validationAccuracy());
        assertTrue(last.trainLoss() < result.history().get(0).trainLoss(), "the loss went down");
        assertEquals(64, last.trainSamples());
        assertEquals(40, last.step());
        assertEquals(new TrainingState(5, 0, 40, 3, Map.of()), result.finalState());
        assertTrue(last.imagesPerSecond() > 0 && last.seconds() > 0);

        EvaluationResult eval = trainer.evaluate(train);
        assertEquals(64, eval.samples());
        assertEquals(1.0, eval.accuracy());
        assertEquals(2, eval.topK(), "top-k is capped at the number of classes");
        assertEquals(1.0, eval.topKAccuracy());
        assertEquals(32, eval.confusion().count(0, 0));
        assertEquals(32, eval.confusion().count(1, 1));
        assertEquals(0, eval.confusion().count(0, 1) + eval.confusion().count(1, 0));
        assertTrue(net.isTraining(), "evaluate restores the mode it found");
    }

    @Test
    void predictGivesProbabilitiesThatFavourTheBrightSide() {
        Sequential net = BrightSide.net(1);
        Trainer trainer = trainer(net);
        trainer.fit(new DataLoader(BrightSide.dataset(64, 2), 8, true, false, null, 3), null, 5);
        TensorDataset probe = BrightSide.dataset(4, 99);
        Tensor batch = Tensor.zeros(4, 1, 8, 8);
        for (int i = 0; i < 4; i++) {
            System.arraycopy(probe.get(i).input().data(), 0, batch.data(), i * 64, 64);
        }
        Tensor p = trainer.predict(batch);
        assertEquals(Shape.of(4, 2), p.shape());
        for (int i = 0; i < 4; i++) {
            assertEquals(1.0, p.get(i, 0) + p.get(i, 1), 1e-6);
            assertTrue(p.get(i, probe.label(i)) > 0.5f, "sample " + i + ": " + p.get(i, 0) + ", " + p.get(i, 1));
        }
    }

    @Test
    void refusesAModelWhoseOutputDoesNotMatchTheClasses() {
        Rng rng = new Rng(0);
        Sequential net = new Sequential().add("flatten", new Flatten()).add("out", new Linear(64, 3, rng));
        Trainer trainer = trainer(net);
        DataLoader train = new DataLoader(BrightSide.dataset(8, 2), 4, false, false, null, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(train, null, 1));
        assertEquals("the model outputs 1x3 for one 1x8x8 input of the training data, which has 2 classes: expected"
                + " 1x2", e.getMessage());
    }

    @Test
    void refusesAnOptimizerOverParametersOutsideTheModel() {
        Sequential net = BrightSide.net(1);
        Sequential other = BrightSide.net(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.builder(net, new Sgd(other.parameters(), 0.1)).build());
        assertTrue(e.getMessage().contains("not in the model"), e.getMessage());
    }

    @Test
    void refusesZeroEpochsAndAStateFromAnotherDataOrder() {
        Sequential net = BrightSide.net(1);
        Trainer trainer = trainer(net);
        DataLoader train = new DataLoader(BrightSide.dataset(8, 2), 4, true, false, null, 5);
        assertEquals("epochs must be at least 1, received 0",
                assertThrows(IllegalArgumentException.class, () -> trainer.fit(train, null, 0)).getMessage());
        TrainingState saved = new TrainingState(1, 0, 2, 6, Map.of());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> trainer.fit(train, null, 3, saved))
                .getMessage().startsWith("the training state was saved with data order seed 6 but the training"
                        + " loader has seed 5"));
        TrainingState tooFar = new TrainingState(1, 3, 2, 5, Map.of());
        assertThrows(IllegalArgumentException.class, () -> trainer.fit(train, null, 3, tooFar));
        TrainingState strayStream = new TrainingState(1, 0, 2, 5, Map.of("classifier.0", 1L));
        assertEquals("the training state's random streams do not match the model's dropout layers: no dropout layer"
                + " at [classifier.0]", assertThrows(IllegalArgumentException.class,
                        () -> trainer.fit(train, null, 3, strayStream)).getMessage());
    }

    @Test
    void aStateAtTheLastEpochHasNothingLeftToTrain() {
        Sequential net = BrightSide.net(1);
        Trainer trainer = trainer(net);
        DataLoader train = new DataLoader(BrightSide.dataset(8, 2), 4, true, false, null, 5);
        float[] before = net.stateDict().get("classifier.weight").data().clone();
        TrainingResult r = trainer.fit(train, null, 3, new TrainingState(3, 0, 6, 5, Map.of()));
        assertEquals(StopReason.COMPLETED, r.reason());
        assertTrue(r.history().isEmpty());
        assertEquals(6, r.finalState().step());
        assertArrayEquals(before, net.stateDict().get("classifier.weight").data());
        assertNull(r.lastEpoch());
    }
}
