package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.testkit.Close;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConcatTest {

    @Test
    void channelsOfEachSampleAreJoinedInOrder() {
        // Batch 2, spatial size 2; piece A has 1 channel, piece B has 2.
        float[] a = {1, 2, /* sample 1 */ 3, 4};
        float[] b = {10, 20, 30, 40, /* sample 1 */ 50, 60, 70, 80};
        float[] out = new float[2 * 3 * 2];
        Concat.forward(2, 2, new int[] {1, 2}, new float[][] {a, b}, out);
        assertArrayEquals(new float[] {1, 2, 10, 20, 30, 40, 3, 4, 50, 60, 70, 80}, out);
    }

    @Test
    void backwardSplitsTheGradientBackIntoThePieces() {
        float[] gradOut = {1, 2, 10, 20, 30, 40, 3, 4, 50, 60, 70, 80};
        float[] ga = new float[4];
        float[] gb = new float[8];
        Concat.backward(2, 2, new int[] {1, 2}, gradOut, new float[][] {ga, gb});
        assertArrayEquals(new float[] {1, 2, 3, 4}, ga);
        assertArrayEquals(new float[] {10, 20, 30, 40, 50, 60, 70, 80}, gb);
    }

    @Test
    void backwardIsTheAdjointOfForward() {
        SplittableRandom r = new SplittableRandom(91);
        int batch = 3;
        int spatial = 5;
        int[] channels = {2, 1, 4};
        float[][] pieces = new float[3][];
        float[][] grads = new float[3][];
        for (int i = 0; i < 3; i++) {
            pieces[i] = Close.randomFloats(r, batch * channels[i] * spatial);
            grads[i] = new float[pieces[i].length];
        }
        float[] out = new float[batch * 7 * spatial];
        Concat.forward(batch, spatial, channels, pieces, out);
        float[] g = Close.randomFloats(r, out.length);
        Concat.backward(batch, spatial, channels, g, grads);
        // <concat(x), g> = sum_i <x_i, split(g)_i>: every output element comes from exactly one input.
        double left = 0;
        for (int i = 0; i < out.length; i++) {
            left += (double) out[i] * g[i];
        }
        double right = 0;
        for (int p = 0; p < 3; p++) {
            for (int i = 0; i < pieces[p].length; i++) {
                right += (double) pieces[p][i] * grads[p][i];
            }
        }
        assertEquals(left, right, 1e-9);
    }

    @Test
    void mismatchedPiecesAreRefusedNamingTheValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> Concat.forward(2, 2, new int[] {1, 2},
                new float[][] {new float[4], new float[7]}, new float[12]));
        assertTrue(e.getMessage().contains("7") && e.getMessage().contains("8"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Concat.forward(2, 2, new int[] {1},
                new float[][] {new float[4], new float[8]}, new float[12]));
        assertTrue(e.getMessage().contains("1") && e.getMessage().contains("2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Concat.forward(2, 2, new int[] {1, 2},
                new float[][] {new float[4], new float[8]}, new float[11]));
        assertThrows(IllegalArgumentException.class, () -> Concat.backward(2, 2, new int[] {1, 0},
                new float[4], new float[][] {new float[4], new float[0]}));
    }
}
