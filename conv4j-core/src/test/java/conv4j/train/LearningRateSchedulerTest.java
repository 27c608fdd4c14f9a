package conv4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import conv4j.nn.Sequential;
import conv4j.optim.LrSchedule;
import conv4j.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LearningRateSchedulerTest {

    private static List<Double> ratesPerStep(LrSchedule schedule, ScheduleUnit unit, List<Double> perEpoch) {
        Sequential net = BrightSide.net(1);
        List<Double> rates = new ArrayList<>();
        Trainer trainer = Trainer.builder(net, new Sgd(net.parameters(), 123.0))
                .schedule(schedule, unit)
                .listener(new TrainingListener() {
                    @Override
                    public void onBatchEnd(Trainer t, StepInfo s) {
                        rates.add(s.learningRate());
                    }

                    @Override
                    public void onEpochEnd(Trainer t, EpochMetrics m) {
                        perEpoch.add(m.learningRate());
                    }
                }).build();
        trainer.fit(new DataLoader(BrightSide.dataset(24, 2), 8, true, false, null, 3), null, 3); // 3 batches
        return rates;
    }

    @Test
    void perEpochTheRateChangesAtEachEpoch() {
        List<Double> perEpoch = new ArrayList<>();
        List<Double> rates = ratesPerStep(LrSchedule.stepDecay(0.1, 1, 0.5), ScheduleUnit.EPOCH, perEpoch);
        assertEquals(List.of(0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025), rates);
        assertEquals(List.of(0.1, 0.05, 0.025), perEpoch);
    }

    @Test
    void perStepTheRateChangesAtEachStep() {
        List<Double> perEpoch = new ArrayList<>();
        List<Double> rates = ratesPerStep(LrSchedule.exponential(1.0, 0.5), ScheduleUnit.STEP, perEpoch);
        List<Double> expected = new ArrayList<>();
        for (int s = 0; s < 9; s++) {
            expected.add(Math.pow(0.5, s));
        }
        assertEquals(expected, rates);
        assertEquals(List.of(0.25, 0.03125, 0.00390625), perEpoch);
    }
}
