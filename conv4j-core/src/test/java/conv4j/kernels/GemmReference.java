package conv4j.kernels;

/** The definition of GEMM as plain loops in double precision: the oracle for {@link Gemm}. */
final class GemmReference {
    private GemmReference() {
    }

    /**
     * Returns a copy of {@code c} with its m x n window replaced by {@code alpha * op(A) op(B) + beta * C}; with beta 0
     * the old C is ignored.
     */
    static double[] sgemm(boolean transA, boolean transB, int m, int n, int k,
                          double alpha, float[] a, int aOffset, int lda,
                          float[] b, int bOffset, int ldb,
                          double beta, float[] c, int cOffset, int ldc) {
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            out[i] = c[i];
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    double aip = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                    double bpj = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
                    sum += aip * bpj;
                }
                int at = cOffset + i * ldc + j;
                out[at] = alpha * sum + (beta == 0 ? 0 : beta * c[at]);
            }
        }
        return out;
    }
}
