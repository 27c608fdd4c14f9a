package conv4j.train;

import java.util.List;

/**
 * A model measured on a dataset: the mean loss per example, the accuracy, the top-k accuracy, and the confusion
 * matrix from which the per-class accuracies follow.
 */
public record EvaluationResult(int samples, double loss, double accuracy, int topK, double topKAccuracy,
        ConfusionMatrix confusion, List<String> classNames) {

    public EvaluationResult {
        if (samples < 0) {
            throw new IllegalArgumentException("sample count must be >= 0, received " + samples);
        }
        if (topK < 1) {
            throw new IllegalArgumentException("k of top-k must be at least 1, received " + topK);
        }
        if (confusion == null || classNames == null || classNames.size() != confusion.classes()) {
            throw new IllegalArgumentException("need a confusion matrix and one name per class, received "
                    + (classNames == null ? "no names" : classNames.size() + " names") + " for "
                    + (confusion == null ? "no matrix" : confusion.classes() + " classes"));
        }
        classNames = List.copyOf(classNames);
    }

    /** For each class, the fraction of its examples predicted right; NaN for a class with no examples. */
    public double[] perClassAccuracy() {
        return confusion.perClassAccuracy();
    }
}
