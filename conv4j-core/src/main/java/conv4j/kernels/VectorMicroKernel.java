package conv4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API micro-kernel: an 8 x (2 vectors) tile of C held in sixteen vector registers while the depth loop
 * runs, one broadcast of A and two loads of B feeding sixteen fused multiply-adds per step. With AVX-512 a tile is
 * 8 x 32. The accumulators are locals so that C2 keeps them in registers; nothing vector-typed escapes. Eight rows
 * ran as fast as six to fourteen rows or three vectors wide, and divide the usual channel counts (64, 128, ...).
 *
 * <p>Loaded only by name, after checking that the incubator module is present (see {@link GemmMicroKernels}).
 */
final class VectorMicroKernel implements GemmMicroKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int V = SPECIES.length();
    static final int MR = 8;
    static final int NR = 2 * V;

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public String name() {
        return "vector " + MR + "x" + NR + " (" + SPECIES.vectorBitSize() + "-bit)";
    }

    @Override
    public void multiply(int kc, float[] ap, int apOffset, float[] bp, int bpOffset, int bpStride,
                         float alpha, float beta, float[] c, int cOffset, int ldc) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c51 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES);
        FloatVector c61 = FloatVector.zero(SPECIES);
        FloatVector c70 = FloatVector.zero(SPECIES);
        FloatVector c71 = FloatVector.zero(SPECIES);
        for (int p = 0; p < kc; p++) {
            int bRow = bpOffset + p * bpStride;
            int aCol = apOffset + p * MR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bRow);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bRow + V);
            FloatVector a0 = FloatVector.broadcast(SPECIES, ap[aCol]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, ap[aCol + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, ap[aCol + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, ap[aCol + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(SPECIES, ap[aCol + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(SPECIES, ap[aCol + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(SPECIES, ap[aCol + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(SPECIES, ap[aCol + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        int r0 = cOffset;
        int r1 = cOffset + ldc;
        int r2 = cOffset + 2 * ldc;
        int r3 = cOffset + 3 * ldc;
        int r4 = cOffset + 4 * ldc;
        int r5 = cOffset + 5 * ldc;
        int r6 = cOffset + 6 * ldc;
        int r7 = cOffset + 7 * ldc;
        // beta == 0 as a uniform lane mask rather than a branch: a branch that C2 has only seen one way becomes a trap,
        // and the deoptimised kernel would crawl through C1 for seconds the first time the other way is needed. The
        // write-back is spelled out: a helper taking vectors would not be inlined, and its vectors would be boxed.
        FloatVector zero = FloatVector.zero(SPECIES);
        VectorMask<Float> overwrite = FloatVector.broadcast(SPECIES, beta).eq(zero);
        c00.mul(alpha).add(FloatVector.fromArray(SPECIES, c, r0).mul(beta).blend(zero, overwrite))
                .intoArray(c, r0);
        c01.mul(alpha).add(FloatVector.fromArray(SPECIES, c, r0 + V).mul(beta).blend(zero, overwrite))
                .intoArray(c, r0 + V);
        c10.mul(alpha).add(FloatVector.fromArray(SPECIES, c, r1).mul(beta).blend(zero, overwrite))
                .intoArray(c, r1);
        c11.mul(alpha).add(FloatVector.fromArray(SPECIES, c, r1 + V).mul(beta).blend(zero, overwrite))
                .intoArray(c, r1 + V);
        c20.mul(alpha).add(FloatVector.fromArray(SPECIES, c, r2).mul(beta).blend(zero, overwrite))
                .intoArray(c, r2);
        c21.mul(alpha).add(FloatVector.fromArray(SPECIES, c, r2 + V).mul(beta).blend(zero, overwrite))
                .intoArray(c, r2 + V);
        c30.mul(alpha).add(FloatVector.fromArray(SPECIES, c, r3).mul(beta).blend(zero, overwrite))
                .intoArray(c, r3);
        c31.mul(alpha).add(FloatVector.fromArray(SPECIES, c, r3 + V).mul(beta).blend(zero, overwrite))
                .intoArray(c, r3 + V);
        c40.mul(alpha).add(FloatVector.fromArray(SPECIES, c, r4).mul(beta).blend(zero, overwrite))
                .intoArray(c, r4);
        c41.mul(alpha).add(FloatVector.fromArray(SPECIES, c, r4 + V).mul(beta).blend(zero, overwrite))
                .intoArray(c, r4 + V);
        c50.mul(alpha).add(FloatVector.fromArray(SPECIES, c, r5).mul(beta).blend(zero, overwrite))
                .intoArray(c, r5);
        c51.mul(alpha).add(FloatVector.fromArray(SPECIES, c, r5 + V).mul(beta).blend(zero, overwrite))
                .intoArray(c, r5 + V);
        c60.mul(alpha).add(FloatVector.fromArray(SPECIES, c, r6).mul(beta).blend(zero, overwrite))
                .intoArray(c, r6);
        c61.mul(alpha).add(FloatVector.fromArray(SPECIES, c, r6 + V).mul(beta).blend(zero, overwrite))
                .intoArray(c, r6 + V);
        c70.mul(alpha).add(FloatVector.fromArray(SPECIES, c, r7).mul(beta).blend(zero, overwrite))
                .intoArray(c, r7);
        c71.mul(alpha).add(FloatVector.fromArray(SPECIES, c, r7 + V).mul(beta).blend(zero, overwrite))
                .intoArray(c, r7 + V);
    }
}
