package conv4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.autograd.Variable;
import conv4j.nn.Conv2d;
import conv4j.nn.Flatten;
import conv4j.nn.Linear;
import conv4j.nn.MaxPool2d;
import conv4j.nn.ReLU;
import conv4j.nn.Sequential;
import conv4j.nn.SequentialWithAux;
import conv4j.optim.Sgd;
import conv4j.tensor.Rng;
import conv4j.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuxiliaryLossTest {

    /** BrightSide's net with two auxiliary classifiers: one on the feature maps, one on the flattened features. */
    private static SequentialWithAux withAux(long seed) {
        Rng rng = new Rng(seed);
        return new SequentialWithAux()
                .add("features", new Sequential(new Conv2d(1, 4, 3, rng), new ReLU(), new MaxPool2d(2)))
                .add("flatten", new Flatten())
                .add("classifier", new Linear(4 * 3 * 3, 2, rng))
                .addAux("aux1", "features", new Sequential(new Flatten(), new Linear(36, 2, rng)))
                .addAux("aux2", "flatten", new Linear(36, 2, rng));
    }

    /** Softmax cross-entropy of N x 2 scores, the batch mean, in double. */
    private static double crossEntropy(Tensor scores, int[] labels) {
        double total = 0;
        for (int n = 0; n < labels.length; n++) {
            double a = scores.get(n, 0);
            double b = scores.get(n, 1);
            double max = Math.max(a, b);
            double logSum = max + Math.log(Math.exp(a - max) + Math.exp(b - max));
            total += logSum - (labels[n] == 0 ? a : b);
        }
        return total / labels.length;
    }

    @Test
    void inTrainingTheLossIsTheMainLossPlusPointThreeOfEachAuxiliaryLoss() {
        SequentialWithAux model = withAux(1);
        TensorDataset data = BrightSide.dataset(6, 2);
        Tensor x = Tensor.zeros(6, 1, 8, 8);
        int[] labels = new int[6];
        for (int i = 0; i < 6; i++) {
            System.arraycopy(data.get(i).input().data(), 0, x.data(), i * 64, 64);
            labels[i] = data.label(i);
        }
        Variable scores = model.call(Variable.of(x));
        List<Variable> aux = model.auxOutputs(scores);
        assertEquals(2, aux.size());
        double expected = crossEntropy(scores.value(), labels) + 0.3 * (crossEntropy(aux.get(0).value(), labels)
                + crossEntropy(aux.get(1).value(), labels));
        assertEquals(expected, AuxiliaryLoss.googLeNet(model).forward(scores, labels).value().item(), 1e-5);

        model.eval();
        Variable evalScores = model.call(Variable.of(x));
        assertEquals(crossEntropy(evalScores.value(), labels),
                AuxiliaryLoss.googLeNet(model).forward(evalScores, labels).value().item(), 1e-5);
    }

    @Test
    void scoresFromAnotherPassGetNoAuxiliaryLoss() {
        SequentialWithAux model = withAux(1);
        Tensor x = Tensor.randn(conv4j.tensor.Shape.of(2, 1, 8, 8), new Rng(3), 1);
        Variable first = model.call(Variable.of(x));
        model.call(Variable.of(x));
        assertEquals(List.of(), model.auxOutputs(first));
        assertEquals(List.of(), model.auxOutputs(Variable.of(first.value())));
    }

    @Test
    void theTrainerUsesTheAuxiliaryLossByDefaultAndTrainsTheAuxiliaryClassifiers() {
        SequentialWithAux model = withAux(4);
        float[] aux1Before = model.namedParameters().get("aux1.1.weight").value().data().clone();
        float[] aux2Before = model.namedParameters().get("aux2.weight").value().data().clone();
        Trainer trainer = Trainer.builder(model, new Sgd(model.parameters(), 0.1, 0.9)).build();
        DataLoader train = new DataLoader(BrightSide.dataset(64, 2), 8, true, false, null, 3);
        DataLoader validation = DataLoader.inOrder(BrightSide.dataset(32, 4), 16, null);

        TrainingResult result = trainer.fit(train, validation, 5);

        assertEquals(StopReason.COMPLETED, result.reason());
        assertEquals(1.0, result.lastEpoch().validationAccuracy());
        assertFalse(Arrays.equals(aux1Before, model.namedParameters().get("aux1.1.weight").value().data()));
        assertFalse(Arrays.equals(aux2Before, model.namedParameters().get("aux2.weight").value().data()));
        assertTrue(model.isTraining());
    }

    @Test
    void aPlainModelKeepsPlainCrossEntropy() {
        assertEquals(LossFunction.crossEntropy().getClass(), Trainer.defaultLoss(BrightSide.net(1)).getClass());
        assertTrue(Trainer.defaultLoss(withAux(1)) instanceof AuxiliaryLoss);
        assertFalse(Trainer.defaultLoss(new SequentialWithAux().add("fc", new Linear(2, 2, new Rng(0))))
                instanceof AuxiliaryLoss, "no auxiliary classifiers, no auxiliary loss");
    }
}
