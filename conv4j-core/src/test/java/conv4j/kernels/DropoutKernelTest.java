package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.tensor.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DropoutKernelTest {
    private static final int N = 100_000;

    @Test
    void theSameSeedGivesTheSameMask() {
        boolean[] first = mask(0.5f, 7);
        assertArrayEquals(first, mask(0.5f, 7));
        assertFalse(Arrays.equals(first, mask(0.5f, 8)));
    }

    @Test
    void aboutAFractionPOfTheEntriesIsDropped() {
        for (float p : new float[] {0.1f, 0.5f, 0.8f}) {
            boolean[] keep = mask(p, 42);
            int dropped = 0;
            for (boolean k : keep) {
                dropped += k ? 0 : 1;
            }
            // The standard deviation of the count is at most sqrt(N / 4) = 158; allow 1% of N, over 6 of them.
            assertEquals(p * N, dropped, 0.01 * N, "dropped at p = " + p);
        }
    }

    @Test
    void keptEntriesAreScaledSoTheExpectationIsPreserved() {
        float p = 0.3f;
        float[] x = new float[N];
        Arrays.fill(x, 2f);
        float[] y = new float[N];
        boolean[] keep = new boolean[N];
        DropoutKernel.forward(p, new Rng(3), x, y, keep);
        double sum = 0;
        for (int i = 0; i < N; i++) {
            assertEquals(keep[i] ? 2.0 / (1.0 - p) : 0.0, y[i], 1e-6, "entry " + i);
            sum += y[i];
        }
        // The mean's standard deviation is 2 * sqrt(p / (1 - p) / N) = 0.004.
        assertEquals(2.0, sum / N, 0.04);
    }

    @Test
    void backwardPassesGradientOnlyThroughKeptEntriesWithTheSameScale() {
        float p = 0.25f;
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8};
        float[] y = new float[8];
        boolean[] keep = new boolean[8];
        DropoutKernel.forward(p, new Rng(9), x, y, keep);
        float[] dy = {8, 7, 6, 5, 4, 3, 2, 1};
        float[] dx = new float[8];
        DropoutKernel.backward(p, keep, dy, dx);
        for (int i = 0; i < 8; i++) {
            // y is linear in x for a fixed mask: dx_i = dy_i * dy_i/dx_i = dy_i * y_i / x_i.
            assertEquals(dy[i] * y[i] / x[i], dx[i], 1e-6f);
        }
    }

    @Test
    void aNaNStaysNaNWhetherKeptOrDropped() {
        float[] x = new float[64];
        java.util.Arrays.fill(x, Float.NaN);
        float[] y = new float[64];
        boolean[] keep = new boolean[64];
        DropoutKernel.forward(0.5f, new Rng(4), x, y, keep);
        for (float v : y) {
            assertTrue(Float.isNaN(v));
        }
    }

    @Test
    void zeroProbabilityIsTheIdentityAndDrawsNothing() {
        float[] x = {1, -2, 3};
        float[] y = new float[3];
        boolean[] keep = new boolean[3];
        Rng rng = new Rng(5);
        long before = rng.state();
        DropoutKernel.forward(0f, rng, x, y, keep);
        assertArrayEquals(x, y);
        assertArrayEquals(new boolean[] {true, true, true}, keep);
        assertEquals(before, rng.state());
    }

    @Test
    void probabilitiesOutsideZeroToOneAreRefusedNamingTheValue() {
        for (float p : new float[] {1f, -0.1f, 1.5f, Float.NaN}) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> DropoutKernel.forward(p, new Rng(1), new float[2], new float[2], new boolean[2]));
            assertTrue(e.getMessage().contains(String.valueOf(p)), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> DropoutKernel.backward(1f, new boolean[2], new float[2], new float[2]));
    }

    @Test
    void wrongLengthsAreRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> DropoutKernel.forward(0.5f, new Rng(1), new float[4], new float[4], new boolean[3]));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("4"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> DropoutKernel.forward(0.5f, null, new float[4], new float[4], new boolean[4]));
    }

    private static boolean[] mask(float p, long seed) {
        boolean[] keep = new boolean[N];
        DropoutKernel.forward(p, new Rng(seed), new float[N], new float[N], keep);
        return keep;
    }
}
