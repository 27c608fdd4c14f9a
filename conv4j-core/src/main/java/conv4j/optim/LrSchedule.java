package conv4j.optim;

/**
 * A learning rate as a pure function of the step index t (an epoch or a batch count, whichever the trainer counts),
 * t = 0 being the first. Closed forms of PyTorch's schedulers, so the rate at any step is known without replaying the
 * ones before it, and a resumed run needs only its step index. A trainer applies it with
 * {@code optimizer.setLearningRate(schedule.learningRate(t))}.
 */
public sealed interface LrSchedule {

    double learningRate(long step);

    static LrSchedule constant(double learningRate) {
        return new Constant(learningRate);
    }

    /** {@code initial * gamma^floor(t / stepSize)}, PyTorch's StepLR. */
    static LrSchedule stepDecay(double initial, int stepSize, double gamma) {
        return new StepDecay(initial, stepSize, gamma);
    }

    /** {@code initial * gamma^t}, PyTorch's ExponentialLR. */
    static LrSchedule exponential(double initial, double gamma) {
        return new Exponential(initial, gamma);
    }

    /** From {@code initial} at t = 0 to {@code minimum} at t = period on a half cosine, PyTorch's CosineAnnealingLR. */
    static LrSchedule cosine(double initial, double minimum, int period) {
        return new Cosine(initial, minimum, period);
    }

    /** This schedule scaled by a linear warm-up from {@code startFactor} to 1 over {@code warmupSteps} steps. */
    default LrSchedule withWarmup(double startFactor, int warmupSteps) {
        return new LinearWarmup(startFactor, warmupSteps, this);
    }

    private static long checkStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, received " + step);
        }
        return step;
    }

    record Constant(double initial) implements LrSchedule {
        public Constant {
            Check.positive("learning rate", initial);
        }

        @Override
        public double learningRate(long step) {
            checkStep(step);
            return initial;
        }
    }

    record StepDecay(double initial, int stepSize, double gamma) implements LrSchedule {
        public StepDecay {
            Check.positive("learning rate", initial);
            Check.atLeastOne("step size", stepSize);
            Check.positive("gamma", gamma);
        }

        @Override
        public double learningRate(long step) {
            return initial * Math.pow(gamma, checkStep(step) / stepSize);
        }
    }

    record Exponential(double initial, double gamma) implements LrSchedule {
        public Exponential {
            Check.positive("learning rate", initial);
            Check.positive("gamma", gamma);
        }

        @Override
        public double learningRate(long step) {
            return initial * Math.pow(gamma, checkStep(step));
        }
    }

    /**
     * {@code minimum + (initial - minimum) * (1 + cos(pi * t / period)) / 2}. As PyTorch's closed form (which has no
     * restarts), past the period the rate follows the cosine back up; stop or restart the schedule at the period.
     */
    record Cosine(double initial, double minimum, int period) implements LrSchedule {
        public Cosine {
            Check.positive("learning rate", initial);
            Check.nonNegative("minimum learning rate", minimum);
            if (minimum > initial) {
                throw new IllegalArgumentException("minimum learning rate must be <= the initial " + initial
                        + ", received " + minimum);
            }
            Check.atLeastOne("period", period);
        }

        @Override
        public double learningRate(long step) {
            return minimum + (initial - minimum) * (1 + Math.cos(Math.PI * checkStep(step) / period)) / 2;
        }
    }

    /**
     * {@code after(t) * (startFactor + (1 - startFactor) * min(t, warmupSteps) / warmupSteps)}: PyTorch's LinearLR
     * (end factor 1) chained with another schedule, both counting from the same t, as ChainedScheduler does. Large
     * batches and Adam's early, poorly estimated moments are why a run starts gently.
     */
    record LinearWarmup(double startFactor, int warmupSteps, LrSchedule after) implements LrSchedule {
        public LinearWarmup {
            if (!(startFactor > 0 && startFactor <= 1)) {
                throw new IllegalArgumentException("warm-up start factor must be in (0, 1], received " + startFactor);
            }
            Check.atLeastOne("warm-up steps", warmupSteps);
            if (after == null) {
                throw new IllegalArgumentException("warm-up needs a schedule to wrap, received null");
            }
        }

        @Override
        public double learningRate(long step) {
            double progress = (double) Math.min(checkStep(step), warmupSteps) / warmupSteps;
            return after.learningRate(step) * (startFactor + (1 - startFactor) * progress);
        }
    }
}
