package conv4j.kernels;

/**
 * Single-precision matrix multiply on row-major arrays: {@code C = alpha * op(A) * op(B) + beta * C}, where op(A) is
 * m x k and op(B) is k x n. {@code lda}, {@code ldb}, {@code ldc} are the row strides of the arrays as stored.
 */
public final class Gemm {
    private Gemm() {
    }

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float alpha, float[] a, int aOffset, int lda,
                             float[] b, int bOffset, int ldb,
                             float beta, float[] c, int cOffset, int ldc) {
        checkArguments(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        Parallel.forRange(m, 1, (chunk, start, end) -> {
            for (int i = start; i < end; i++) {
                int cRow = cOffset + i * ldc;
                if (beta == 0f) {
                    java.util.Arrays.fill(c, cRow, cRow + n, 0f);
                } else if (beta != 1f) {
                    for (int j = 0; j < n; j++) {
                        c[cRow + j] *= beta;
                    }
                }
                for (int p = 0; p < k; p++) {
                    float av = alpha * (transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p]);
                    if (transB) {
                        for (int j = 0; j < n; j++) {
                            c[cRow + j] += av * b[bOffset + j * ldb + p];
                        }
                    } else {
                        int bRow = bOffset + p * ldb;
                        for (int j = 0; j < n; j++) {
                            c[cRow + j] += av * b[bRow + j];
                        }
                    }
                }
            }
        });
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
