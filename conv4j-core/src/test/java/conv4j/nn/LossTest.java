package conv4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.autograd.Variable;
import conv4j.testkit.FloatGradientCheck;
import conv4j.testkit.GradientCheck;
import conv4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LossTest {
    private final SplittableRandom random = new SplittableRandom(3);

    @Test
    void crossEntropyIsMinusLogProbabilityAveragedOverTheBatch() {
        // Row 0: scores [0, 0] -> p = 1/2 for label 1; row 1: [ln 3, 0] -> p(label 0) = 3/4.
        Tensor scores = Tensor.matrix(new float[] {0, 0}, new float[] {(float) Math.log(3), 0});
        float loss = new CrossEntropyLoss().forward(Variable.of(scores), new int[] {1, 0}).value().item();
        assertEquals((-Math.log(0.5) - Math.log(0.75)) / 2, loss, 1e-6);
    }

    @Test
    void crossEntropyGradientMatchesFiniteDifferences() {
        int[] labels = {2, 0, 1};
        GradientCheck.Result r = FloatGradientCheck.check(v -> new CrossEntropyLoss().forward(v.get(0), labels),
                List.of(FloatGradientCheck.random(random, 3, 4)), 1);
        assertTrue(FloatGradientCheck.passes(r), r.toString());
    }

    @Test
    void mseIsTheMeanOfSquaredDifferences() {
        Tensor prediction = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor target = Tensor.of(new float[] {1, 0, 3, 1}, 2, 2);
        assertEquals((0 + 4 + 0 + 9) / 4f, new MSELoss().forward(Variable.of(prediction), target).value().item());
        Tensor t = FloatGradientCheck.random(random, 2, 3);
        GradientCheck.Result r = FloatGradientCheck.check(v -> new MSELoss().forward(v.get(0), t),
                List.of(FloatGradientCheck.random(random, 2, 3)), 2);
        assertTrue(FloatGradientCheck.passes(r), r.toString());
    }

    @Test
    void labelOutOfRangeIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss()
                .forward(Variable.of(Tensor.zeros(2, 10)), new int[] {3, 10}));
        assertTrue(e.getMessage().contains("10"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss()
                .forward(Variable.of(Tensor.zeros(2, 10)), new int[] {3}));
        assertTrue(e.getMessage().contains("1 labels"), e.getMessage());
    }
}
