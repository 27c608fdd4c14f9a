package conv4j.train;

import java.util.List;

/** Running sums for {@link EvaluationResult}, batch by batch, without copying the scores. */
final class MetricCounter {
    private final int classes;
    private final int k;
    private final long[] confusion;
    private int samples;
    private long topKCorrect;
    private double lossSum;

    MetricCounter(int classes, int k) {
        this.classes = classes;
        this.k = Math.min(k, classes);
        this.confusion = new long[classes * classes];
    }

    /** One batch: N x classes scores, N labels, and the batch's mean loss. */
    void add(float[] scores, int[] labels, double meanLoss) {
        for (int r = 0; r < labels.length; r++) {
            int label = labels[r];
            confusion[label * classes + Metrics.argmax(scores, r, classes)]++;
            if (Metrics.inTopK(scores, r, classes, label, k)) {
                topKCorrect++;
            }
        }
        samples += labels.length;
        lossSum += meanLoss * labels.length;
    }

    EvaluationResult result(List<String> classNames) {
        ConfusionMatrix matrix = ConfusionMatrix.adopt(classes, confusion.clone());
        return new EvaluationResult(samples, samples == 0 ? Double.NaN : lossSum / samples, matrix.accuracy(), k,
                Metrics.ratio(topKCorrect, samples), matrix, classNames);
    }
}
