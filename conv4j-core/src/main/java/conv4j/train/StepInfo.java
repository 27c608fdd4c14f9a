package conv4j.train;

/**
 * One optimizer step, as a progress display shows it. {@code step} counts the steps taken, this one included;
 * {@code epoch} and {@code batch} are indices from 0 ({@code batch} within the epoch). {@code loss} is this batch's;
 * the running loss and accuracy and the images per second cover the epoch's batches so far (since the resume, in a
 * resumed epoch); {@code seconds} is the time since the epoch began.
 */
public record StepInfo(long step, int epoch, int batch, int batchesPerEpoch, int batchSize, double loss,
        double runningLoss, double runningAccuracy, double imagesPerSecond, double learningRate, double seconds) {
}
