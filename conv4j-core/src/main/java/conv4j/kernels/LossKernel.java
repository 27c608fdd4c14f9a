package conv4j.kernels;

/**
 * Losses that reduce a batch to one number: softmax cross-entropy (fused, so the log of a tiny probability is never
 * taken) and mean squared error. Partial sums are kept per chunk and added in chunk order, so the loss is the same
 * bits run to run for a given thread count.
 */
public final class LossKernel {
    private LossKernel() {
    }

    /**
     * Mean over the batch of -log softmax(logits)[label]. Writes the softmax probabilities (batch x classes) for the
     * backward pass. {@code probabilities} may be {@code logits}.
     */
    public static float softmaxCrossEntropy(int batch, int classes, float[] logits, int[] labels,
                                            float[] probabilities) {
        SoftmaxKernel.checkMatrix("cross-entropy", batch, classes, logits, probabilities);
        checkLabels(batch, classes, labels);
        double[] partial = new double[Parallel.threads()];
        Parallel.forRange(batch, SoftmaxKernel.rowGrain(classes), (chunk, start, end) -> {
            double loss = 0;
            for (int r = start; r < end; r++) {
                int from = r * classes;
                float target = logits[from + labels[r]];
                // log-sum-exp of the row, taken before the row is overwritten when computing in place.
                double logSumExp = SoftmaxKernel.softmaxRow(logits, probabilities, from, classes);
                loss += logSumExp - target;
            }
            partial[chunk] = loss;
        });
        double total = 0;
        for (double p : partial) {
            total += p;
        }
        return (float) (total / batch);
    }

    /** dLogits = gradLoss * (probabilities - onehot(labels)) / batch. {@code dLogits} may be {@code probabilities}. */
    public static void softmaxCrossEntropyBackward(int batch, int classes, float[] probabilities, int[] labels,
                                                   float gradLoss, float[] dLogits) {
        SoftmaxKernel.checkMatrix("cross-entropy backward", batch, classes, probabilities, dLogits);
        checkLabels(batch, classes, labels);
        float scale = gradLoss / batch;
        Parallel.forRange(batch, SoftmaxKernel.rowGrain(classes), (chunk, start, end) -> {
            for (int r = start; r < end; r++) {
                int from = r * classes;
                for (int i = from, last = from + classes; i < last; i++) {
                    dLogits[i] = probabilities[i] * scale;
                }
                dLogits[from + labels[r]] = (probabilities[from + labels[r]] - 1f) * scale;
            }
        });
    }

    /** Mean over all elements of (prediction - target)^2. */
    public static float meanSquaredError(float[] prediction, float[] target) {
        int n = Lengths.length("mean squared error prediction", prediction);
        Lengths.require("mean squared error target", target, n);
        Lengths.requirePositive("mean squared error element count", n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double d = prediction[i] - (double) target[i];
            sum += d * d;
        }
        return (float) (sum / n);
    }

    /** dPrediction = gradLoss * 2 (prediction - target) / n. */
    public static void meanSquaredErrorBackward(float[] prediction, float[] target, float gradLoss,
                                                float[] dPrediction) {
        int n = Lengths.length("mean squared error prediction", prediction);
        Lengths.require("mean squared error target", target, n);
        Lengths.require("mean squared error prediction gradient", dPrediction, n);
        Lengths.requirePositive("mean squared error element count", n);
        float scale = 2f * gradLoss / n;
        for (int i = 0; i < n; i++) {
            dPrediction[i] = (prediction[i] - target[i]) * scale;
        }
    }

    private static void checkLabels(int batch, int classes, int[] labels) {
        Lengths.require("labels", labels, batch);
        for (int i = 0; i < batch; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label of sample " + i + " is " + labels[i]
                        + ", outside the " + classes + " classes [0, " + classes + ")");
            }
        }
    }
}
