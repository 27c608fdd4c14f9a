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
                         float[] c, int cOffset, int ldc, boolean add) {
        if (add) {
            rows6Add(kc, ap, apOffset, apStride, bp, bpOffset, bpStride, c, cOffset, ldc);
        } else {
            rows6(kc, ap, apOffset, apStride, bp, bpOffset, bpStride, c, cOffset, ldc);
        }
    }

    @Override
    public void multiplyRows(int kc, float[] a, int aOffset, int lda, float[] bp, int bpOffset, int bpStride,
                             float[] c, int cOffset, int ldc, boolean add) {
        if (add) {
            rows6InPlaceAdd(kc, a, aOffset, lda, bp, bpOffset, bpStride, c, cOffset, ldc);
        } else {
            rows6InPlace(kc, a, aOffset, lda, bp, bpOffset, bpStride, c, cOffset, ldc);
        }
    }

    @Override
    public int edgeRows(int rows) {
        return rows >= 4 ? 4 : rows >= 2 ? 2 : 1;
    }

    @Override
    public void multiplyEdge(int rows, int kc, float[] ap, int apOffset, int apStride, float[] bp, int bpOffset,
                             int bpStride, float[] c, int cOffset, int ldc, boolean add) {
        switch (rows) {
            case 4 -> {
                if (add) {
                    rows4Add(kc, ap, apOffset, apStride, bp, bpOffset, bpStride, c, cOffset, ldc);
                } else {
                    rows4(kc, ap, apOffset, apStride, bp, bpOffset, bpStride, c, cOffset, ldc);
                }
            }
            case 2 -> {
                if (add) {
                    rows2Add(kc, ap, apOffset, apStride, bp, bpOffset, bpStride, c, cOffset, ldc);
                } else {
                    rows2(kc, ap, apOffset, apStride, bp, bpOffset, bpStride, c, cOffset, ldc);
                }
            }
            case 1 -> {
                if (add) {
                    rows1Add(kc, ap, apOffset, apStride, bp, bpOffset, bpStride, c, cOffset, ldc);
                } else {
                    rows1(kc, ap, apOffset, apStride, bp, bpOffset, bpStride, c, cOffset, ldc);
                }
            }
            default -> throw new IllegalArgumentException("no edge tile of " + rows + " rows");
        }
    }

    private void rows6(int kc, float[] ap, int apOffset, int apStride, float[] bp, int bpOffset, int bpStride,
                       float[] c, int cOffset, int ldc) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero; FloatVector c01 = zero;
        FloatVector c10 = zero; FloatVector c11 = zero;
        FloatVector c20 = zero; FloatVector c21 = zero;
        FloatVector c30 = zero; FloatVector c31 = zero;
        FloatVector c40 = zero; FloatVector c41 = zero;
        FloatVector c50 = zero; FloatVector c51 = zero;
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

    private void rows6Add(int kc, float[] ap, int apOffset, int apStride, float[] bp, int bpOffset, int bpStride,
                          float[] c, int cOffset, int ldc) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero; FloatVector c01 = zero;
        FloatVector c10 = zero; FloatVector c11 = zero;
        FloatVector c20 = zero; FloatVector c21 = zero;
        FloatVector c30 = zero; FloatVector c31 = zero;
        FloatVector c40 = zero; FloatVector c41 = zero;
        FloatVector c50 = zero; FloatVector c51 = zero;
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
        int r = cOffset;
        c00.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c01.add(FloatVector.fromArray(SPECIES, c, r + V)).intoArray(c, r + V);
        r += ldc;
        c10.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c11.add(FloatVector.fromArray(SPECIES, c, r + V)).intoArray(c, r + V);
        r += ldc;
        c20.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c21.add(FloatVector.fromArray(SPECIES, c, r + V)).intoArray(c, r + V);
        r += ldc;
        c30.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c31.add(FloatVector.fromArray(SPECIES, c, r + V)).intoArray(c, r + V);
        r += ldc;
        c40.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c41.add(FloatVector.fromArray(SPECIES, c, r + V)).intoArray(c, r + V);
        r += ldc;
        c50.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c51.add(FloatVector.fromArray(SPECIES, c, r + V)).intoArray(c, r + V);
    }

    private void rows6InPlace(int kc, float[] a, int aOffset, int lda, float[] bp, int bpOffset, int bpStride,
                              float[] c, int cOffset, int ldc) {
        int r0 = aOffset;
        int r1 = r0 + lda;
        int r2 = r1 + lda;
        int r3 = r2 + lda;
        int r4 = r3 + lda;
        int r5 = r4 + lda;
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero; FloatVector c01 = zero;
        FloatVector c10 = zero; FloatVector c11 = zero;
        FloatVector c20 = zero; FloatVector c21 = zero;
        FloatVector c30 = zero; FloatVector c31 = zero;
        FloatVector c40 = zero; FloatVector c41 = zero;
        FloatVector c50 = zero; FloatVector c51 = zero;
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

    private void rows6InPlaceAdd(int kc, float[] a, int aOffset, int lda, float[] bp, int bpOffset, int bpStride,
                                 float[] c, int cOffset, int ldc) {
        int r0 = aOffset;
        int r1 = r0 + lda;
        int r2 = r1 + lda;
        int r3 = r2 + lda;
        int r4 = r3 + lda;
        int r5 = r4 + lda;
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero; FloatVector c01 = zero;
        FloatVector c10 = zero; FloatVector c11 = zero;
        FloatVector c20 = zero; FloatVector c21 = zero;
        FloatVector c30 = zero; FloatVector c31 = zero;
        FloatVector c40 = zero; FloatVector c41 = zero;
        FloatVector c50 = zero; FloatVector c51 = zero;
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
        c00.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c01.add(FloatVector.fromArray(SPECIES, c, r + V)).intoArray(c, r + V);
        r += ldc;
        c10.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c11.add(FloatVector.fromArray(SPECIES, c, r + V)).intoArray(c, r + V);
        r += ldc;
        c20.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c21.add(FloatVector.fromArray(SPECIES, c, r + V)).intoArray(c, r + V);
        r += ldc;
        c30.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c31.add(FloatVector.fromArray(SPECIES, c, r + V)).intoArray(c, r + V);
        r += ldc;
        c40.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c41.add(FloatVector.fromArray(SPECIES, c, r + V)).intoArray(c, r + V);
        r += ldc;
        c50.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c51.add(FloatVector.fromArray(SPECIES, c, r + V)).intoArray(c, r + V);
    }

    private void rows4(int kc, float[] ap, int apOffset, int apStride, float[] bp, int bpOffset, int bpStride,
                       float[] c, int cOffset, int ldc) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero; FloatVector c01 = zero;
        FloatVector c10 = zero; FloatVector c11 = zero;
        FloatVector c20 = zero; FloatVector c21 = zero;
        FloatVector c30 = zero; FloatVector c31 = zero;
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
    }

    private void rows4Add(int kc, float[] ap, int apOffset, int apStride, float[] bp, int bpOffset, int bpStride,
                          float[] c, int cOffset, int ldc) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero; FloatVector c01 = zero;
        FloatVector c10 = zero; FloatVector c11 = zero;
        FloatVector c20 = zero; FloatVector c21 = zero;
        FloatVector c30 = zero; FloatVector c31 = zero;
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
        }
        int r = cOffset;
        c00.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c01.add(FloatVector.fromArray(SPECIES, c, r + V)).intoArray(c, r + V);
        r += ldc;
        c10.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c11.add(FloatVector.fromArray(SPECIES, c, r + V)).intoArray(c, r + V);
        r += ldc;
        c20.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c21.add(FloatVector.fromArray(SPECIES, c, r + V)).intoArray(c, r + V);
        r += ldc;
        c30.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c31.add(FloatVector.fromArray(SPECIES, c, r + V)).intoArray(c, r + V);
    }

    private void rows2(int kc, float[] ap, int apOffset, int apStride, float[] bp, int bpOffset, int bpStride,
                       float[] c, int cOffset, int ldc) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero; FloatVector c01 = zero;
        FloatVector c10 = zero; FloatVector c11 = zero;
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
        }
        int r = cOffset;
        c00.intoArray(c, r);
        c01.intoArray(c, r + V);
        r += ldc;
        c10.intoArray(c, r);
        c11.intoArray(c, r + V);
    }

    private void rows2Add(int kc, float[] ap, int apOffset, int apStride, float[] bp, int bpOffset, int bpStride,
                          float[] c, int cOffset, int ldc) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero; FloatVector c01 = zero;
        FloatVector c10 = zero; FloatVector c11 = zero;
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
        }
        int r = cOffset;
        c00.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c01.add(FloatVector.fromArray(SPECIES, c, r + V)).intoArray(c, r + V);
        r += ldc;
        c10.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c11.add(FloatVector.fromArray(SPECIES, c, r + V)).intoArray(c, r + V);
    }

    private void rows1(int kc, float[] ap, int apOffset, int apStride, float[] bp, int bpOffset, int bpStride,
                       float[] c, int cOffset, int ldc) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero; FloatVector c01 = zero;
        for (int p = 0; p < kc; p++) {
            int bRow = bpOffset + p * bpStride;
            int aCol = apOffset + p * apStride;
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bRow);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bRow + V);
            FloatVector a0 = FloatVector.broadcast(SPECIES, ap[aCol]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
        }
        int r = cOffset;
        c00.intoArray(c, r);
        c01.intoArray(c, r + V);
    }

    private void rows1Add(int kc, float[] ap, int apOffset, int apStride, float[] bp, int bpOffset, int bpStride,
                          float[] c, int cOffset, int ldc) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero; FloatVector c01 = zero;
        for (int p = 0; p < kc; p++) {
            int bRow = bpOffset + p * bpStride;
            int aCol = apOffset + p * apStride;
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bRow);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bRow + V);
            FloatVector a0 = FloatVector.broadcast(SPECIES, ap[aCol]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
        }
        int r = cOffset;
        c00.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c01.add(FloatVector.fromArray(SPECIES, c, r + V)).intoArray(c, r + V);
    }
}
