package conv4j.train;

import conv4j.tensor.Tensor;

/**
 * Classification metrics over N x classes scores (logits or probabilities: only their order matters). Ties go to
 * the lower class index, as a stable descending sort would rank them, so top-1 agrees with {@link #argmax}.
 */
public final class Metrics {
    private Metrics() {
    }

    /** The class with the highest score in row {@code row}; the first one on a tie. */
    public static int argmax(float[] scores, int row, int classes) {
        int from = row * classes;
        int best = 0;
        float max = scores[from];
        for (int c = 1; c < classes; c++) {
            if (scores[from + c] > max) {
                max = scores[from + c];
                best = c;
            }
        }
        return best;
    }

    /** Rows whose highest score is the label's. */
    public static int correct(Tensor scores, int[] labels) {
        int classes = checkScores(scores, labels);
        float[] s = scores.data();
        int n = 0;
        for (int r = 0; r < labels.length; r++) {
            if (argmax(s, r, classes) == labels[r]) {
                n++;
            }
        }
        return n;
    }

    /** Whether the label of row {@code row} is among the {@code k} highest scores of that row. */
    public static boolean inTopK(float[] scores, int row, int classes, int label, int k) {
        int from = row * classes;
        float target = scores[from + label];
        int ahead = 0; // classes ranked before the label
        for (int c = 0; c < classes; c++) {
            float v = scores[from + c];
            if (v > target || (v == target && c < label)) {
                ahead++;
            }
        }
        return ahead < k;
    }

    /** Rows whose label is among their {@code k} highest scores. */
    public static int topKCorrect(Tensor scores, int[] labels, int k) {
        int classes = checkScores(scores, labels);
        if (k < 1) {
            throw new IllegalArgumentException("k of top-k must be at least 1, received " + k);
        }
        float[] s = scores.data();
        int n = 0;
        for (int r = 0; r < labels.length; r++) {
            if (inTopK(s, r, classes, labels[r], k)) {
                n++;
            }
        }
        return n;
    }

    /** The fraction of rows predicted right. */
    public static double accuracy(Tensor scores, int[] labels) {
        return ratio(correct(scores, labels), labels.length);
    }

    /** The fraction of rows whose label is among their {@code k} highest scores. */
    public static double topKAccuracy(Tensor scores, int[] labels, int k) {
        return ratio(topKCorrect(scores, labels, k), labels.length);
    }

    /** {@code part / whole}, NaN when there is nothing to count. */
    static double ratio(long part, long whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }

    /** The number of classes; refuses scores that are not N x classes for N labels in range. */
    static int checkScores(Tensor scores, int[] labels) {
        if (scores.rank() != 2 || scores.dim(0) != labels.length) {
            throw new IllegalArgumentException("scores must be N x classes for " + labels.length
                    + " labels, received " + scores.shape());
        }
        int classes = scores.dim(1);
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] < 0 || labels[r] >= classes) {
                throw new IllegalArgumentException("label of row " + r + " is " + labels[r] + ", outside [0, "
                        + classes + ")");
            }
        }
        return classes;
    }
}
