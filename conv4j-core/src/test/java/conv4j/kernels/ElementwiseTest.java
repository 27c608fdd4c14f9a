package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.testkit.Close;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ElementwiseTest {

    @Test
    void addSumsElementByElement() {
        float[] out = new float[3];
        Elementwise.add(new float[] {1, 2, 3}, new float[] {10, 20, 30}, out);
        assertArrayEquals(new float[] {11, 22, 33}, out);
    }

    @Test
    void accumulateAddsIntoTheFirstArray() {
        float[] gradient = {1, 2, 3};
        Elementwise.accumulate(gradient, new float[] {0.5f, -2, 4});
        assertArrayEquals(new float[] {1.5f, 0, 7}, gradient);
    }

    @Test
    void largeArraysSplitOverThePoolGiveTheSameSums() {
        SplittableRandom r = new SplittableRandom(81);
        int n = 5 * Elementwise.GRAIN + 3;
        float[] a = Close.randomFloats(r, n);
        float[] b = Close.randomFloats(r, n);
        float[] expected = new float[n];
        for (int i = 0; i < n; i++) {
            expected[i] = a[i] + b[i];
        }
        float[] out = new float[n];
        Elementwise.add(a, b, out);
        assertArrayEquals(expected, out);
        Elementwise.accumulate(a, b);
        assertArrayEquals(expected, a);
    }

    @Test
    void addWorksInPlace() {
        float[] a = {1, 2};
        Elementwise.add(a, a, a);
        assertArrayEquals(new float[] {2, 4}, a);
    }

    @Test
    void mismatchedLengthsAreRefusedNamingBothLengths() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Elementwise.add(new float[3], new float[2], new float[3]));
        assertTrue(e.getMessage().contains("2") && e.getMessage().contains("3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Elementwise.accumulate(new float[3], new float[4]));
    }
}
