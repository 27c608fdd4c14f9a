package conv4j.kernels;

import jdk.incubator.vector.FloatVector;

/**
 * Six rows by two vectors, for 16 vector registers (AVX2): twelve accumulators, two vectors of B and the broadcast
 * of A make fifteen, the classic Haswell 6 x 16 tile. Eight rows (sixteen accumulators) spill with 16 registers:
 * with {@code -XX:UseAVX=2} on Zen 5, 1024^3 ran at 100 GFLOP/s with 8 x 16 against 162 with this tile, and the
 * kernel alone 58 against 101 GFLOP/s on one core; 5 x 16 and 4 x 16 ran 1 to 8% slower, 4 x 24 and 5 x 24 spill.
 */
final class VectorMicroKernel6x2 extends VectorMicroKernel {
    VectorMicroKernel6x2() {
        super(6, 2);
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
        }
        // The sums go out as they are: alpha and beta are update()'s job (see VectorMicroKernel).
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
    }
}
