package conv4j.train;

/**
 * What a learning-rate schedule's t counts. As with PyTorch's schedulers stepped once per epoch or once per batch:
 * with {@code EPOCH}, epoch e trains at {@code schedule.learningRate(e)}; with {@code STEP}, the optimizer step that
 * follows s earlier steps uses {@code schedule.learningRate(s)}.
 */
public enum ScheduleUnit {
    EPOCH,
    STEP
}
