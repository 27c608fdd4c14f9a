package conv4j.kernels;

import java.util.Arrays;

/**
 * Single-precision matrix multiply on row-major arrays: {@code C = alpha * op(A) * op(B) + beta * C}, where op(A) is
 * m x k and op(B) is k x n. {@code lda}, {@code ldb}, {@code ldc} are the row strides of the arrays as stored.
 * With beta 0, C is only written (NaN already in C does not survive); with alpha 0 or k 0, A and B are not read.
 *
 * <p>Large products are split across {@link Parallel}'s pool; inside a parallel region the call runs on the calling
 * thread. The result is bit-identical whatever the thread count and whichever micro-kernel runs.
 */
public final class Gemm {
    private Gemm() {
    }

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float alpha, float[] a, int aOffset, int lda,
                             float[] b, int bOffset, int ldb,
                             float beta, float[] c, int cOffset, int ldc) {
        sgemm(GemmMicroKernels.preferred(), transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb,
                beta, c, cOffset, ldc);
    }

    /** The micro-kernel in use, for logs and benchmarks: its tile and the vector unit it was chosen for. */
    public static String kernelName() {
        return GemmMicroKernels.preferred().name();
    }

    /** {@link #sgemm} with a chosen micro-kernel, so that tests can run each one. */
    static void sgemm(GemmMicroKernel kernel, boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOffset, int lda,
                      float[] b, int bOffset, int ldb,
                      float beta, float[] c, int cOffset, int ldc) {
        checkArguments(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            // As in the reference BLAS: A and B are not read, so their NaN or infinity cannot leak into C.
            scale(m, n, beta, c, cOffset, ldc);
            return;
        }
        if (m == 1 && transB) {
            // One image through a fully connected layer: packing B would cost as much as the product.
            RowTimesRows.multiply(n, k, alpha, a, aOffset, transA ? lda : 1, b, bOffset, ldb, beta, c, cOffset);
            return;
        }
        PackedGemm.multiply(kernel, transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c,
                cOffset, ldc);
    }

    private static void scale(int m, int n, float beta, float[] c, int cOffset, int ldc) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int cRow = cOffset + i * ldc;
            if (beta == 0f) {
                Arrays.fill(c, cRow, cRow + n, 0f);
            } else {
                for (int j = 0; j < n; j++) {
                    c[cRow + j] *= beta;
                }
            }
        }
    }

    static void checkArguments(boolean transA, boolean transB, int m, int n, int k,
                               float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                               float[] c, int cOffset, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sgemm sizes must be non-negative, received m=" + m + ", n=" + n
                    + ", k=" + k);
        }
        checkMatrix("A", a, aOffset, lda, transA ? k : m, transA ? m : k);
        checkMatrix("B", b, bOffset, ldb, transB ? n : k, transB ? k : n);
        checkMatrix("C", c, cOffset, ldc, m, n);
    }

    private static void checkMatrix(String name, float[] x, int offset, int ld, int rows, int cols) {
        if (rows == 0 || cols == 0) {
            return;
        }
        if (ld < cols) {
            throw new IllegalArgumentException("sgemm: leading dimension of " + name + " is " + ld
                    + ", smaller than its " + cols + " columns");
        }
        long last = offset + (long) (rows - 1) * ld + cols;
        if (offset < 0 || last > x.length) {
            throw new IllegalArgumentException("sgemm: " + name + " (" + rows + "x" + cols + ", offset " + offset
                    + ", stride " + ld + ") does not fit in an array of " + x.length);
        }
    }
}
