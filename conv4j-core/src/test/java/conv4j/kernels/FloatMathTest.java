package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** exp and tanh in float steps stay within 2 ulp of the exact values (Math's, in double) over the float range. */
class FloatMathTest {

    private static double ulps(float value, double exact) {
        return Math.abs(value - exact) / Math.ulp((float) exact);
    }

    @Test
    void expIsWithinTwoUlpFromUnderflowToOverflow() {
        SplittableRandom r = new SplittableRandom(51);
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            float x = (float) r.nextDouble(-87.3, 88.72);
            worst = Math.max(worst, ulps(FloatMath.exp(x), Math.exp(x)));
        }
        assertTrue(worst <= 2, "worst error " + worst + " ulp");
        assertEquals(1f, FloatMath.exp(0f));
        assertEquals((float) Math.E, FloatMath.exp(1f), Math.ulp((float) Math.E));
    }

    @Test
    void expAtTheEdgesOfTheRange() {
        assertEquals(Float.POSITIVE_INFINITY, FloatMath.exp(89f));
        assertEquals(Float.POSITIVE_INFINITY, FloatMath.exp(Float.POSITIVE_INFINITY));
        assertEquals(0f, FloatMath.exp(-105f));
        assertEquals(0f, FloatMath.exp(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(FloatMath.exp(Float.NaN)));
        assertEquals((float) Math.exp(88.7f), FloatMath.exp(88.7f), Math.ulp((float) Math.exp(88.7f)) * 2);
        // subnormal results: e^-100 = 3.7e-44, a few units of the smallest float
        assertEquals((float) Math.exp(-100), FloatMath.exp(-100f), Float.MIN_VALUE);
    }

    @Test
    void tanhIsWithinTwoUlpAndOdd() {
        SplittableRandom r = new SplittableRandom(52);
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            float x = (float) (r.nextBoolean() ? r.nextDouble(-1, 1) : r.nextDouble(-12, 12));
            worst = Math.max(worst, ulps(FloatMath.tanh(x), Math.tanh(x)));
            assertEquals(-FloatMath.tanh(x), FloatMath.tanh(-x));
        }
        assertTrue(worst <= 2, "worst error " + worst + " ulp");
        assertEquals(1f, FloatMath.tanh(20f));
        assertEquals(-1f, FloatMath.tanh(Float.NEGATIVE_INFINITY));
        assertEquals(1e-20f, FloatMath.tanh(1e-20f));
        assertTrue(Float.isNaN(FloatMath.tanh(Float.NaN)));
    }
}
