package conv4j.optim;

import static conv4j.optim.SgdTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LrScheduleTest {
    private static final double TOL = 1e-15;

    @Test
    void constantNeverChanges() {
        LrSchedule s = LrSchedule.constant(0.01);
        assertEquals(0.01, s.learningRate(0));
        assertEquals(0.01, s.learningRate(1_000_000));
    }

    @Test
    void stepDecayDropsByGammaEveryStepSize() {
        LrSchedule s = LrSchedule.stepDecay(0.1, 3, 0.5);
        assertEquals(0.1, s.learningRate(0), TOL);
        assertEquals(0.1, s.learningRate(2), TOL);
        assertEquals(0.05, s.learningRate(3), TOL);
        assertEquals(0.05, s.learningRate(5), TOL);
        assertEquals(0.025, s.learningRate(6), TOL);
        assertEquals(0.0125, s.learningRate(11), TOL);
    }

    @Test
    void exponentialMultipliesByGammaEachStep() {
        LrSchedule s = LrSchedule.exponential(0.2, 0.9);
        assertEquals(0.2, s.learningRate(0), TOL);
        assertEquals(0.18, s.learningRate(1), TOL);
        assertEquals(0.2 * 0.9 * 0.9 * 0.9 * 0.9 * 0.9, s.learningRate(5), TOL);
    }

    @Test
    void cosineGoesFromInitialToMinimumOverThePeriod() {
        LrSchedule s = LrSchedule.cosine(0.1, 0.001, 10);
        assertEquals(0.1, s.learningRate(0), TOL);
        assertEquals(0.0505, s.learningRate(5), TOL); // halfway: the mean of the two
        assertEquals(0.001 + 0.099 * (1 + Math.sqrt(0.5)) / 2, LrSchedule.cosine(0.1, 0.001, 8).learningRate(2),
                TOL); // a quarter of the period: cos(pi/4)
        assertEquals(0.001, s.learningRate(10), TOL);
        // PyTorch's closed form has no restarts and no clamp: past the period it rises again.
        assertEquals(0.0505, s.learningRate(15), TOL);
        assertEquals(0.1, s.learningRate(20), TOL);
    }

    /** PyTorch's chainable (recursive) CosineAnnealingLR update agrees with the closed form step after step. */
    @Test
    void cosineClosedFormAgreesWithPyTorchRecursion() {
        double base = 0.1;
        double min = 0.001;
        int period = 7;
        LrSchedule s = LrSchedule.cosine(base, min, period);
        double lr = base;
        for (int t = 1; t <= 3 * period; t++) {
            if ((t - 1 - period) % (2 * period) == 0) {
                lr = lr + (base - min) * (1 - Math.cos(Math.PI / period)) / 2;
            } else {
                lr = (1 + Math.cos(Math.PI * t / period)) / (1 + Math.cos(Math.PI * (t - 1) / period)) * (lr - min)
                        + min;
            }
            assertEquals(lr, s.learningRate(t), 1e-12, "step " + t);
        }
    }

    @Test
    void warmupRisesLinearlyThenHandsOver() {
        LrSchedule s = LrSchedule.constant(1.0).withWarmup(0.1, 4);
        assertEquals(0.1, s.learningRate(0), TOL);
        assertEquals(0.325, s.learningRate(1), TOL);
        assertEquals(0.775, s.learningRate(3), TOL); // last warm-up step
        assertEquals(1.0, s.learningRate(4), TOL); // first full step
        assertEquals(1.0, s.learningRate(5), TOL);
    }

    @Test
    void warmupScalesTheWrappedScheduleAtTheSameStep() {
        LrSchedule cosine = LrSchedule.cosine(0.1, 0.0, 20);
        LrSchedule s = cosine.withWarmup(0.25, 4);
        double cos2 = 0.1 * (1 + Math.cos(Math.PI * 2 / 20)) / 2;
        assertEquals(cos2 * (0.25 + 0.75 * 2 / 4), s.learningRate(2), TOL);
        double cos4 = 0.1 * (1 + Math.cos(Math.PI * 4 / 20)) / 2;
        assertEquals(cos4, s.learningRate(4), TOL);
        double cos9 = 0.1 * (1 + Math.cos(Math.PI * 9 / 20)) / 2;
        assertEquals(cos9, s.learningRate(9), TOL);
    }

    /** PyTorch's recursive LinearLR (end factor 1) agrees with the closed form, boundaries included. */
    @Test
    void warmupAgreesWithPyTorchLinearLrRecursion() {
        double start = 0.2;
        int total = 5;
        LrSchedule s = LrSchedule.constant(0.3).withWarmup(start, total);
        double lr = 0.3 * start;
        assertEquals(lr, s.learningRate(0), 1e-15);
        for (int t = 1; t <= total + 3; t++) {
            if (t <= total) {
                lr = lr * (1 + (1 - start) / (total * start + (t - 1) * (1 - start)));
            }
            assertEquals(lr, s.learningRate(t), 1e-12, "step " + t);
        }
    }

    @Test
    void badArgumentsAreRejectedWithTheValue() {
        assertMessage("-1.0", () -> LrSchedule.constant(-1));
        assertMessage("0", () -> LrSchedule.stepDecay(0.1, 0, 0.5));
        assertMessage("-0.5", () -> LrSchedule.exponential(0.1, -0.5));
        assertMessage("0.2", () -> LrSchedule.cosine(0.1, 0.2, 10));
        assertMessage("-3", () -> LrSchedule.cosine(0.1, 0.0, -3));
        assertMessage("1.5", () -> LrSchedule.constant(0.1).withWarmup(1.5, 3));
        assertMessage("0.0", () -> LrSchedule.constant(0.1).withWarmup(0.0, 3));
        assertMessage("-7", () -> LrSchedule.constant(0.1).learningRate(-7));
    }
}
