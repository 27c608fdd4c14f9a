package conv4j.kernels;

/**
 * Softmax and log-softmax over the last dimension of a rows x cols matrix, and their backward passes. Each row is
 * shifted by its maximum before exponentiating, so any finite logits give finite results. Rows are split over the
 * shared pool; each row is computed by one thread in a fixed order.
 */
public final class SoftmaxKernel {
    /** Elements per chunk: below this a second thread does not pay for waking it. */
    static final int MIN_CHUNK_WORK = 1 << 14;

    private SoftmaxKernel() {
    }

    /** y_ij = e^(x_ij - max_j x) / sum_j e^(x_ij - max_j x). {@code y} may be {@code x}. */
    public static void softmax(int rows, int cols, float[] x, float[] y) {
        checkMatrix("softmax", rows, cols, x, y);
        Parallel.forRange(rows, rowGrain(cols), (chunk, start, end) -> {
            for (int r = start; r < end; r++) {
                softmaxRow(x, y, r * cols, cols);
            }
        });
    }

    /** From the saved output: dx = y * (dy - sum_j dy_j y_j). {@code dx} may be {@code dy}. */
    public static void softmaxBackward(int rows, int cols, float[] y, float[] dy, float[] dx) {
        checkMatrix("softmax backward", rows, cols, y, dy);
        Lengths.require("softmax backward input gradient", dx, (long) rows * cols);
        Parallel.forRange(rows, rowGrain(cols), (chunk, start, end) -> {
            for (int r = start; r < end; r++) {
                int from = r * cols;
                int to = from + cols;
                double dot = 0;
                for (int i = from; i < to; i++) {
                    dot += (double) dy[i] * y[i];
                }
                float d = (float) dot;
                for (int i = from; i < to; i++) {
                    dx[i] = y[i] * (dy[i] - d);
                }
            }
        });
    }

    /** y_ij = x_ij - max_j x - log sum_j e^(x_ij - max_j x). {@code y} may be {@code x}. */
    public static void logSoftmax(int rows, int cols, float[] x, float[] y) {
        checkMatrix("log-softmax", rows, cols, x, y);
        Parallel.forRange(rows, rowGrain(cols), (chunk, start, end) -> {
            for (int r = start; r < end; r++) {
                int from = r * cols;
                int to = from + cols;
                float max = Loops.max(x, from, to);
                // Subtracting max and the log-sum separately keeps the precision that max + log-sum would round
                // away for large logits.
                float logSum = (float) Math.log(Loops.sumExpShifted(x, from, to, max));
                for (int i = from; i < to; i++) {
                    y[i] = (x[i] - max) - logSum;
                }
            }
        });
    }

    /** From the saved output: dx = dy - e^y * sum_j dy_j. {@code dx} may be {@code dy}. */
    public static void logSoftmaxBackward(int rows, int cols, float[] y, float[] dy, float[] dx) {
        checkMatrix("log-softmax backward", rows, cols, y, dy);
        Lengths.require("log-softmax backward input gradient", dx, (long) rows * cols);
        Parallel.forRange(rows, rowGrain(cols), (chunk, start, end) -> {
            for (int r = start; r < end; r++) {
                int from = r * cols;
                int to = from + cols;
                float total = (float) Loops.sum(dy, from, to);
                for (int i = from; i < to; i++) {
                    dx[i] = dy[i] - (float) Math.exp(y[i]) * total;
                }
            }
        });
    }

    /** Softmax of one row in place or into y; returns the row's log-sum-exp, in double so that subtracting a
     * logit from it loses nothing. */
    static double softmaxRow(float[] x, float[] y, int from, int cols) {
        int to = from + cols;
        float max = Loops.max(x, from, to);
        double sum = Loops.expShifted(x, from, to, max, y, from);
        float inverse = (float) (1.0 / sum);
        for (int i = from; i < to; i++) {
            y[i] *= inverse;
        }
        return max + Math.log(sum);
    }

    static int rowGrain(int cols) {
        return Math.max(1, MIN_CHUNK_WORK / cols);
    }

    static void checkMatrix(String what, int rows, int cols, float[] a, float[] b) {
        Lengths.requirePositive(what + " rows", rows);
        Lengths.requirePositive(what + " columns", cols);
        long size = (long) rows * cols;
        Lengths.require(what + " input", a, size);
        Lengths.require(what + " output", b, size);
    }
}
