package conv4j.train;

import conv4j.optim.LrSchedule;

/**
 * Sets the optimizer's learning rate from a schedule before each epoch or each step ({@link ScheduleUnit}). The rate
 * is a closed form of the epoch or step index, so a resumed run picks up the right rate with no replay.
 */
public final class LearningRateScheduler implements TrainingListener {
    private final LrSchedule schedule;
    private final ScheduleUnit unit;

    public LearningRateScheduler(LrSchedule schedule, ScheduleUnit unit) {
        if (schedule == null || unit == null) {
            throw new IllegalArgumentException("a learning-rate scheduler needs a schedule and a unit, received "
                    + schedule + " per " + unit);
        }
        this.schedule = schedule;
        this.unit = unit;
    }

    public LrSchedule schedule() {
        return schedule;
    }

    public ScheduleUnit unit() {
        return unit;
    }

    @Override
    public void onEpochBegin(Trainer trainer, int epoch) {
        if (unit == ScheduleUnit.EPOCH) {
            trainer.optimizer().setLearningRate(schedule.learningRate(epoch));
        }
    }

    @Override
    public void onBatchBegin(Trainer trainer, int epoch, int batch, long step) {
        if (unit == ScheduleUnit.STEP) {
            trainer.optimizer().setLearningRate(schedule.learningRate(step));
        }
    }
}
