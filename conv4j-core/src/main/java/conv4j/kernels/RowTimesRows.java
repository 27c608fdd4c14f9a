package conv4j.kernels;

/**
 * One row times a matrix stored by rows of B^T (op(B) = B^T, B n x k): a fully connected layer or a full-window
 * convolution on one image. The packed GEMM would copy all of B into panels to use each value once; here eight
 * columns of C run as eight independent chains of fused multiply-adds straight along rows of B. The depth is cut into
 * the packed GEMM's blocks, and each block's sum, over p in order from zero, is written as alpha * sum +
 * (beta == 0 ? +0 : beta * c) with beta 1 after the first block: the bits the packed GEMM gives.
 */
final class RowTimesRows {
    private RowTimesRows() {
    }

    /** C (1 x n) = alpha * op(A) * B^T + beta * C, with op(A) 1 x k read at stride {@code aStride}. */
    static void multiply(int n, int k, float alpha, float[] a, int aOffset, int aStride, float[] b, int bOffset,
                         int ldb, float beta, float[] c, int cOffset) {
        int blocks = PackedGemm.depthBlocks(k);
        for (int block = 0; block < blocks; block++) {
            int p0 = (int) ((long) k * block / blocks);
            int p1 = (int) ((long) k * (block + 1) / blocks);
            multiplyBlock(n, p0, p1, alpha, a, aOffset + p0 * aStride, aStride, b, bOffset + p0, ldb,
                    block == 0 ? beta : 1f, c, cOffset);
        }
    }

    private static void multiplyBlock(int n, int p0, int p1, float alpha, float[] a, int aOffset, int aStride,
                                      float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset) {
        int k = p1 - p0;
        int j = 0;
        for (; j + 8 <= n; j += 8) {
            int r0 = bOffset + j * ldb;
            int r1 = r0 + ldb;
            int r2 = r1 + ldb;
            int r3 = r2 + ldb;
            int r4 = r3 + ldb;
            int r5 = r4 + ldb;
            int r6 = r5 + ldb;
            int r7 = r6 + ldb;
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            float s3 = 0f;
            float s4 = 0f;
            float s5 = 0f;
            float s6 = 0f;
            float s7 = 0f;
            for (int p = 0, ai = aOffset; p < k; p++, ai += aStride) {
                float x = a[ai];
                s0 = Math.fma(x, b[r0 + p], s0);
                s1 = Math.fma(x, b[r1 + p], s1);
                s2 = Math.fma(x, b[r2 + p], s2);
                s3 = Math.fma(x, b[r3 + p], s3);
                s4 = Math.fma(x, b[r4 + p], s4);
                s5 = Math.fma(x, b[r5 + p], s5);
                s6 = Math.fma(x, b[r6 + p], s6);
                s7 = Math.fma(x, b[r7 + p], s7);
            }
            int at = cOffset + j;
            c[at] = alpha * s0 + GemmMicroKernel.scaledC(c, at, beta);
            c[at + 1] = alpha * s1 + GemmMicroKernel.scaledC(c, at + 1, beta);
            c[at + 2] = alpha * s2 + GemmMicroKernel.scaledC(c, at + 2, beta);
            c[at + 3] = alpha * s3 + GemmMicroKernel.scaledC(c, at + 3, beta);
            c[at + 4] = alpha * s4 + GemmMicroKernel.scaledC(c, at + 4, beta);
            c[at + 5] = alpha * s5 + GemmMicroKernel.scaledC(c, at + 5, beta);
            c[at + 6] = alpha * s6 + GemmMicroKernel.scaledC(c, at + 6, beta);
            c[at + 7] = alpha * s7 + GemmMicroKernel.scaledC(c, at + 7, beta);
        }
        for (; j < n; j++) {
            int row = bOffset + j * ldb;
            float s = 0f;
            for (int p = 0, ai = aOffset; p < k; p++, ai += aStride) {
                s = Math.fma(a[ai], b[row + p], s);
            }
            c[cOffset + j] = alpha * s + GemmMicroKernel.scaledC(c, cOffset + j, beta);
        }
    }
}
