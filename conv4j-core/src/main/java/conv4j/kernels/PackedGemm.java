package conv4j.kernels;

/**
 * The blocked GEMM driver (the GotoBLAS/BLIS loop nest). For each block of NC columns and each block of KC depth, B is
 * packed into panels of nr columns (kept in L3); then A is packed a block of rows at a time into panels of mr rows
 * (kept in L2) and the micro-kernel sweeps over them, one B panel at a time (kept in L1).
 *
 * <p>Work is split across the pool by disjoint bands of C: every element of C is computed by one thread, its depth
 * summed in the same fixed blocks and order whatever the split, so the result does not depend on the thread count.
 */
final class PackedGemm {
    /** Depth of a block, from the L1d (see {@link GemmBlocking#kc}): 256 on Zen 5. */
    static final int KC = GemmBlocking.CURRENT.kc();
    /** Floats of packed A per block (mc x kc), from the L2 (see {@link GemmBlocking#aBlockFloats}): 192 KiB. */
    static final int A_BLOCK_FLOATS = GemmBlocking.CURRENT.aBlockFloats();
    /** Columns of B packed at a time, from the L3 (see {@link GemmBlocking#nc}): KC x NC floats, 2 MiB. */
    static final int NC = GemmBlocking.CURRENT.nc();
    /** Below this many multiply-adds (about 40 microseconds on one core), the pool costs more than it saves. */
    static final long PARALLEL_MIN_MULTIPLY_ADDS = 1L << 22;
    /**
     * Panels of B up to which A is read in place rather than packed (see {@link #multiplyBlock}). Measured on 2
     * threads: 2048 x 49 x 512 (ResNet-50's last 1x1 convolutions on one image) 83 against 114 GFLOP/s, 512 x 98 x
     * 2304 143 against 171 with four panels; from about seven panels on, packing pays again.
     */
    static final int A_IN_PLACE_PANELS = 4;
    /**
     * Packing a value of A as stored, or of a transposed B, is a transpose, one float at a time: it costs about twice
     * a value copied with its row (0.55 to 0.68 against 0.25 to 0.39 ns per float for A and B on Zen 5). The pool
     * splits C so that the threads duplicate the cheaper packing: at 1024^3, by rows (each thread packs half of A and
     * all of B) ran 167 against 159 GFLOP/s by columns at AVX2, 242 against 234 at 512 bits.
     */
    static final int TRANSPOSE_PACKING_COST = 2;
    /**
     * Rows of B this many floats apart (4 KiB) fall into the same L1d sets, so a panel of B read in place evicts
     * itself: with such strides B is packed. At AVX2, 256 x 1024 x 1024 ran 116 in place against 121 packed, and
     * 64 x 576 x 4096 97 against 100, where 64 x 576 x 4104 ran 110 in place against 103 packed.
     */
    static final int ALIASING_STRIDE_FLOATS = 1024;
    /**
     * Floats of A (a band's rows packed over the whole depth) up to which a B read in place is taken one panel at a
     * time through every depth block ({@link #multiplyWholeDepth}): one A block. On 2 threads, the im2col product
     * 64 x 576 x 25088 ran 259 and 265 against 235 and 243 GFLOP/s at 512 bits, 152 against 121 at 256 bits, 90
     * against 82 at 128; with more of A than one block (128 x 1152 x 6272) alike at 512 bits and 125 against 152 at
     * 256. With AVX2's 16 registers the im2col product ran 120, 116, 122 against 156, 158, 146: not there.
     */
    static final int WHOLE_DEPTH_A_FLOATS = Simd.registers() == 16 ? 0 : A_BLOCK_FLOATS;

    private final GemmMicroKernel kernel;
    private final int mr;
    private final int nr;
    private final boolean transA;
    private final boolean transB;
    private final int m;
    private final int n;
    private final int k;
    private final float alpha;
    private final float[] a;
    private final int aOffset;
    private final int lda;
    private final float[] b;
    private final int bOffset;
    private final int ldb;
    private final float beta;
    private final float[] c;
    private final int cOffset;
    private final int ldc;

    private PackedGemm(GemmMicroKernel kernel, boolean transA, boolean transB, int m, int n, int k,
                       float alpha, float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                       float beta, float[] c, int cOffset, int ldc) {
        this.kernel = kernel;
        this.mr = kernel.mr();
        this.nr = kernel.nr();
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.a = a;
        this.aOffset = aOffset;
        this.lda = lda;
        this.b = b;
        this.bOffset = bOffset;
        this.ldb = ldb;
        this.beta = beta;
        this.c = c;
        this.cOffset = cOffset;
        this.ldc = ldc;
    }

    /** C = alpha * op(A) op(B) + beta * C for m, n, k of at least 1; arguments already checked. */
    static void multiply(GemmMicroKernel kernel, boolean transA, boolean transB, int m, int n, int k,
                         float alpha, float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                         float beta, float[] c, int cOffset, int ldc) {
        new PackedGemm(kernel, transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset,
                ldc).run();
    }

    private void run() {
        boolean parallel = Parallel.threads() > 1 && !Parallel.inParallelRegion()
                && (long) m * n * k >= PARALLEL_MIN_MULTIPLY_ADDS;
        int rowPanels = (m + mr - 1) / mr;
        int columnPanels = (n + nr - 1) / nr;
        // Each thread owns a band of C and packs what it needs itself: no thread ever waits for another mid-way,
        // which matters on a shared machine where any thread may lose its core for a few milliseconds. Splitting
        // columns makes every thread pack all of A, splitting rows all of B: duplicate the cheaper one.
        long duplicateA = (long) m * (transA ? 1 : TRANSPOSE_PACKING_COST);
        long duplicateB = (long) n * (transB ? TRANSPOSE_PACKING_COST : 1);
        boolean splitColumns = columnPanels > 1 && (duplicateA <= duplicateB || rowPanels == 1);
        if (!parallel) {
            multiplyBand(0, m, 0, n);
        } else if (splitColumns) {
            Parallel.forRange(columnPanels, 1, (chunk, from, to) ->
                    multiplyBand(0, m, from * nr, Math.min(n, to * nr)));
        } else {
            Parallel.forRange(rowPanels, 1, (chunk, from, to) ->
                    multiplyBand(from * mr, Math.min(m, to * mr), 0, n));
        }
    }

    /** The number of depth blocks: block b covers p from k * b / blocks to k * (b + 1) / blocks. */
    static int depthBlocks(int k) {
        return (k + KC - 1) / KC;
    }

    /** Rows {@code [m0, m1)} and columns {@code [n0, n1)} of C, on the calling thread. */
    private void multiplyBand(int m0, int m1, int n0, int n1) {
        // Depth blocks of nearly equal size (576 -> 288 + 288, not 256 + 256 + 64); they depend on k alone, which
        // fixes the order of every sum.
        int blocks = depthBlocks(k);
        int kcMax = (k + blocks - 1) / blocks;
        int ncMax = Math.min(roundUp(NC, nr), roundUp(n1 - n0, nr));
        // B is read where it lies, not packed, when each of its values meets one panel of rows (packing would
        // copy it to use it once), or when the whole depth is one block: then a panel of B is a few rows of nr
        // values that stay in L1 across the panels of A, and packing measured 10 to 30% slower (64 x 256 x 147,
        // a 7x7 convolution of 3 channels on one image; 64 x 3136 x 64, a 1x1 on a 56 x 56 map). Also when the
        // band's rows make one block of A: each panel of B is then fetched once either way, and reading it in
        // place saves writing and reading the copy. The im2col product 64 x 576 x 25088 ran 228 against 194
        // GFLOP/s at 512 bits, 100 against 81 at AVX2; 128 x 1152 x 6272 110 against 93 at AVX2 and alike at 512
        // bits. Not when B's rows alias in L1d (ALIASING_STRIDE_FLOATS).
        int rowsPerABlock = Math.max(mr, A_BLOCK_FLOATS / kcMax / mr * mr);
        boolean oneABlock = m1 - m0 <= rowsPerABlock && ldb % ALIASING_STRIDE_FLOATS != 0;
        boolean bInPlace = !transB && (m1 - m0 <= mr || k <= KC || oneABlock);
        float[] packedB = GemmWorkspace.current().packedB(kcMax * (bInPlace ? nr : ncMax));
        if (bInPlace && blocks > 1 && (long) roundUp(m1 - m0, mr) * k <= WHOLE_DEPTH_A_FLOATS
                && (n1 - n0) / nr > A_IN_PLACE_PANELS) {
            multiplyWholeDepth(m0, m1, n0, n1, blocks, packedB);
            return;
        }
        for (int jc = n0; jc < n1; jc += ncMax) {
            int nc = Math.min(ncMax, n1 - jc);
            int panels = (nc + nr - 1) / nr;
            for (int block = 0; block < blocks; block++) {
                int p0 = (int) ((long) k * block / blocks);
                int kc = (int) ((long) k * (block + 1) / blocks) - p0;
                // Later depth blocks add to what the first one wrote.
                float blockBeta = block == 0 ? beta : 1f;
                if (!bInPlace) {
                    GemmPacking.packB(transB, b, bOffset, ldb, p0, kc, jc, nc, nr, 0, panels, packedB);
                }
                multiplyBlock(m0, m1, panels, jc, nc, p0, kc, blockBeta, packedB, bInPlace);
            }
        }
    }

    /**
     * Rows {@code [rowFrom, rowTo)} times a block of B, packing A a block of rows at a time. B is the packed block, or
     * with {@code bInPlace} is read where it lies, all but a cut last panel, which is packed into {@code packedB}.
     * With at most {@link #A_IN_PLACE_PANELS} panels of B, each value of A meets at most that many panels: A is read
     * where it lies, all but a cut last panel of rows.
     */
    private void multiplyBlock(int rowFrom, int rowTo, int panels, int col0, int nc, int p0, int kc,
                               float blockBeta, float[] packedB, boolean bInPlace) {
        GemmWorkspace workspace = GemmWorkspace.current();
        int rows = rowTo - rowFrom;
        int mcLimit = Math.max(mr, A_BLOCK_FLOATS / kc / mr * mr);
        int rowBlocks = (rows + mcLimit - 1) / mcLimit;
        int mcMax = roundUp((rows + rowBlocks - 1) / rowBlocks, mr);
        boolean aInPlace = panels <= A_IN_PLACE_PANELS;
        float[] packedA = workspace.packedA(aInPlace ? mr * kc : mcMax * kc);
        float[] edge = workspace.edgeTile(mr * nr);
        for (int ic = rowFrom; ic < rowTo; ic += mcMax) {
            int mc = Math.min(mcMax, rowTo - ic);
            int fullRows = mc / mr * mr;
            if (!aInPlace) {
                GemmPacking.packA(transA, a, aOffset, lda, ic, mc, p0, kc, mr, packedA);
            } else if (fullRows < mc) {
                GemmPacking.packA(transA, a, aOffset, lda, ic + fullRows, mc - fullRows, p0, kc, mr, packedA);
            }
            for (int q = 0; q < panels; q++) {
                int j = col0 + q * nr;
                int cols = Math.min(nr, col0 + nc - j);
                float[] bSource = packedB;
                int bPanel = q * nr * kc;
                int bStride = nr;
                if (bInPlace && cols == nr) {
                    bSource = b;
                    bPanel = bOffset + p0 * ldb + j;
                    bStride = ldb;
                } else if (bInPlace) {
                    GemmPacking.packB(false, b, bOffset, ldb, p0, kc, j, cols, nr, 0, 1, packedB);
                    bPanel = 0;
                }
                multiplyPanel(ic, mc, p0, kc, aInPlace, packedA, 0, kc, bSource, bPanel, bStride, j, cols, blockBeta,
                        edge);
            }
        }
    }

    /**
     * Rows {@code [m0, m1)} times B read in place, the whole depth of each panel of B before the next panel: A,
     * packed once over the whole depth, stays in L2, and each tile of C stays in L1 from one depth block to the
     * next instead of making a round trip through L3 per block. The same blocks in the same order, so the same bits.
     */
    private void multiplyWholeDepth(int m0, int m1, int n0, int n1, int blocks, float[] packedB) {
        GemmWorkspace workspace = GemmWorkspace.current();
        int rows = m1 - m0;
        float[] packedA = workspace.packedA(roundUp(rows, mr) * k);
        float[] edge = workspace.edgeTile(mr * nr);
        GemmPacking.packA(transA, a, aOffset, lda, m0, rows, 0, k, mr, packedA);
        for (int j = n0; j < n1; j += nr) {
            int cols = Math.min(nr, n1 - j);
            for (int block = 0; block < blocks; block++) {
                int p0 = (int) ((long) k * block / blocks);
                int kc = (int) ((long) k * (block + 1) / blocks) - p0;
                float blockBeta = block == 0 ? beta : 1f;
                float[] bSource = b;
                int bPanel = bOffset + p0 * ldb + j;
                int bStride = ldb;
                if (cols < nr) {
                    GemmPacking.packB(false, b, bOffset, ldb, p0, kc, j, cols, nr, 0, 1, packedB);
                    bSource = packedB;
                    bPanel = 0;
                    bStride = nr;
                }
                multiplyPanel(m0, rows, p0, kc, false, packedA, p0 * mr, k, bSource, bPanel, bStride, j, cols,
                        blockBeta, edge);
            }
        }
    }

    /**
     * Rows {@code [ic, ic + mc)} times one panel of B, columns {@code [j, j + cols)}, depth {@code [p0, p0 + kc)}.
     * Packed A: the panel of rows {@code ic + r} at {@code aBase + r * aDepth} in {@code packedA}, mr values per step
     * of depth; with {@code aInPlace}, A is read where it lies and only a cut last panel of rows is packed, at 0.
     */
    private void multiplyPanel(int ic, int mc, int p0, int kc, boolean aInPlace, float[] packedA, int aBase,
                               int aDepth, float[] bSource, int bPanel, int bStride, int j, int cols,
                               float blockBeta, float[] edge) {
        // Alpha 1 with beta 0 or 1 (every depth block after the first) writes or adds the sums in C itself; other
        // scalars, and tiles cut by C's right edge, go through the scratch tile and update.
        boolean inPlaceScalars = alpha == 1f && (blockBeta == 0f || blockBeta == 1f);
        boolean add = blockBeta == 1f;
        boolean direct = inPlaceScalars && cols == nr;
        for (int ir = 0; ir < mc; ir += mr) {
            int tileRows = Math.min(mr, mc - ir);
            int cIndex = cOffset + (ic + ir) * ldc + j;
            int aPanel = aInPlace ? 0 : aBase + ir * aDepth;
            if (tileRows < mr) {
                if (direct && kernel.edgeRows(tileRows) > 0) {
                    for (int done = 0; done < tileRows; ) {
                        int edgeRows = kernel.edgeRows(tileRows - done);
                        kernel.multiplyEdge(edgeRows, kc, packedA, aPanel + done, mr, bSource, bPanel, bStride, c,
                                cIndex + done * ldc, ldc, add);
                        done += edgeRows;
                    }
                } else {
                    kernel.multiply(kc, packedA, aPanel, mr, bSource, bPanel, bStride, edge, 0, nr, false);
                    kernel.update(edge, tileRows, cols, alpha, blockBeta, c, cIndex, ldc);
                }
                continue;
            }
            float[] dst = direct ? c : edge;
            int dstOffset = direct ? cIndex : 0;
            int ldDst = direct ? ldc : nr;
            boolean addToDst = direct && add;
            if (!aInPlace) {
                kernel.multiply(kc, packedA, aPanel, mr, bSource, bPanel, bStride, dst, dstOffset, ldDst, addToDst);
            } else if (transA) {
                kernel.multiply(kc, a, aOffset + p0 * lda + ic + ir, lda, bSource, bPanel, bStride, dst, dstOffset,
                        ldDst, addToDst);
            } else {
                kernel.multiplyRows(kc, a, aOffset + (ic + ir) * lda + p0, lda, bSource, bPanel, bStride, dst,
                        dstOffset, ldDst, addToDst);
            }
            if (!direct) {
                kernel.update(edge, tileRows, cols, alpha, blockBeta, c, cIndex, ldc);
            }
        }
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
