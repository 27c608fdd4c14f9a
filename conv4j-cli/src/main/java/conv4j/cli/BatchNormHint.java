package conv4j.cli;

import conv4j.nn.BatchNorm2d;
import conv4j.nn.Module;
import conv4j.train.EpochMetrics;
import conv4j.train.Plural;
import conv4j.train.Trainer;
import conv4j.train.TrainingListener;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Explains, once a run, a validation loss far above the training loss early in the training of a network with batch
 * norm. Training normalises each batch by its own mean and variance; validation uses the running averages, which
 * start at 0 and 1 and move a share (the momentum, 10%) of the way to each batch's figures. After a few steps they
 * are far from the activations' real figures, and a deep network (ResNet on a small folder) can then show a
 * validation loss of 173 while it trains well.
 */
final class BatchNormHint implements TrainingListener {
    /** A validation loss this many times the training loss is not the usual gap of a network that fits its data. */
    static final double RATIO = 10;
    /** Steps after which the running averages have forgotten their start ((1 - 0.1)^100 is 3e-5): no longer "few". */
    static final long FEW_STEPS = 100;

    private final PrintWriter err;
    private final String modelName;
    private final String validationName;
    private boolean told;

    /** {@code validationName}: what the validation data is called, "test" or "validation". */
    BatchNormHint(PrintWriter err, String modelName, String validationName) {
        this.err = err;
        this.modelName = modelName;
        this.validationName = validationName;
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochMetrics m) {
        if (told || m.validation() == null) {
            return;
        }
        String hint = hint(trainer.model(), modelName, m.trainLoss(), m.validationLoss(), validationName);
        if (hint != null) {
            err.println("conv4j: note: " + hint);
            err.flush();
            told = true;
        }
    }

    /** The note for these losses, or null when the model has no batch norm, the gap is usual or the run is long. */
    static String hint(Module model, String modelName, double trainLoss, double validationLoss,
                       String validationName) {
        List<BatchNorm2d> layers = model.modules().stream().filter(BatchNorm2d.class::isInstance)
                .map(BatchNorm2d.class::cast).toList();
        if (layers.isEmpty() || !(trainLoss > 0) || !Double.isFinite(validationLoss)
                || !(validationLoss > RATIO * trainLoss)) {
            return null;
        }
        BatchNorm2d first = layers.get(0);
        long steps = first.batchesTracked();
        if (steps >= FEW_STEPS) {
            return null;
        }
        return String.format(Locale.ROOT, "the %s loss, %.4f, is %,.0f times the training loss: ", validationName,
                validationLoss, validationLoss / trainLoss) + modelName + "'s "
                + Plural.of(layers.size(), "batch norm layer") + (layers.size() == 1 ? " normalises " : " normalise ")
                + validationName + " images by running "
                + "means and variances estimated from only " + Plural.of(steps, "training step") + " so far (each "
                + "step moves them " + Math.round(100 * first.momentum()) + "% of the way to its batch's); they "
                + "settle as training takes more steps (more epochs, or a smaller --batch-size)";
    }
}
