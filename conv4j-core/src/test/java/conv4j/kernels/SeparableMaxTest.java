package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.testkit.Close;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Max pooling without the argmax (inference) against the reference and against the pooling that keeps it. */
class SeparableMaxTest {

    static List<Pool2dGeometry> geometries() {
        SplittableRandom r = new SplittableRandom(505);
        List<Pool2dGeometry> list = new ArrayList<>();
        list.add(new Pool2dGeometry(1, 192, 28, 28, 3, 3, 1, 1, 1, 1, true));   // GoogLeNet's branch pooling
        list.add(new Pool2dGeometry(1, 64, 112, 112, 3, 3, 2, 2, 0, 0, true));  // its stem, ceil mode
        list.add(new Pool2dGeometry(2, 64, 112, 112, 3, 3, 2, 2, 1, 1, false)); // ResNet's stem
        list.add(Pool2dGeometry.of(3, 6, 28, 28, 2, 2, 0));                    // LeNet's S2
        while (list.size() < 80) {
            int kernelH = r.nextInt(1, 5);
            int kernelW = r.nextInt(1, 5);
            list.add(new Pool2dGeometry(r.nextInt(1, 4), r.nextInt(1, 6), kernelH + r.nextInt(0, 12),
                    kernelW + r.nextInt(0, 20), kernelH, kernelW, r.nextInt(1, 4), r.nextInt(1, 4),
                    r.nextInt(0, kernelH / 2 + 1), r.nextInt(0, kernelW / 2 + 1), r.nextBoolean()));
        }
        return list;
    }

    @Test
    void matchesTheReference() {
        SplittableRandom r = new SplittableRandom(506);
        for (Pool2dGeometry g : geometries()) {
            double[] x = PoolKernelTest.distinct(r, g.inputSize());
            float[] y = new float[g.outputSize()];
            PoolKernel.maxForward(g, Close.toFloat(x), y);
            Close.assertClose(PoolReference.maxForward(g, x).y(), y, 1e-6, 0, g.toString());
        }
    }

    @Test
    void givesTheValuesOfThePoolingThatKeepsTheArgmax() {
        SplittableRandom r = new SplittableRandom(507);
        for (Pool2dGeometry g : geometries()) {
            float[] x = new float[g.inputSize()];
            for (int i = 0; i < x.length; i++) {
                // Ties, infinities and NaN; no negative zeros, whose tie with +0 may resolve either way.
                int kind = r.nextInt(100);
                x[i] = kind == 0 ? Float.NaN : kind == 1 ? Float.NEGATIVE_INFINITY : r.nextInt(0, 5) * 0.375f;
            }
            float[] withArgmax = new float[g.outputSize()];
            PoolKernel.maxForward(g, x, withArgmax, new int[g.outputSize()]);
            float[] without = new float[g.outputSize()];
            PoolKernel.maxForward(g, x, without);
            assertArrayEquals(withArgmax, without, g.toString());
        }
    }

    @Test
    void aNaNWinsItsWindow() {
        Pool2dGeometry g = new Pool2dGeometry(1, 1, 3, 3, 3, 3, 1, 1, 1, 1, false);
        float[] x = {1, 2, 3, 4, Float.NaN, 6, 7, 8, 9};
        float[] y = new float[9];
        PoolKernel.maxForward(g, x, y);
        for (float v : y) {
            assertTrue(Float.isNaN(v), "every 3x3 window padded by 1 holds the centre");
        }
        x[4] = 5;
        PoolKernel.maxForward(g, x, y);
        assertArrayEquals(new float[] {5, 6, 6, 8, 9, 9, 8, 9, 9}, y);
        assertEquals(9, y[8]);
    }
}
