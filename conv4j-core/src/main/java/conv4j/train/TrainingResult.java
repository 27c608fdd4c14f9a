package conv4j.train;

import java.util.List;

/**
 * How a run ended: why, in words ({@code message}), the epochs that completed, the divergence when the reason is
 * {@link StopReason#DIVERGED} (null otherwise), and the state to save to continue from where it stopped. After a
 * divergence that state, the weights and the optimizer are those of the last good step.
 */
public record TrainingResult(StopReason reason, String message, List<EpochMetrics> history, Divergence divergence,
        TrainingState finalState, double seconds) {

    public TrainingResult {
        if (reason == null || message == null || finalState == null) {
            throw new IllegalArgumentException("a training result needs a reason, a message and a final state");
        }
        if ((reason == StopReason.DIVERGED) != (divergence != null)) {
            throw new IllegalArgumentException("a divergence goes with reason DIVERGED and only with it, received "
                    + reason + " and " + divergence);
        }
        history = List.copyOf(history);
    }

    /** The last completed epoch's figures, or null when no epoch completed. */
    public EpochMetrics lastEpoch() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }
}
