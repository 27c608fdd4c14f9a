package conv4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RngTest {

    @Test
    void sameSeedSameStream() {
        Rng a = new Rng(42);
        Rng b = new Rng(42);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
        assertNotEquals(new Rng(1).nextLong(), new Rng(2).nextLong());
    }

    @Test
    void stateRestoresTheStream() {
        Rng a = new Rng(5);
        a.nextLong();
        long saved = a.state();
        long next = a.nextLong();
        Rng b = new Rng(0);
        b.setState(saved);
        assertEquals(next, b.nextLong());
    }

    @Test
    void permutationIsAPermutation() {
        int[] p = new Rng(3).permutation(1000);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
        assertArrayEquals(p, new Rng(3).permutation(1000));
    }

    @Test
    void gaussianHasUnitVariance() {
        Rng r = new Rng(9);
        double sum = 0;
        double sq = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double g = r.nextGaussian();
            sum += g;
            sq += g * g;
        }
        double mean = sum / n;
        double var = sq / n - mean * mean;
        // Standard errors are about 0.002 (mean) and 0.003 (variance); these bounds are many of them wide.
        assertTrue(Math.abs(mean) < 0.02, "mean " + mean);
        assertTrue(Math.abs(var - 1) < 0.03, "variance " + var);
    }

    @Test
    void nextIntStaysInRange() {
        Rng r = new Rng(1);
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) {
            counts[r.nextInt(7)]++;
        }
        for (int c : counts) {
            assertTrue(c > 9_000 && c < 11_000, Arrays.toString(counts));
        }
    }
}
