package conv4j.kernels;

import jdk.incubator.vector.FloatVector;
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
    public void multiply(int kc, float[] ap, int apOffset, int apStride, float[] bp, int bpOffset, int bpStride,
                         float[] c, int cOffset, int ldc) {
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
            int aCol = apOffset + p * apStride;
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
        // The sums go out as they are; scaling by alpha and adding beta * C is update()'s job. Keeping that
        // arithmetic out of this method keeps it small enough for C2 to inline every store as an intrinsic: with the
        // write-back spelled out here, some stores fell back to boxed vectors, an allocation per store.
        int r = cOffset;
        c00.intoArray(c, r);
        c01.intoArray(c, r + V);
        r += ldc;
        c10.intoArray(c, r);
        c11.intoArray(c, r + V);
        r += ldc;
        c20.intoArray(c, r);
        c21.intoArray(c, r + V);
        r += ldc;
        c30.intoArray(c, r);
        c31.intoArray(c, r + V);
        r += ldc;
        c40.intoArray(c, r);
        c41.intoArray(c, r + V);
        r += ldc;
        c50.intoArray(c, r);
        c51.intoArray(c, r + V);
        r += ldc;
        c60.intoArray(c, r);
        c61.intoArray(c, r + V);
        r += ldc;
        c70.intoArray(c, r);
        c71.intoArray(c, r + V);
    }

    @Override
    public void multiplyRows(int kc, float[] a, int aOffset, int lda, float[] bp, int bpOffset, int bpStride,
                             float[] c, int cOffset, int ldc) {
        int r0 = aOffset;
        int r1 = r0 + lda;
        int r2 = r1 + lda;
        int r3 = r2 + lda;
        int r4 = r3 + lda;
        int r5 = r4 + lda;
        int r6 = r5 + lda;
        int r7 = r6 + lda;
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
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bRow);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bRow + V);
            FloatVector a0 = FloatVector.broadcast(SPECIES, a[r0 + p]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, a[r1 + p]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, a[r2 + p]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, a[r3 + p]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(SPECIES, a[r4 + p]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(SPECIES, a[r5 + p]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(SPECIES, a[r6 + p]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(SPECIES, a[r7 + p]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        int r = cOffset;
        c00.intoArray(c, r);
        c01.intoArray(c, r + V);
        r += ldc;
        c10.intoArray(c, r);
        c11.intoArray(c, r + V);
        r += ldc;
        c20.intoArray(c, r);
        c21.intoArray(c, r + V);
        r += ldc;
        c30.intoArray(c, r);
        c31.intoArray(c, r + V);
        r += ldc;
        c40.intoArray(c, r);
        c41.intoArray(c, r + V);
        r += ldc;
        c50.intoArray(c, r);
        c51.intoArray(c, r + V);
        r += ldc;
        c60.intoArray(c, r);
        c61.intoArray(c, r + V);
        r += ldc;
        c70.intoArray(c, r);
        c71.intoArray(c, r + V);
    }

    @Override
    public void update(float[] tile, int rows, int cols, float alpha, float beta, float[] c, int cOffset, int ldc) {
        if (cols != NR) {
            GemmMicroKernel.super.update(tile, rows, cols, alpha, beta, c, cOffset, ldc);
            return;
        }
        for (int i = 0; i < rows; i++) {
            int t = i * NR;
            int r = cOffset + i * ldc;
            FloatVector s0 = FloatVector.fromArray(SPECIES, tile, t).mul(alpha);
            FloatVector s1 = FloatVector.fromArray(SPECIES, tile, t + V).mul(alpha);
            if (beta == 0f) {
                // + 0, as the scalar rule adds it: alpha * sum may be -0
                s0.add(0f).intoArray(c, r);
                s1.add(0f).intoArray(c, r + V);
            } else {
                s0.add(FloatVector.fromArray(SPECIES, c, r).mul(beta)).intoArray(c, r);
                s1.add(FloatVector.fromArray(SPECIES, c, r + V).mul(beta)).intoArray(c, r + V);
            }
        }
    }
}
