package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector max rows must give the scalar rows' exact results, argmax included: they visit window offsets in the
 * same order, so ties and NaN come out the same.
 */
class PoolRowsTest {

    @Test
    void vectorRowsGiveTheScalarRowsExactResults() {
        assumeTrue(Loops.VECTORIZED, "the vector rows need jdk.incubator.vector");
        SplittableRandom r = new SplittableRandom(101);
        for (int trial = 0; trial < 200; trial++) {
            Pool2dGeometry g = wideGeometry(r);
            float[] x = new float[g.inputSize()];
            for (int i = 0; i < x.length; i++) {
                // Small integers make ties common; a few NaN and infinities test the special cases.
                int kind = r.nextInt(100);
                x[i] = kind == 0 ? Float.NaN : kind == 1 ? Float.NEGATIVE_INFINITY : r.nextInt(-4, 5) * 0.375f;
            }
            int[] offsets = VectorPoolRows.gatherOffsets(g.strideW());
            float[] scalar = new float[g.outputSize()];
            float[] vector = new float[g.outputSize()];
            int[] scalarArgmax = new int[g.outputSize()];
            int[] vectorArgmax = new int[g.outputSize()];
            int inPlane = g.inH() * g.inW();
            for (int plane = 0; plane < g.planes(); plane++) {
                for (int oh = 0; oh < g.outH(); oh++) {
                    int o0 = (plane * g.outH() + oh) * g.outW();
                    PoolRows.maxRow(g, x, plane * inPlane, oh, scalar, scalarArgmax, o0);
                    VectorPoolRows.maxRow(g, x, plane * inPlane, oh, vector, vectorArgmax, o0, offsets);
                }
            }
            assertArrayEquals(scalar, vector, "max " + g);
            assertArrayEquals(scalarArgmax, vectorArgmax, "argmax " + g);
        }
    }

    @Test
    void rowsOfAtLeastOneVectorTakeTheVectorPathWhenTheVectorKernelsRun() {
        Pool2dGeometry wide = Pool2dGeometry.of(1, 1, 112, 112, 3, 2, 1); // 56 outputs a row: a vector at any width
        assertTrue(PoolKernel.vectorRows(wide) == Simd.vectorized());
        // one output short of a vector (a 3-wide window at stride 1 on a row of floats() + 1 inputs)
        Pool2dGeometry narrow = Pool2dGeometry.of(1, 1, 13, Math.max(2, Simd.floats()) + 1, 3, 1, 0);
        assertTrue(!PoolKernel.vectorRows(narrow), narrow + " is narrower than a vector");
    }

    /** At least a vector of outputs per row, with ragged tails, strides 1 to 3, padding and ceil mode. */
    static Pool2dGeometry wideGeometry(SplittableRandom r) {
        int kernelH = r.nextInt(1, 6);
        int kernelW = r.nextInt(1, 6);
        int strideW = r.nextInt(1, 4);
        int padH = r.nextInt(0, kernelH / 2 + 1);
        int padW = r.nextInt(0, kernelW / 2 + 1);
        int inH = Math.max(1, kernelH - 2 * padH) + r.nextInt(0, 5);
        int inW = 16 * strideW + kernelW + r.nextInt(0, 40);
        return new Pool2dGeometry(r.nextInt(1, 3), r.nextInt(1, 3), inH, inW, kernelH, kernelW,
                r.nextInt(1, 4), strideW, padH, padW, r.nextBoolean());
    }
}
