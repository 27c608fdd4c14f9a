package conv4j.kernels;

/**
 * The innermost step of the packed GEMM: one full {@code mr() x nr()} tile of C from a packed A panel and a packed B
 * panel over a depth of {@code kc}. Tiles cut by the edge of C go through a scratch tile (see {@link PackedGemm}).
 *
 * <p>Every implementation must produce the same bits: each tile element is the sum over p in order with one fused
 * multiply-add per step, starting from zero, then {@code alpha * sum + (beta == 0 ? +0 : beta * c)}. That is what
 * makes the result independent of tile shapes, of the split across threads, and of which kernel ran.
 */
interface GemmMicroKernel {

    /** Rows of a tile, and of a packed A panel. */
    int mr();

    /** Columns of a tile, and of a packed B panel. */
    int nr();

    /**
     * {@code C[i][j] = alpha * sum_p Ap[p][i] * Bp[p][j] + beta * C[i][j]} for the whole tile; with beta 0, C is not
     * read (it may hold NaN). Ap holds {@code kc} groups of {@code mr()} values; Bp holds {@code kc} rows of
     * {@code nr()} values, {@code bpStride} apart: {@code nr()} when packed, B's own row stride when read in place.
     */
    void multiply(int kc, float[] ap, int apOffset, float[] bp, int bpOffset, int bpStride,
                  float alpha, float beta, float[] c, int cOffset, int ldc);

    /** A short name for logs and benchmarks. */
    String name();

    /**
     * The second term of the write-back, {@code beta * c}, or +0 when beta is 0 so that NaN or infinity already in C
     * does not survive. Scalar code adds it to {@code alpha * sum}; vector code does the same lane by lane.
     */
    static float scaledC(float[] c, int at, float beta) {
        return beta == 0f ? 0f : beta * c[at];
    }
}
