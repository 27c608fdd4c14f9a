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
                interleaveRows(a, aOffset + first * lda + p0, lda, valid, kc, dst, base, mr);
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
            interleaveRows(b, bOffset + first * ldb + p0, ldb, valid, kc, dst, base, nr);
            if (valid < nr) {
                for (int p = 0; p < kc; p++) {
                    int d = base + p * nr;
                    for (int jj = valid; jj < nr; jj++) {
                        dst[d + jj] = 0f;
                    }
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

    /**
     * {@code dst[base + p * width + r] = src[first + r * stride + p]} for {@code r < rows}, {@code p < kc}: a transpose
     * of {@code rows} source rows into a panel {@code width} wide. Eight rows go in lockstep, so each step writes eight
     * adjacent floats instead of one float per cache line.
     */
    private static void interleaveRows(float[] src, int first, int stride, int rows, int kc, float[] dst, int base,
                                       int width) {
        int r = 0;
        for (; r + 8 <= rows; r += 8) {
            int s0 = first + r * stride;
            int s1 = s0 + stride;
            int s2 = s1 + stride;
            int s3 = s2 + stride;
            int s4 = s3 + stride;
            int s5 = s4 + stride;
            int s6 = s5 + stride;
            int s7 = s6 + stride;
            int d = base + r;
            for (int p = 0; p < kc; p++, d += width) {
                dst[d] = src[s0 + p];
                dst[d + 1] = src[s1 + p];
                dst[d + 2] = src[s2 + p];
                dst[d + 3] = src[s3 + p];
                dst[d + 4] = src[s4 + p];
                dst[d + 5] = src[s5 + p];
                dst[d + 6] = src[s6 + p];
                dst[d + 7] = src[s7 + p];
            }
        }
        for (; r < rows; r++) {
            int s = first + r * stride;
            for (int p = 0; p < kc; p++) {
                dst[base + p * width + r] = src[s + p];
            }
        }
    }
}
