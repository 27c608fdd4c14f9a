package conv4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import conv4j.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
    /**
     * Five rows over three classes. Row by row: right; wrong with the label third; wrong with the label tied second
     * but ranked after the lower class index; wrong with the label second; wrong on a tie that the lower index wins.
     */
    private static final Tensor SCORES = Tensor.matrix(
            new float[] {0.1f, 0.7f, 0.2f},
            new float[] {0.5f, 0.3f, 0.2f},
            new float[] {0.2f, 0.2f, 0.6f},
            new float[] {0.3f, 0.3f, 0.4f},
            new float[] {1f, 1f, 0f});
    private static final int[] LABELS = {1, 2, 1, 0, 1};

    @Test
    void accuracyAndTopKOnHandBuiltScores() {
        assertEquals(1, Metrics.correct(SCORES, LABELS));
        assertEquals(0.2, Metrics.accuracy(SCORES, LABELS));
        assertEquals(1, Metrics.topKCorrect(SCORES, LABELS, 1), "top-1 is the argmax, ties to the lower index");
        assertEquals(3, Metrics.topKCorrect(SCORES, LABELS, 2));
        assertEquals(0.6, Metrics.topKAccuracy(SCORES, LABELS, 2));
        assertEquals(5, Metrics.topKCorrect(SCORES, LABELS, 3));
        assertEquals(5, Metrics.topKCorrect(SCORES, LABELS, 7), "k beyond the classes counts every row");
        assertEquals(0, Metrics.argmax(SCORES.data(), 4, 3));
    }

    @Test
    void confusionMatrixRowsAreTheTrueClasses() {
        ConfusionMatrix m = ConfusionMatrix.of(SCORES, LABELS);
        assertArrayEquals(new long[][] {{0, 0, 1}, {1, 1, 1}, {1, 0, 0}}, m.counts());
        assertEquals(m, ConfusionMatrix.of(3, LABELS, new int[] {1, 0, 2, 2, 0}));
        assertEquals(5, m.total());
        assertEquals(3, m.support(1));
        assertEquals(0.2, m.accuracy());
        assertArrayEquals(new double[] {0, 1.0 / 3, 0}, m.perClassAccuracy());
        assertEquals("ConfusionMatrix(rows true, columns predicted)\n0 0 1\n1 1 1\n1 0 0", m.toString());
    }

    @Test
    void aClassWithoutExamplesHasNoAccuracy() {
        ConfusionMatrix m = ConfusionMatrix.of(3, new int[] {0, 0, 1}, new int[] {0, 1, 1});
        double[] perClass = m.perClassAccuracy();
        assertEquals(0.5, perClass[0]);
        assertEquals(1.0, perClass[1]);
        assertEquals(Double.NaN, perClass[2]);
        assertEquals(Double.NaN, ConfusionMatrix.of(2, new int[0], new int[0]).accuracy());
    }

    @Test
    void counterGivesTheSameFiguresBatchByBatch() {
        MetricCounter counter = new MetricCounter(3, 2);
        counter.add(new float[0], new int[0], 0); // an empty batch
        float[] s = SCORES.data();
        counter.add(Arrays.copyOfRange(s, 0, 6), new int[] {1, 2}, 1.0);
        counter.add(Arrays.copyOfRange(s, 6, 15), new int[] {1, 0, 1}, 2.0);
        EvaluationResult r = counter.result(List.of("a", "b", "c"));
        assertEquals(5, r.samples());
        assertEquals((1.0 * 2 + 2.0 * 3) / 5, r.loss(), 1e-12);
        assertEquals(0.2, r.accuracy());
        assertEquals(2, r.topK());
        assertEquals(0.6, r.topKAccuracy());
        assertEquals(ConfusionMatrix.of(SCORES, LABELS), r.confusion());
        assertArrayEquals(new double[] {0, 1.0 / 3, 0}, r.perClassAccuracy());
    }

    @Test
    void badInputsAreRefusedWithTheirValues() {
        assertEquals("label of row 1 is 3, outside [0, 3)", assertThrows(IllegalArgumentException.class,
                () -> Metrics.correct(SCORES, new int[] {0, 3, 0, 0, 0})).getMessage());
        assertEquals("scores must be N x classes for 2 labels, received 5x3", assertThrows(
                IllegalArgumentException.class, () -> Metrics.accuracy(SCORES, new int[] {0, 1})).getMessage());
        assertEquals("k of top-k must be at least 1, received 0", assertThrows(IllegalArgumentException.class,
                () -> Metrics.topKCorrect(SCORES, LABELS, 0)).getMessage());
        assertEquals("pair 1 (true 0, predicted 2) is outside the 2 classes", assertThrows(
                IllegalArgumentException.class, () -> ConfusionMatrix.of(2, new int[] {0, 0}, new int[] {0, 2}))
                .getMessage());
        assertEquals("row 1 of the confusion matrix has 1 columns, expected 2", assertThrows(
                IllegalArgumentException.class, () -> new ConfusionMatrix(new long[][] {{1, 2}, {3}})).getMessage());
    }
}
