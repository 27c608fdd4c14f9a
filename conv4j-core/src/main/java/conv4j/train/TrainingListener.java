package conv4j.train;

/**
 * Observes a run of {@link Trainer#fit}. Every method does nothing by default. Events arrive on the training thread,
 * in this order: {@code onTrainBegin}; per epoch {@code onEpochBegin}, per batch {@code onBatchBegin} and
 * {@code onBatchEnd}, then {@code onEpochEnd} (after validation); finally {@code onTrainEnd}, also after a stop or
 * a divergence. A listener may call {@link Trainer#requestStop} and {@link Trainer#currentState} from any of them;
 * at {@code onBatchEnd} and {@code onEpochEnd} the state is a step boundary, which is where a checkpoint is saved.
 */
public interface TrainingListener {

    default void onTrainBegin(Trainer trainer, TrainingStart start) {
    }

    default void onEpochBegin(Trainer trainer, int epoch) {
    }

    /** Before the step that will follow {@code step} earlier ones, on batch {@code batch} of {@code epoch}. */
    default void onBatchBegin(Trainer trainer, int epoch, int batch, long step) {
    }

    default void onBatchEnd(Trainer trainer, StepInfo step) {
    }

    default void onEpochEnd(Trainer trainer, EpochMetrics metrics) {
    }

    default void onTrainEnd(Trainer trainer, TrainingResult result) {
    }
}
