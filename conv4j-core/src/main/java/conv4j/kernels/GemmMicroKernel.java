package conv4j.kernels;

/**
 * The innermost step of the packed GEMM: one full {@code mr() x nr()} tile of sums from a packed A panel and a packed
 * B panel over a depth of {@code kc}, written to C or, with {@code add}, added to it (alpha and beta 1); tiles of
 * fewer rows at the bottom edge of C in the same way ({@link #multiplyEdge}). Tiles cut by the right edge of C, and
 * tiles that need another alpha or beta, go through a scratch tile and {@link #update} (see {@link PackedGemm}).
 *
 * <p>Every implementation must produce the same bits: each tile element is the sum over p in order with one fused
 * multiply-add per step, starting from zero, then {@code alpha * sum + (beta == 0 ? +0 : beta * c)}. A sum that
 * starts from +0 is never -0, so with alpha 1 and beta 0 the sum itself is that value, and with alpha 1 and beta 1
 * it is {@code sum + c}, one rounding, which is what {@code add} does. That is what makes the result independent of
 * tile shapes, of the split across threads, and of which kernel ran.
 */
interface GemmMicroKernel {

    /** Rows of a tile, and of a packed A panel. */
    int mr();

    /** Columns of a tile, and of a packed B panel. */
    int nr();

    /**
     * {@code C[i][j] = sum_p Ap[p][i] * Bp[p][j]} for the whole tile, or with {@code add}
     * {@code C[i][j] = sum + C[i][j]}. Ap holds {@code kc} groups of {@code mr()} adjacent values, {@code apStride}
     * apart: {@code mr()} when packed, the row stride of a transposed A read in place. Bp holds {@code kc} rows of
     * {@code nr()} values, {@code bpStride} apart: {@code nr()} when packed, B's own row stride when read in place.
     */
    void multiply(int kc, float[] ap, int apOffset, int apStride, float[] bp, int bpOffset, int bpStride, float[] c,
                  int cOffset, int ldc, boolean add);

    /**
     * {@link #multiply} with the {@code mr()} rows of A read where they lie, {@code lda} apart, each contiguous in p:
     * for products with few columns, where each value of A is used once or twice and packing it would cost more than
     * the product. The same sums in the same order, so the same bits.
     */
    void multiplyRows(int kc, float[] a, int aOffset, int lda, float[] bp, int bpOffset, int bpStride, float[] c,
                      int cOffset, int ldc, boolean add);

    /**
     * The rows of the largest edge tile {@link #multiplyEdge} computes with at most {@code rows} rows, for
     * {@code 0 < rows < mr()}; 0 when this kernel has none, and such edges go through a scratch tile.
     */
    default int edgeRows(int rows) {
        return 0;
    }

    /**
     * {@link #multiply} for a tile of {@code rows} rows, a value {@link #edgeRows} gave: the first {@code rows}
     * values of each group of Ap are read, and only those rows of C are written. The bottom edge of C (a 64-row
     * product in 6-row tiles leaves 4) is computed in place rather than as a full tile in scratch.
     */
    default void multiplyEdge(int rows, int kc, float[] ap, int apOffset, int apStride, float[] bp, int bpOffset,
                              int bpStride, float[] c, int cOffset, int ldc, boolean add) {
        throw new UnsupportedOperationException(name() + " has no edge tiles");
    }

    /**
     * {@code C[i][j] = alpha * tile[i * nr() + j] + (beta == 0 ? +0 : beta * C[i][j])} for i < rows, j < cols: a
     * tile of sums from {@link #multiply} into C. With beta 0, C is not read (it may hold NaN).
     */
    default void update(float[] tile, int rows, int cols, float alpha, float beta, float[] c, int cOffset, int ldc) {
        for (int i = 0; i < rows; i++) {
            int cRow = cOffset + i * ldc;
            int tRow = i * nr();
            for (int j = 0; j < cols; j++) {
                c[cRow + j] = alpha * tile[tRow + j] + scaledC(c, cRow + j, beta);
            }
        }
    }

    /** A short name for logs and benchmarks. */
    String name();

    /**
     * The second term of the write-back, {@code beta * c}, or +0 when beta is 0 so that NaN or infinity already in C
     * does not survive.
     */
    static float scaledC(float[] c, int at, float beta) {
        return beta == 0f ? 0f : beta * c[at];
    }
}
