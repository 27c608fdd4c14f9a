package conv4j.kernels;

/**
 * Copies blocks of op(A) and op(B) into the panel order the micro-kernel reads: contiguous, unit stride, with the
 * transposes undone here so the kernel never sees them. Panel rows or columns past the edge of the matrix are zeros.
 */
final class GemmPacking {
    private GemmPacking() {
    }

    /**
     * Packs rows {@code [i0, i0 + rows)} and depth {@code [p0, p0 + kc)} of op(A) into {@code dst}: panel q (rows
     * {@code i0 + q*mr ..}) starts at {@code q * mr * kc} and holds, for each p, its mr values.
     */
    static void packA(boolean transA, float[] a, int aOffset, int lda, int i0, int rows, int p0, int kc, int mr,
                      float[] dst) {
        int panels = (rows + mr - 1) / mr;
        for (int q = 0; q < panels; q++) {
            int base = q * mr * kc;
            int first = i0 + q * mr;
            int valid = Math.min(mr, rows - q * mr);
            if (transA) {
                // A is stored k x m: the mr values for one p are adjacent.
                for (int p = 0; p < kc; p++) {
                    int src = aOffset + (p0 + p) * lda + first;
                    int d = base + p * mr;
                    for (int ii = 0; ii < valid; ii++) {
                        dst[d + ii] = a[src + ii];
                    }
                }
            } else {
                for (int ii = 0; ii < valid; ii++) {
                    int src = aOffset + (first + ii) * lda + p0;
                    for (int p = 0; p < kc; p++) {
                        dst[base + p * mr + ii] = a[src + p];
                    }
                }
            }
            if (valid < mr) {
                for (int p = 0; p < kc; p++) {
                    int d = base + p * mr;
                    for (int ii = valid; ii < mr; ii++) {
                        dst[d + ii] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Packs panels {@code [fromPanel, toPanel)} of depth {@code [p0, p0 + kc)} and columns {@code [j0, j0 + cols)} of
     * op(B) into {@code dst}: panel q (columns {@code j0 + q*nr ..}) starts at {@code q * nr * kc} and holds, for each
     * p, its nr values.
     */
    static void packB(boolean transB, float[] b, int bOffset, int ldb, int p0, int kc, int j0, int cols, int nr,
                      int fromPanel, int toPanel, float[] dst) {
        if (!transB) {
            packRowsOfB(b, bOffset, ldb, p0, kc, j0, cols, nr, fromPanel, toPanel, dst);
            return;
        }
        for (int q = fromPanel; q < toPanel; q++) {
            int base = q * nr * kc;
            int first = j0 + q * nr;
            int valid = Math.min(nr, cols - q * nr);
            // B is stored n x k: each column of op(B) is a contiguous row of B.
            for (int jj = 0; jj < valid; jj++) {
                int src = bOffset + (first + jj) * ldb + p0;
                for (int p = 0; p < kc; p++) {
                    dst[base + p * nr + jj] = b[src + p];
                }
            }
            for (int p = 0; p < kc && valid < nr; p++) {
                int d = base + p * nr;
                for (int jj = valid; jj < nr; jj++) {
                    dst[d + jj] = 0f;
                }
            }
        }
    }

    /** Group of B rows packed together: the source is read row by row, a few rows at a time, as memory likes it. */
    private static final int ROW_GROUP = 8;

    private static void packRowsOfB(float[] b, int bOffset, int ldb, int p0, int kc, int j0, int cols, int nr,
                                    int fromPanel, int toPanel, float[] dst) {
        for (int pg = 0; pg < kc; pg += ROW_GROUP) {
            int pEnd = Math.min(kc, pg + ROW_GROUP);
            for (int q = fromPanel; q < toPanel; q++) {
                int base = q * nr * kc;
                int first = bOffset + j0 + q * nr;
                int valid = Math.min(nr, cols - q * nr);
                for (int p = pg; p < pEnd; p++) {
                    int d = base + p * nr;
                    System.arraycopy(b, first + (p0 + p) * ldb, dst, d, valid);
                    for (int jj = valid; jj < nr; jj++) {
                        dst[d + jj] = 0f;
                    }
                }
            }
        }
    }
}
