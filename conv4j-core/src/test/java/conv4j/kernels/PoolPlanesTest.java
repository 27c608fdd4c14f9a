package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import conv4j.testkit.Close;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Max pooling of planes narrower than a vector, a block of planes at a time (LeNet's S2 and S4), must give the scalar
 * rows' exact results, argmax included, and the reference's.
 */
class PoolPlanesTest {
    /** Planes narrower than a vector take the vector planes; the scalar kernels still get rows of one output. */
    private static final int NARROW = Math.max(2, Simd.floats());

    static List<Pool2dGeometry> narrowGeometries(SplittableRandom r) {
        List<Pool2dGeometry> list = new ArrayList<>();
        list.add(Pool2dGeometry.of(64, 6, 28, 28, 2, 2, 0));   // S2 at the training batch
        list.add(Pool2dGeometry.of(64, 16, 10, 10, 2, 2, 0));  // S4
        list.add(Pool2dGeometry.of(1, 6, 28, 28, 2, 2, 0));    // 6 planes: one block of 4 and 2 left over
        list.add(Pool2dGeometry.of(1, 16, 10, 10, 2, 2, 0));
        list.add(Pool2dGeometry.of(3, 5, 9, 11, 3, 2, 0));     // overlapping windows, odd sizes
        while (list.size() < 60) {
            int kernelH = r.nextInt(1, 5);
            int kernelW = r.nextInt(1, 5);
            int strideH = r.nextInt(1, 4);
            int strideW = r.nextInt(1, 4);
            int inH = kernelH + r.nextInt(0, 12);
            int inW = kernelW + r.nextInt(0, Math.max(1, NARROW * strideW));
            Pool2dGeometry g = new Pool2dGeometry(r.nextInt(1, 4), r.nextInt(1, 7), inH, inW, kernelH, kernelW,
                    strideH, strideW, 0, 0, r.nextInt(4) == 0);
            if (g.outW() < NARROW && (g.outH() - 1) * strideH + kernelH <= inH
                    && (g.outW() - 1) * strideW + kernelW <= inW) {
                list.add(g);
            }
        }
        return list;
    }

    @Test
    void narrowPlanesGiveTheScalarRowsExactResults() {
        assumeTrue(Loops.VECTORIZED, "the vector planes need the vector kernels: " + Simd.describe());
        SplittableRandom r = new SplittableRandom(303);
        int taken = 0;
        for (Pool2dGeometry g : narrowGeometries(r)) {
            taken += PoolKernel.vectorPlanes(g) ? 1 : 0;
            float[] x = new float[g.inputSize()];
            for (int i = 0; i < x.length; i++) {
                // Small integers make ties common; a few NaN and infinities test the special cases.
                int kind = r.nextInt(100);
                x[i] = kind == 0 ? Float.NaN : kind == 1 ? Float.NEGATIVE_INFINITY : r.nextInt(-4, 5) * 0.375f;
            }
            float[] scalar = new float[g.outputSize()];
            int[] scalarArgmax = new int[g.outputSize()];
            int inPlane = g.inH() * g.inW();
            for (int plane = 0; plane < g.planes(); plane++) {
                for (int oh = 0; oh < g.outH(); oh++) {
                    PoolRows.maxRow(g, x, plane * inPlane, oh, scalar, scalarArgmax, (plane * g.outH() + oh)
                            * g.outW());
                }
            }
            float[] vector = new float[g.outputSize()];
            int[] vectorArgmax = new int[g.outputSize()];
            PoolKernel.maxForward(g, x, vector, vectorArgmax);
            assertArrayEquals(scalarArgmax, vectorArgmax, "argmax " + g);
            assertArrayEquals(scalar, vector, "max " + g);
        }
        assertTrue(taken >= 50, "only " + taken + " of the narrow geometries took the vector planes at "
                + Simd.describe());
    }

    @Test
    void narrowPlanesMatchTheReference() {
        SplittableRandom r = new SplittableRandom(304);
        for (Pool2dGeometry g : narrowGeometries(r)) {
            double[] x = PoolKernelTest.distinct(r, g.inputSize());
            PoolReference.MaxResult expected = PoolReference.maxForward(g, x);
            float[] y = new float[g.outputSize()];
            int[] argmax = new int[g.outputSize()];
            PoolKernel.maxForward(g, Close.toFloat(x), y, argmax);
            assertArrayEquals(expected.argmax(), argmax, "argmax " + g);
            Close.assertClose(expected.y(), y, 1e-6, 0, "max " + g);
        }
    }

    @Test
    void aNaNWinsItsWindowAndTiesKeepTheFirst() {
        assumeTrue(Loops.VECTORIZED, "the vector planes need the vector kernels: " + Simd.describe());
        Pool2dGeometry g = Pool2dGeometry.of(1, 4, 4, 4, 2, 2, 0); // 4 planes of 2 x 2 outputs
        assertTrue(PoolKernel.vectorPlanes(g));
        float[] x = new float[g.inputSize()];
        x[5] = Float.NaN;  // plane 0, window (0, 0), bottom right
        x[16 + 2] = 7f;    // plane 1, window (0, 1): equal values, the first wins
        x[16 + 3] = 7f;
        float[] y = new float[g.outputSize()];
        int[] argmax = new int[g.outputSize()];
        PoolKernel.maxForward(g, x, y, argmax);
        assertTrue(Float.isNaN(y[0]));
        assertEquals(5, argmax[0]);
        assertEquals(7f, y[4 + 1]);
        assertEquals(16 + 2, argmax[4 + 1]);
        assertEquals(0f, y[4 + 2]);
        assertEquals(16 + 8, argmax[4 + 2], "an all-zero window takes its first element");
    }

    @Test
    void paddedOrOverhangingNarrowWindowsTakeMaskedPlanes() {
        assumeTrue(Loops.VECTORIZED, "the vector planes need the vector kernels: " + Simd.describe());
        int w = NARROW - 1; // outputs a row: narrower than a vector
        assertTrue(PoolKernel.vectorPlanes(Pool2dGeometry.of(1, 1, 10, 2 * w - 1, 3, 2, 1)), "padded");
        assertTrue(PoolKernel.vectorPlanes(new Pool2dGeometry(1, 1, 10, 2 * w, 3, 3, 2, 2, 0, 0, true)), "ceil mode");
        assertFalse(PoolKernel.vectorPlanes(Pool2dGeometry.of(1, 1, 64, 64, 2, 2, 0)), "32 wide: vector rows");
        SplittableRandom r = new SplittableRandom(305);
        List<Pool2dGeometry> list = new ArrayList<>();
        list.add(Pool2dGeometry.of(64, 64, 16, 16, 3, 2, 1));                          // ResNet's stem on CIFAR
        list.add(new Pool2dGeometry(2, 3, 13, 11, 3, 3, 2, 2, 0, 0, true));            // ceil mode overhang
        list.add(new Pool2dGeometry(1, 5, 6, 7, 3, 3, 1, 1, 1, 1, true));              // GoogLeNet's branch pooling
        while (list.size() < 60) {
            int kernelH = r.nextInt(1, 5);
            int kernelW = r.nextInt(1, 5);
            Pool2dGeometry g = new Pool2dGeometry(r.nextInt(1, 4), r.nextInt(1, 7), kernelH + r.nextInt(0, 12),
                    kernelW + r.nextInt(0, 14), kernelH, kernelW, r.nextInt(1, 4), r.nextInt(1, 4),
                    r.nextInt(0, kernelH / 2 + 1), r.nextInt(0, kernelW / 2 + 1), r.nextBoolean());
            if (g.outW() < NARROW) {
                list.add(g);
            }
        }
        for (Pool2dGeometry g : list) {
            float[] x = new float[g.inputSize()];
            for (int i = 0; i < x.length; i++) {
                int kind = r.nextInt(100);
                x[i] = kind == 0 ? Float.NaN : kind == 1 ? Float.NEGATIVE_INFINITY : r.nextInt(-4, 5) * 0.375f;
            }
            float[] scalar = new float[g.outputSize()];
            int[] scalarArgmax = new int[g.outputSize()];
            int inPlane = g.inH() * g.inW();
            for (int plane = 0; plane < g.planes(); plane++) {
                for (int oh = 0; oh < g.outH(); oh++) {
                    PoolRows.maxRow(g, x, plane * inPlane, oh, scalar, scalarArgmax, (plane * g.outH() + oh)
                            * g.outW());
                }
            }
            float[] vector = new float[g.outputSize()];
            int[] vectorArgmax = new int[g.outputSize()];
            PoolKernel.maxForward(g, x, vector, vectorArgmax);
            assertArrayEquals(scalarArgmax, vectorArgmax, "argmax " + g);
            assertArrayEquals(scalar, vector, "max " + g);
        }
    }
}
