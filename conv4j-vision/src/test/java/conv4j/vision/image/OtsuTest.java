package conv4j.vision.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OtsuTest {

    @Test
    void twoPureLevelsSplitHalfwayBetweenThem() {
        float[] values = new float[300];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 3 == 0 ? 200 : 50) / 255f;
        }
        // Every k from 50 to 199 separates the two levels equally well; the middle one is (50 + 199) / 2.
        assertEquals(124, Otsu.threshold(Otsu.histogram(values)));
    }

    @Test
    void oneLevelHasNoThreshold() {
        assertEquals(-1, Otsu.threshold(Otsu.histogram(new float[] {0.3f, 0.3f, 0.3f})));
    }

    @Test
    void maximisesTheBetweenClassVarianceOfTheValuesThemselves() {
        Random random = new Random(1);
        for (int trial = 0; trial < 20; trial++) {
            float[] values = new float[500];
            float paper = 0.2f + 0.3f * random.nextFloat();
            float ink = 0.6f + 0.3f * random.nextFloat();
            for (int i = 0; i < values.length; i++) {
                float level = random.nextInt(5) == 0 ? ink : paper;
                values[i] = Math.max(0f, Math.min(1f, level + 0.05f * (float) random.nextGaussian()));
            }
            int k = Otsu.threshold(Otsu.histogram(values));
            double best = 0;
            for (int j = 0; j < 255; j++) {
                best = Math.max(best, betweenClassVariance(values, j));
            }
            assertEquals(best, betweenClassVariance(values, k), best * 1e-9, "trial " + trial);
            assertTrue(k > paper * 255 && k < ink * 255, "trial " + trial + ": " + k);
        }
    }

    /** n_low n_high (mean_low - mean_high)^2 over the 8-bit levels, computed straight from the values. */
    private static double betweenClassVariance(float[] values, int k) {
        double nLow = 0;
        double sumLow = 0;
        double nHigh = 0;
        double sumHigh = 0;
        for (float v : values) {
            int level = Math.round(v * 255);
            if (level <= k) {
                nLow++;
                sumLow += level;
            } else {
                nHigh++;
                sumHigh += level;
            }
        }
        if (nLow == 0 || nHigh == 0) {
            return 0;
        }
        double d = sumLow / nLow - sumHigh / nHigh;
        return nLow * nHigh * d * d;
    }
}
