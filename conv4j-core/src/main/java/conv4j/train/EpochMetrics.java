package conv4j.train;

/**
 * One epoch's figures. The training loss and accuracy are means over the examples trained in this epoch (after a
 * resume mid-epoch, those since the resume: NaN if there were none); they are measured on the fly, in training mode,
 * as the weights change. {@code validation} is null when fit was given no validation data. {@code learningRate} is
 * the rate of the epoch's last step; images per second count training only; {@code seconds} covers training and
 * validation. {@code step} counts the optimizer steps taken by the epoch's end.
 */
public record EpochMetrics(int epoch, long step, double trainLoss, double trainAccuracy, int trainSamples,
        EvaluationResult validation, double learningRate, double imagesPerSecond, double seconds) {

    /** The validation loss, NaN without validation data. */
    public double validationLoss() {
        return validation == null ? Double.NaN : validation.loss();
    }

    /** The validation accuracy, NaN without validation data. */
    public double validationAccuracy() {
        return validation == null ? Double.NaN : validation.accuracy();
    }
}
