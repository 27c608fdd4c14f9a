package conv4j.optim;

import static conv4j.optim.SgdTest.assertMessage;
import static conv4j.optim.TestParams.param;
import static conv4j.optim.TestParams.setGrad;
import static org.junit.jupiter.api.Assertions.assertEquals;

import conv4j.nn.Param;
import java.util.List;
import org.junit.jupiter.api.Test;

class PenaltyTest {

    @Test
    void valueIsHalfWeightDecayTimesSquaresPlusL1TimesAbsolutes() {
        Param weight = param(new float[] {1f, -2f, 0.5f}, 1.0);
        Param bias = param(new float[] {3f, -4f}, 0.0);
        Param scaled = param(new float[] {-1f}, 2.0);
        scaled.setPenaltyMultipliers(3.0, 2.0);
        Penalty penalty = new Penalty(0.1, 0.4);
        // squares: 1 * (1 + 4 + 0.25) + 2 * 1 = 7.25; absolutes: 1 * 3.5 + 3 * 1 = 6.5; the bias counts for nothing.
        double expected = 0.5 * 0.4 * 7.25 + 0.1 * 6.5;
        assertEquals(expected, penalty.value(List.of(weight, bias, scaled)), 1e-12);
    }

    @Test
    void lambdaOfTheLectureIsHalfTheWeightDecay() {
        Penalty penalty = Penalty.ofLambda(0.03);
        assertEquals(0.06, penalty.weightDecay(), 1e-15);
        Param w = param(new float[] {2f, -1f}, 1.0);
        // lambda * sum w^2, the lecture's L2 term.
        assertEquals(0.03 * (4 + 1), penalty.value(List.of(w)), 1e-12);
    }

    /** The optimizer's penalty gradient is the derivative of the reported value, checked by central differences. */
    @Test
    void gradientAddedByTheOptimizerIsTheDerivativeOfTheValue() {
        float[] w0 = {0.7f, -1.3f, 0.25f};
        Penalty penalty = new Penalty(0.15, 0.4);
        Param p = param(w0, 1.0);
        p.setPenaltyMultipliers(1.5, 0.5);
        Sgd sgd = new Sgd(List.of(p), 1.0, 0, false, penalty);
        setGrad(p, new float[3]);
        sgd.step(); // w1 = w0 - 1.0 * penaltyGradient
        for (int k = 0; k < w0.length; k++) {
            double h = 1e-3;
            Param plus = param(w0, 1.0);
            Param minus = param(w0, 1.0);
            plus.setPenaltyMultipliers(1.5, 0.5);
            minus.setPenaltyMultipliers(1.5, 0.5);
            plus.value().data()[k] += (float) h;
            minus.value().data()[k] -= (float) h;
            double hPlus = plus.value().data()[k] - w0[k];
            double hMinus = w0[k] - minus.value().data()[k];
            double numeric = (penalty.value(List.of(plus)) - penalty.value(List.of(minus))) / (hPlus + hMinus);
            double applied = w0[k] - p.value().data()[k];
            assertEquals(numeric, applied, 1e-5, "entry " + k);
        }
    }

    @Test
    void negativeCoefficientsAreRejected() {
        assertMessage("-1.0", () -> new Penalty(-1, 0));
        assertMessage("NaN", () -> new Penalty(0, Double.NaN));
        assertMessage("-0.5", () -> Penalty.ofLambda(-0.5));
    }
}
