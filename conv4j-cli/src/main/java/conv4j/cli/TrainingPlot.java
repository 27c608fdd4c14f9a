package conv4j.cli;

import conv4j.train.Plural;
import conv4j.train.TrainingResult;
import conv4j.vision.visual.EpochPoint;
import conv4j.vision.visual.MetricsFile;
import conv4j.vision.visual.TrainingCurves;
import conv4j.vision.visual.TrainingCurves.LossAxis;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The training-curves picture of {@code conv4j plot} and {@code conv4j train --plot}: one chart, one size. */
final class TrainingPlot {
    static final int WIDTH = 1000;
    static final int HEIGHT = 400;
    /**
     * The validation line's name where a log does not say what it measured (logs written before it was recorded):
     * validation, as the log's own validation_loss field calls it.
     */
    static final String VALIDATION = "validation";

    private TrainingPlot() {
    }

    /** Charts are drawn into pictures, never on a screen; this keeps AWT from looking for one. */
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    static void write(List<EpochPoint> epochs, int width, int height, String validationName, LossAxis lossAxis,
                      Path file) {
        headless();
        new TrainingCurves(validationName, lossAxis).write(epochs, width, height, file);
    }

    /** What the picture shows, e.g. "training and test loss and accuracy of 10 epochs". */
    static String described(String validationName, LossAxis lossAxis, int epochs) {
        return "training and " + validationName + " loss" + (lossAxis == LossAxis.LOG ? " (log scale)" : "")
                + " and accuracy of " + Plural.of(epochs, "epoch");
    }

    /**
     * A note when one loss is over ten times every other, as batch norm's first validation can be: on a linear axis
     * it squeezes the rest of both curves into a flat line at the bottom. Null when there is no such spike.
     */
    static String spikeNote(List<EpochPoint> epochs, String validationName) {
        double largest = 0;
        double second = 0;
        String where = null;
        for (EpochPoint p : epochs) {
            for (int line = 0; line < 2; line++) {
                double v = line == 0 ? p.trainLoss() : p.validationLoss();
                if (!Double.isFinite(v)) {
                    continue;
                }
                if (v > largest) {
                    second = largest;
                    largest = v;
                    where = (line == 0 ? "training" : validationName) + " loss of epoch " + p.epoch();
                } else if (v > second) {
                    second = v;
                }
            }
        }
        if (where == null || !(largest > 10 * second)) {
            return null;
        }
        return "the " + where + ", " + new BigDecimal(String.format(Locale.ROOT, "%.3g", largest))
                .stripTrailingZeros().toPlainString() + ", is over 10 times every other loss; --log-y draws the "
                + "loss on a log scale, where the others stay apart";
    }

    /**
     * After training: the curves of the metrics log when there is one (it holds the epochs before a resume too), else
     * of this run's epochs. {@code validationName}: what the run validated on, "test" or "validation". A failure here
     * is reported on one line and does not fail the run: the model is saved.
     */
    static void afterTraining(Path plot, Path metrics, TrainingResult result, String validationName,
                              PrintWriter err) {
        try {
            List<EpochPoint> epochs = metrics != null ? MetricsFile.read(metrics)
                    : result.history().stream().map(EpochPoint::of).toList();
            if (epochs.isEmpty()) {
                err.println("conv4j: note: no epoch finished; no curves drawn to " + plot);
                return;
            }
            write(epochs, WIDTH, HEIGHT, validationName, LossAxis.LINEAR, plot);
            err.println(described(validationName, LossAxis.LINEAR, epochs.size()) + " drawn to " + plot);
        } catch (IllegalArgumentException | IOException e) {
            String message = e instanceof IOException io ? Main.userMessage(io) : e.getMessage();
            err.println("conv4j: cannot draw the training curves to " + plot + ": " + message);
        } finally {
            err.flush();
        }
    }
}
