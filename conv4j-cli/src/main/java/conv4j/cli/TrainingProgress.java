package conv4j.cli;

import conv4j.train.EpochMetrics;
import conv4j.train.StepInfo;
import conv4j.train.Trainer;
import conv4j.train.TrainingListener;
import conv4j.train.TrainingResult;
import conv4j.train.TrainingStart;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows a run on stderr: on a terminal a progress bar redrawn in place (epoch, batches, loss, accuracy, images/s,
 * time left); one line per finished epoch in every case, so logs stay readable.
 */
final class TrainingProgress implements TrainingListener {
    private static final int BAR = 24;
    private static final long REDRAW_NANOS = 150_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final String validationName;
    private int epochs;
    private long lastDrawn;
    private boolean barOpen;

    TrainingProgress(PrintWriter err, boolean terminal, String validationName) {
        this.err = err;
        this.terminal = terminal;
        this.validationName = validationName;
    }

    @Override
    public void onTrainBegin(Trainer trainer, TrainingStart start) {
        epochs = start.epochs();
    }

    @Override
    public void onBatchEnd(Trainer trainer, StepInfo s) {
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        boolean last = s.batch() + 1 == s.batchesPerEpoch();
        if (now - lastDrawn < REDRAW_NANOS && !last) {
            return;
        }
        lastDrawn = now;
        err.print("\r" + bar(s, epochs));
        err.flush();
        barOpen = true;
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochMetrics m) {
        closeBar();
        err.println(epochLine(m, epochs, validationName));
        err.flush();
    }

    @Override
    public void onTrainEnd(Trainer trainer, TrainingResult result) {
        closeBar();
    }

    private void closeBar() {
        if (barOpen) {
            err.print("\r" + " ".repeat(100) + "\r");
            barOpen = false;
        }
    }

    static String bar(StepInfo s, int epochs) {
        double fraction = (s.batch() + 1.0) / s.batchesPerEpoch();
        int filled = (int) Math.round(fraction * BAR);
        double left = s.imagesPerSecond() > 0
                ? (s.batchesPerEpoch() - s.batch() - 1.0) * s.batchSize() / s.imagesPerSecond() : 0;
        return String.format(Locale.ROOT, "epoch %d/%d [%s%s] %d/%d  loss %.4f  acc %.2f%%  %,.0f img/s  ETA %s",
                s.epoch() + 1, epochs, "#".repeat(filled), "-".repeat(BAR - filled), s.batch() + 1,
                s.batchesPerEpoch(), s.runningLoss(), 100 * s.runningAccuracy(), s.imagesPerSecond(),
                duration(left));
    }

    static String epochLine(EpochMetrics m, int epochs, String validationName) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d  train loss %.4f acc %.2f%%",
                m.epoch() + 1, epochs, m.trainLoss(), 100 * m.trainAccuracy()));
        if (m.validation() != null) {
            b.append(String.format(Locale.ROOT, "  %s loss %.4f acc %.2f%%", validationName, m.validationLoss(),
                    100 * m.validationAccuracy()));
        }
        b.append(String.format(Locale.ROOT, "  lr %.3g  %,.0f img/s  %.1f s", m.learningRate(), m.imagesPerSecond(),
                m.seconds()));
        return b.toString();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
