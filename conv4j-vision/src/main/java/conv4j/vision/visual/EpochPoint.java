package conv4j.vision.visual;

import conv4j.train.EpochMetrics;

/**
 * One epoch's figures for a chart: the epoch counted from 1, the training loss and accuracy, and the validation loss
 * and accuracy; NaN where a figure is missing (no validation data, a diverged loss).
 */
public record EpochPoint(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
        double validationAccuracy) {
    public EpochPoint {
        if (epoch < 1) {
            throw new IllegalArgumentException("epochs are counted from 1, received " + epoch);
        }
    }

    /** The trainer's figures (whose epochs count from 0). */
    public static EpochPoint of(EpochMetrics m) {
        return new EpochPoint(m.epoch() + 1, m.trainLoss(), m.trainAccuracy(), m.validationLoss(),
                m.validationAccuracy());
    }
}
