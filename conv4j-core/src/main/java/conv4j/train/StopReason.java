package conv4j.train;

/** Why {@link Trainer#fit} returned. */
public enum StopReason {
    /** Every requested epoch ran. */
    COMPLETED,
    /** A monitored metric stopped improving ({@link EarlyStopping}). */
    EARLY_STOPPING,
    /** A listener or another thread asked to stop (the command line's Ctrl-C). */
    REQUESTED,
    /** The loss, a layer's output or a gradient became NaN or infinite; the bad step was not applied. */
    DIVERGED
}
