package conv4j.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Appends the run's figures to a JSON Lines file ({@code metrics.jsonl}): one object per epoch, optionally one every
 * N steps, and one when training ends, each flushed as it is written so the file can be followed while training and
 * survives a crash up to the last line. Every line has an {@code "event"} field: {@code "epoch"}, {@code "step"} or
 * {@code "end"}. Numbers that are not finite (a missing validation, a diverged loss) are written as {@code null}.
 * An epoch line can say what the validation figures were measured on ({@code "validation_data"}: {@code "test"} for a
 * test set, {@code "validation"} for images held out of the training set), so that a chart names its line truly.
 */
public final class MetricsLog implements TrainingListener {
    private final Path file;
    private final int everySteps;
    private final String validationData;
    private BufferedWriter out;

    /** One line per epoch. */
    public MetricsLog(Path file) {
        this(file, 0);
    }

    /** One line per epoch, and one every {@code everySteps} steps ({@code 0}: none). */
    public MetricsLog(Path file, int everySteps) {
        this(file, everySteps, null);
    }

    /**
     * One line per epoch, one every {@code everySteps} steps ({@code 0}: none), and in every epoch line the name of
     * the validation data, e.g. "test" or "validation" (null: not written).
     */
    public MetricsLog(Path file, int everySteps, String validationData) {
        if (file == null) {
            throw new IllegalArgumentException("the metrics log needs a file");
        }
        if (everySteps < 0) {
            throw new IllegalArgumentException("steps between metrics lines must be >= 0 (0 for none), received "
                    + everySteps);
        }
        this.file = file;
        this.everySteps = everySteps;
        if (validationData != null && validationData.isBlank()) {
            throw new IllegalArgumentException("the validation data needs a name, or null for none");
        }
        this.validationData = validationData;
    }

    public Path file() {
        return file;
    }

    @Override
    public void onTrainBegin(Trainer trainer, TrainingStart start) {
        close(); // left open by a run that ended in an exception
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the metrics log " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onBatchEnd(Trainer trainer, StepInfo s) {
        if (everySteps > 0 && s.step() % everySteps == 0) {
            write(new JsonLine().add("event", "step").add("step", s.step()).add("epoch", s.epoch())
                    .add("batch", s.batch()).add("loss", s.loss()).add("running_loss", s.runningLoss())
                    .add("running_accuracy", s.runningAccuracy()).add("learning_rate", s.learningRate())
                    .add("images_per_second", s.imagesPerSecond()));
        }
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochMetrics m) {
        JsonLine line = new JsonLine().add("event", "epoch").add("epoch", m.epoch()).add("step", m.step())
                .add("train_loss", m.trainLoss()).add("train_accuracy", m.trainAccuracy())
                .add("validation_loss", m.validationLoss()).add("validation_accuracy", m.validationAccuracy());
        if (m.validation() != null) {
            if (validationData != null) {
                line.add("validation_data", validationData);
            }
            line.add("validation_top_k", m.validation().topK())
                    .add("validation_top_k_accuracy", m.validation().topKAccuracy());
        }
        write(line.add("learning_rate", m.learningRate()).add("images_per_second", m.imagesPerSecond())
                .add("seconds", m.seconds()));
    }

    @Override
    public void onTrainEnd(Trainer trainer, TrainingResult r) {
        try {
            write(new JsonLine().add("event", "end").add("reason", r.reason().name().toLowerCase(Locale.ROOT))
                    .add("message", r.message()).add("epochs", r.history().size())
                    .add("step", r.finalState().step()).add("seconds", r.seconds()));
        } finally {
            close();
        }
    }

    private void write(JsonLine line) {
        if (out == null) {
            throw new IllegalStateException("the metrics log " + file + " is not open: training has not begun");
        }
        try {
            out.write(line.toString());
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the metrics log " + file + ": " + e.getMessage(), e);
        }
    }

    private void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the metrics log " + file + ": " + e.getMessage(), e);
            } finally {
                out = null;
            }
        }
    }
}
