package conv4j.train;

import java.util.Locale;

/**
 * Stops training when a monitored figure has not improved for {@code patience} epochs, as Keras's EarlyStopping
 * does: an epoch improves on the best so far when it is lower by more than {@code minDelta} (mode MIN) or higher by
 * more than {@code minDelta} (mode MAX). The first epoch always sets the best. The weights are those of the last
 * epoch; a checkpoint listener that keeps the best epoch keeps the best weights.
 */
public final class EarlyStopping implements TrainingListener {

    /** The figure watched at the end of each epoch. */
    public enum Monitor {
        VALIDATION_LOSS("validation loss"),
        VALIDATION_ACCURACY("validation accuracy"),
        TRAIN_LOSS("training loss"),
        TRAIN_ACCURACY("training accuracy");

        private final String words;

        Monitor(String words) {
            this.words = words;
        }

        double of(EpochMetrics m) {
            return switch (this) {
                case VALIDATION_LOSS -> m.validationLoss();
                case VALIDATION_ACCURACY -> m.validationAccuracy();
                case TRAIN_LOSS -> m.trainLoss();
                case TRAIN_ACCURACY -> m.trainAccuracy();
            };
        }

        boolean needsValidation() {
            return this == VALIDATION_LOSS || this == VALIDATION_ACCURACY;
        }

        /** Lower is better for a loss, higher for an accuracy. */
        public Mode naturalMode() {
            return this == VALIDATION_LOSS || this == TRAIN_LOSS ? Mode.MIN : Mode.MAX;
        }
    }

    public enum Mode { MIN, MAX }

    private final Monitor monitor;
    private final Mode mode;
    private final int patience;
    private final double minDelta;
    private double best;
    private int bestEpoch;
    private int waited;

    public EarlyStopping(Monitor monitor, Mode mode, int patience, double minDelta) {
        if (monitor == null || mode == null) {
            throw new IllegalArgumentException("early stopping needs a monitor and a mode, received " + monitor
                    + " and " + mode);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0 epochs, received " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("min delta must be >= 0 and finite, received " + minDelta);
        }
        this.monitor = monitor;
        this.mode = mode;
        this.patience = patience;
        this.minDelta = minDelta;
        reset();
    }

    /** Watches the figure in its natural direction (MIN for a loss, MAX for an accuracy). */
    public EarlyStopping(Monitor monitor, int patience, double minDelta) {
        this(monitor, monitor == null ? Mode.MIN : monitor.naturalMode(), patience, minDelta);
    }

    private void reset() {
        best = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        bestEpoch = -1;
        waited = 0;
    }

    @Override
    public void onTrainBegin(Trainer trainer, TrainingStart start) {
        if (monitor.needsValidation() && !start.validation()) {
            throw new IllegalArgumentException("early stopping monitors the " + monitor.words
                    + ", but fit was given no validation data");
        }
        reset();
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochMetrics metrics) {
        if (update(metrics.epoch(), monitor.of(metrics))) {
            trainer.requestStop(StopReason.EARLY_STOPPING, String.format(Locale.ROOT,
                    "early stopping at epoch %d: the %s did not improve by more than %s for %s"
                            + " (best %.6g at epoch %d)",
                    metrics.epoch() + 1, monitor.words, minDelta, Plural.of(waited, "epoch"), best, bestEpoch + 1));
        }
    }

    /** Records one epoch's figure; true when training should stop. A NaN never improves. */
    boolean update(int epoch, double value) {
        boolean improved = mode == Mode.MIN ? value < best - minDelta : value > best + minDelta;
        if (improved) {
            best = value;
            bestEpoch = epoch;
            waited = 0;
            return false;
        }
        waited++;
        return waited >= patience;
    }

    /** The best figure so far (an infinity before the first epoch). */
    public double best() {
        return best;
    }

    /** The epoch of the best figure, -1 before the first. */
    public int bestEpoch() {
        return bestEpoch;
    }
}
