package conv4j.kernels;

/**
 * The packed GEMM's cache blocks, from the sizes of the caches ({@link CacheSizes}): {@code kc}, the depth of a block;
 * {@code aBlockFloats}, the packed A block (mc x kc) kept in L2; {@code nc}, the columns of B packed at a time. On the
 * Zen 5 machine that measured them (48 KiB L1d, 1 MiB L2, 32 MiB L3) the rules give 256, 192 KiB and 2048.
 */
record GemmBlocking(int kc, int aBlockFloats, int nc) {
    static final GemmBlocking CURRENT = of(CacheSizes.CURRENT);

    /** Bytes of L1d per step of depth: 48 KiB for a depth of 256, the depth measured best on Zen 5. */
    static final int L1_BYTES_PER_STEP = 48 * 1024 / 256;
    static final int MIN_KC = 128;
    static final int MAX_KC = 512;

    /**
     * The depth blocks fix the order of every sum, so {@code kc} comes from the L1d alone, never from the vector width
     * or the kernel: every kernel and width on one machine gives the same bits.
     */
    static GemmBlocking of(CacheSizes caches) {
        int kc = kc(caches.l1Data());
        return new GemmBlocking(kc, aBlockFloats(caches.l2()), nc(caches.l3(), kc));
    }

    /**
     * A panel of B (kc x nr) is reused from L1d, or from a fast L2 next to it, while the rows of A stream past it, so
     * the depth grows with the L1d. On Zen 5 (48 KiB) 256 measured best with every tile whose panel is as large as
     * L1d or larger: 8 x 2 vectors of 512 bits (a 32 KiB panel) as fast as 384 and clearly faster than 128 or 192;
     * 8 x 3 (48 KiB) 1024^3 at 279 GFLOP/s against 260 with 192; 6 x 4 (64 KiB) within the noise of 192 and 128.
     * Multiples of 16, in [128, 512].
     */
    static int kc(long l1Data) {
        long kc = l1Data / L1_BYTES_PER_STEP / 16 * 16;
        return (int) Math.max(MIN_KC, Math.min(MAX_KC, kc));
    }

    /**
     * The packed A block takes 3/16 of L2 (192 KiB of Zen 5's 1 MiB), leaving room for the B panels and the C tiles
     * that pass through: on Zen 5, 96, 192 and 384 KiB ran within 2% of each other (1024^3 and 512 x 4608 x 392, the
     * im2col product of a 3x3 convolution of 512 channels, at 512 bits and at AVX2), so the rule only keeps the
     * block well inside L2. At least one panel of 8 rows at the deepest block.
     */
    static int aBlockFloats(long l2) {
        long floats = l2 * 3 / 16 / Float.BYTES;
        return (int) Math.max(8L * MAX_KC, floats);
    }

    /**
     * A block of B (kc x nc) packed at a time takes a sixteenth of L3 (2 MiB of 32 MiB at kc 256), leaving the rest
     * to the other threads' blocks and to whatever else shares L3. On Zen 5 at 512 bits, 512 x 1152 x 12544 ran 292
     * and 297 GFLOP/s with NC 1024, 275 and 291 with 2048, 273 and 274 with 4096, 273 and 278 with 8192;
     * 256 x 2304 x 6272 270 and 281, 277 and 285, 263 and 268, 267 and 280. Multiples of 256 columns, in [512, 8192].
     */
    static int nc(long l3, int kc) {
        long nc = l3 / 16 / ((long) kc * Float.BYTES) / 256 * 256;
        return (int) Math.max(512, Math.min(8192, nc));
    }
}
