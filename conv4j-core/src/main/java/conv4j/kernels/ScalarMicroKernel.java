package conv4j.kernels;

/**
 * The plain-Java twin of {@link VectorMicroKernel}, used when the Vector API module is not loaded: a 4 x 4 tile held in
 * sixteen local accumulators. Math.fma gives it the same bits as the vector kernel (C2 does not vectorise it, so this
 * runs at the scalar FMA rate, a tenth of the vector kernel's).
 */
final class ScalarMicroKernel implements GemmMicroKernel {
    static final int MR = 4;
    static final int NR = 4;

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
        return "scalar " + MR + "x" + NR;
    }

    @Override
    public void multiply(int kc, float[] ap, int apOffset, int apStride, float[] bp, int bpOffset, int bpStride,
                         float[] c, int cOffset, int ldc, boolean add) {
        float c00 = 0f; float c01 = 0f; float c02 = 0f; float c03 = 0f;
        float c10 = 0f; float c11 = 0f; float c12 = 0f; float c13 = 0f;
        float c20 = 0f; float c21 = 0f; float c22 = 0f; float c23 = 0f;
        float c30 = 0f; float c31 = 0f; float c32 = 0f; float c33 = 0f;
        for (int p = 0; p < kc; p++) {
            int bRow = bpOffset + p * bpStride;
            int aCol = apOffset + p * apStride;
            float b0 = bp[bRow]; float b1 = bp[bRow + 1]; float b2 = bp[bRow + 2]; float b3 = bp[bRow + 3];
            float a0 = ap[aCol];
            c00 = Math.fma(a0, b0, c00); c01 = Math.fma(a0, b1, c01);
            c02 = Math.fma(a0, b2, c02); c03 = Math.fma(a0, b3, c03);
            float a1 = ap[aCol + 1];
            c10 = Math.fma(a1, b0, c10); c11 = Math.fma(a1, b1, c11);
            c12 = Math.fma(a1, b2, c12); c13 = Math.fma(a1, b3, c13);
            float a2 = ap[aCol + 2];
            c20 = Math.fma(a2, b0, c20); c21 = Math.fma(a2, b1, c21);
            c22 = Math.fma(a2, b2, c22); c23 = Math.fma(a2, b3, c23);
            float a3 = ap[aCol + 3];
            c30 = Math.fma(a3, b0, c30); c31 = Math.fma(a3, b1, c31);
            c32 = Math.fma(a3, b2, c32); c33 = Math.fma(a3, b3, c33);
        }
        writeRow(c, cOffset, c00, c01, c02, c03, add);
        writeRow(c, cOffset + ldc, c10, c11, c12, c13, add);
        writeRow(c, cOffset + 2 * ldc, c20, c21, c22, c23, add);
        writeRow(c, cOffset + 3 * ldc, c30, c31, c32, c33, add);
    }

    @Override
    public void multiplyRows(int kc, float[] a, int aOffset, int lda, float[] bp, int bpOffset, int bpStride,
                             float[] c, int cOffset, int ldc, boolean add) {
        int r0 = aOffset;
        int r1 = r0 + lda;
        int r2 = r1 + lda;
        int r3 = r2 + lda;
        float c00 = 0f; float c01 = 0f; float c02 = 0f; float c03 = 0f;
        float c10 = 0f; float c11 = 0f; float c12 = 0f; float c13 = 0f;
        float c20 = 0f; float c21 = 0f; float c22 = 0f; float c23 = 0f;
        float c30 = 0f; float c31 = 0f; float c32 = 0f; float c33 = 0f;
        for (int p = 0; p < kc; p++) {
            int bRow = bpOffset + p * bpStride;
            float b0 = bp[bRow]; float b1 = bp[bRow + 1]; float b2 = bp[bRow + 2]; float b3 = bp[bRow + 3];
            float a0 = a[r0 + p];
            c00 = Math.fma(a0, b0, c00); c01 = Math.fma(a0, b1, c01);
            c02 = Math.fma(a0, b2, c02); c03 = Math.fma(a0, b3, c03);
            float a1 = a[r1 + p];
            c10 = Math.fma(a1, b0, c10); c11 = Math.fma(a1, b1, c11);
            c12 = Math.fma(a1, b2, c12); c13 = Math.fma(a1, b3, c13);
            float a2 = a[r2 + p];
            c20 = Math.fma(a2, b0, c20); c21 = Math.fma(a2, b1, c21);
            c22 = Math.fma(a2, b2, c22); c23 = Math.fma(a2, b3, c23);
            float a3 = a[r3 + p];
            c30 = Math.fma(a3, b0, c30); c31 = Math.fma(a3, b1, c31);
            c32 = Math.fma(a3, b2, c32); c33 = Math.fma(a3, b3, c33);
        }
        writeRow(c, cOffset, c00, c01, c02, c03, add);
        writeRow(c, cOffset + ldc, c10, c11, c12, c13, add);
        writeRow(c, cOffset + 2 * ldc, c20, c21, c22, c23, add);
        writeRow(c, cOffset + 3 * ldc, c30, c31, c32, c33, add);
    }

    /** Four sums into a row of C, or added to it: {@code sum + c}, the bits of {@code 1 * sum + 1 * c}. */
    private static void writeRow(float[] c, int at, float s0, float s1, float s2, float s3, boolean add) {
        if (add) {
            c[at] += s0;
            c[at + 1] += s1;
            c[at + 2] += s2;
            c[at + 3] += s3;
        } else {
            c[at] = s0;
            c[at + 1] = s1;
            c[at + 2] = s2;
            c[at + 3] = s3;
        }
    }
}
