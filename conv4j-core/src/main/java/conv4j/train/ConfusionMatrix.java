package conv4j.train;

import conv4j.tensor.Tensor;
import java.util.Arrays;

/**
 * How often each true class (row) was predicted as each class (column); the diagonal counts the right answers.
 * Immutable.
 */
public final class ConfusionMatrix {
    private final int classes;
    private final long[] counts; // row-major: counts[trueClass * classes + predicted]

    /** From a square table of non-negative counts, rows the true classes. */
    public ConfusionMatrix(long[][] counts) {
        this.classes = counts.length;
        if (classes < 1) {
            throw new IllegalArgumentException("a confusion matrix needs at least one class");
        }
        this.counts = new long[classes * classes];
        for (int t = 0; t < classes; t++) {
            if (counts[t].length != classes) {
                throw new IllegalArgumentException("row " + t + " of the confusion matrix has " + counts[t].length
                        + " columns, expected " + classes);
            }
            for (int p = 0; p < classes; p++) {
                if (counts[t][p] < 0) {
                    throw new IllegalArgumentException("count [" + t + "][" + p + "] is negative: " + counts[t][p]);
                }
                this.counts[t * classes + p] = counts[t][p];
            }
        }
    }

    private ConfusionMatrix(int classes, long[] flat) {
        this.classes = classes;
        this.counts = flat;
    }

    /** Adopts a row-major table without copying; the caller must not keep it. */
    static ConfusionMatrix adopt(int classes, long[] flat) {
        return new ConfusionMatrix(classes, flat);
    }

    /** From pairs of true and predicted classes. */
    public static ConfusionMatrix of(int classes, int[] trueClasses, int[] predicted) {
        if (classes < 1) {
            throw new IllegalArgumentException("a confusion matrix needs at least one class, received " + classes);
        }
        if (trueClasses.length != predicted.length) {
            throw new IllegalArgumentException(trueClasses.length + " true classes but " + predicted.length
                    + " predictions");
        }
        long[] flat = new long[classes * classes];
        for (int i = 0; i < trueClasses.length; i++) {
            int t = trueClasses[i];
            int p = predicted[i];
            if (t < 0 || t >= classes || p < 0 || p >= classes) {
                throw new IllegalArgumentException("pair " + i + " (true " + t + ", predicted " + p
                        + ") is outside the " + classes + " classes");
            }
            flat[t * classes + p]++;
        }
        return new ConfusionMatrix(classes, flat);
    }

    /** From N x classes scores, each row predicting its highest-scoring class. */
    public static ConfusionMatrix of(Tensor scores, int[] labels) {
        int classes = Metrics.checkScores(scores, labels);
        int[] predicted = new int[labels.length];
        for (int r = 0; r < labels.length; r++) {
            predicted[r] = Metrics.argmax(scores.data(), r, classes);
        }
        return of(classes, labels, predicted);
    }

    public int classes() {
        return classes;
    }

    /** How many examples of class {@code trueClass} were predicted as {@code predicted}. */
    public long count(int trueClass, int predicted) {
        if (trueClass < 0 || trueClass >= classes || predicted < 0 || predicted >= classes) {
            throw new IllegalArgumentException("cell [" + trueClass + "][" + predicted + "] is outside the "
                    + classes + " classes");
        }
        return counts[trueClass * classes + predicted];
    }

    /** A copy of the table, rows the true classes. */
    public long[][] counts() {
        long[][] out = new long[classes][classes];
        for (int t = 0; t < classes; t++) {
            System.arraycopy(counts, t * classes, out[t], 0, classes);
        }
        return out;
    }

    public long total() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    /** Examples whose true class is {@code trueClass}. */
    public long support(int trueClass) {
        long n = 0;
        for (int p = 0; p < classes; p++) {
            n += count(trueClass, p);
        }
        return n;
    }

    /** The diagonal over the total; NaN when empty. */
    public double accuracy() {
        long right = 0;
        for (int c = 0; c < classes; c++) {
            right += counts[c * classes + c];
        }
        return Metrics.ratio(right, total());
    }

    /** For each true class, the fraction predicted right (its recall); NaN for a class with no examples. */
    public double[] perClassAccuracy() {
        double[] out = new double[classes];
        for (int c = 0; c < classes; c++) {
            out[c] = Metrics.ratio(counts[c * classes + c], support(c));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m && m.classes == classes && Arrays.equals(m.counts, counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ConfusionMatrix(rows true, columns predicted)");
        for (int t = 0; t < classes; t++) {
            sb.append("\n");
            for (int p = 0; p < classes; p++) {
                sb.append(p == 0 ? "" : " ").append(counts[t * classes + p]);
            }
        }
        return sb.toString();
    }
}
