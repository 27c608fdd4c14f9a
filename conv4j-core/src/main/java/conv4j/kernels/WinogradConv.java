package conv4j.kernels;

/**
 * Stride-1 3x3 convolution by Winograd's minimal filtering F(4x4, 3x3) (Lavin and Gray 2015): each 4x4 block of
 * output is computed from a 6x6 tile of input with 36 multiplications per pair of channels instead of 144. The
 * kernels become U = G g G^T, the input tiles V = B^T d B, and then for each of the 36 positions xi of a 6x6 tile the
 * products over the channels are one GEMM, M_xi (K x T) = U_xi (K x C) * V_xi (C x T) over the T tiles of the batch,
 * through {@link Gemm#sgemm}; the output is A^T M A plus the bias. The transforms run on planes, one value of a tile
 * per plane, so that vectors hold lanes of tiles ({@link WinogradTransforms}).
 *
 * <p>Tiles are taken a band at a time ({@link #MAX_BAND_FLOATS}) and the transformed kernels a block of output
 * channels at a time ({@link #MAX_KERNEL_FLOATS}), so the workspace stays bounded whatever the batch and the layer.
 * Each phase splits over the pool by channels or by positions xi, and every value is written by one fixed
 * computation; a GEMM's column does not depend on the other columns, so the result does not depend on the thread
 * count, the band or the batch an image comes in.
 *
 * <p>Accuracy: the transforms' fractions (1/6, 1/12, 1/24, rounded to float) and the larger values of the 6x6
 * domain cost precision. Against the double reference, max |y - ref| / max |ref| over a layer's output (2 x C x 12
 * x 12, C in and out, values in [-1, 1)) is 8e-6 at 64 channels, 1.4e-5 at 256 and 1.1e-5 at 512 (input gradient
 * 5e-6, 1.1e-5, 1.0e-5), against 4e-7 for im2col + GEMM: well within 1e-4 with the points 0, +-1, +-2 of Lavin and
 * Gray. F(2x2, 3x3) would give about 1e-6 but cuts the multiplications 2.25-fold instead of 4-fold.
 *
 * <p>The input gradient is the same convolution of the output gradient, padded by 2 - padding, with the kernels
 * flipped and input and output channels swapped (as in {@link DirectConv}). The weight gradient is left to the other
 * methods for now. In Winograd form it would be 36 GEMMs dU_xi (K x C) = dY_xi (K x T) V_xi^T (T x C), with dY the
 * output gradient's tiles through the transpose of the output transform, then G^T dU G per pair of channels: the same
 * 4-fold cut, but its depth is every tile of the batch summed in the transformed domain, so its error needs its own
 * measurements, and it has not been built or timed.
 */
final class WinogradConv {
    /**
     * Fewest 4x4 output tiles of a call (over the batch) with 512-bit vectors: each transformed kernel (36 x K x C
     * floats, four times the kernels) must be used by enough tiles to pay for making it, and the direct method is at
     * its fastest there. Forward and input gradient against the method each layer takes today, 2 threads, ms: 4
     * tiles (1 x 512 x 7 x 7) 5.9 and 8.6 against 1.6 and 1.1; 16 tiles 1.75 and 2.1 against 1.44 and 1.9 (1 x 256 x
     * 14 x 14), 7.2 and 8.9 against 6.5 and 6.5 (1 x 512 x 14 x 14); 32 tiles 6.9 and 7.5 against 11.4 and 8.9 (8 x
     * 512 x 7 x 7); 49 tiles 14.5 and 13.4 against 22.7 and 21.2 (1 x 512 x 28 x 28), 0.91 and 0.93 against 1.38 and
     * 2.0 (1 x 128 x 28 x 28).
     */
    static final int MIN_TILES_512_BIT = 32;
    /**
     * The same with narrower vectors. With AVX2 (-XX:UseAVX=2, 16 registers) 16 tiles pay: 2.0 and 2.3 against 2.8
     * and 3.6 ms (1 x 256 x 14 x 14), 8.7 and 10.5 against 10.8 and 11.5 (1 x 512 x 14 x 14); 4 tiles do not (8.0
     * and 9.3 against 3.1 and 3.5).
     */
    static final int MIN_TILES = 16;
    /**
     * Fewest channels on either side: the GEMMs' depth is C and their rows K. VGG-16's first layer, 3 channels into
     * 64 on 224 x 224, takes 8.5 ms against 2.5 (AVX2: 7.7 against 1.9); from 64 channels on, with enough tiles, it
     * pays at both widths (1 x 64 x 56 x 56: 0.97 against 1.75 ms; 1 x 64 x 224 x 224: 20.7 against 63).
     */
    static final int MIN_CHANNELS = 64;
    /**
     * Fewest channels with 512-bit vectors when every thread gets an image: the direct method then splits the batch
     * over the pool and reaches 250 to 280 GFLOP/s at 64 channels (8 x 64 x 56 x 56: forward 9.0 against 7.3 ms,
     * input gradient 9.6 against 6.6), while at 128 Winograd pays (8 x 128 x 28 x 28: 6.2 against 6.7, 4.7 against
     * 7.7). With AVX2 it pays at 64 too (15.2 against 17.4, 11.4 against 18.1).
     */
    static final int MIN_CHANNELS_IMAGE_PER_THREAD_512_BIT = 128;
    /** Floats of one band's transformed tiles and products together (36 x (C + K) x tiles): 16 MB. */
    static final int MAX_BAND_FLOATS = 1 << 22;
    /**
     * Floats of the transformed kernels of a block of output channels (36 x block x C): 16 MB, so that a 512 x 512
     * layer's (38 MB) is made and used a third at a time while it is in cache, and a 256 x 256 layer's at once.
     * 4, 8, 16 and 64 MB measured the same on 1 x 512 x 28 x 28 (9.5 to 10 ms), 1 MB 60% slower: the GEMMs get too
     * few rows for what packing their other operand costs.
     */
    static final int MAX_KERNEL_FLOATS = 1 << 22;
    /** Tiles gathered and transformed at a time: 36 planes of them (21 KB) stay in L1. */
    static final int LANE_BLOCK = 128;
    /**
     * Floats from one plane to the next in the small buffers, and the padding of the large ones: strides of a power of
     * two put every plane of a tile in the same cache set (a 512 x 512 layer's kernel transform took 4 times as long).
     */
    static final int PLANE = LANE_BLOCK + 16;

    private static final int N = WinogradTransforms.N;
    private static final int M = WinogradTransforms.M;
    private static final int POSITIONS = N * N;

    private static final String VECTOR_CLASS = "conv4j.kernels.VectorWinogradTransforms";
    private static final WinogradTransforms SCALAR = new ScalarWinogradTransforms();
    private static final WinogradTransforms VECTOR = loadVector();
    private static final WinogradTransforms PREFERRED = VECTOR == null ? SCALAR : VECTOR;

    private static final Scratch KERNELS = new Scratch();
    private static final Scratch TILES = new Scratch();
    private static final Scratch PRODUCTS = new Scratch();
    private static final Scratch PLANES = new Scratch();

    private WinogradConv() {
    }

    static WinogradTransforms preferred() {
        return PREFERRED;
    }

    static WinogradTransforms scalar() {
        return SCALAR;
    }

    /** The Vector API transforms, or null when the scalar ones run. */
    static WinogradTransforms vectorOrNull() {
        return VECTOR;
    }

    /** Stride 1, 3x3, no dilation, one group: the layers F(4x4, 3x3) computes. */
    static boolean computes(Conv2dGeometry g) {
        return g.kernelH() == 3 && g.kernelW() == 3 && g.strideH() == 1 && g.strideW() == 1
                && g.dilationH() == 1 && g.dilationW() == 1 && g.groups() == 1;
    }

    /** The input gradient is a 3x3 convolution padded by 2 - padding, so padding may be at most 2. */
    static boolean computesInputGradient(Conv2dGeometry g) {
        return computes(g) && g.padTop() <= 2 && g.padBottom() <= 2 && g.padLeft() <= 2 && g.padRight() <= 2;
    }

    /** Where it computes the forward pass faster than the other methods (see {@link #MIN_TILES_512_BIT}). */
    static boolean applies(Conv2dGeometry g) {
        return computes(g) && pays(g.batch(), g.inChannels(), g.outChannels(), g.outHeight(), g.outWidth());
    }

    /** The input gradient is a convolution of the K channels of dy into C: the same rule with the two swapped. */
    static boolean appliesToInputGradient(Conv2dGeometry g) {
        return computesInputGradient(g)
                && pays(g.batch(), g.outChannels(), g.inChannels(), g.inHeight(), g.inWidth());
    }

    private static boolean pays(int batch, int inChannels, int outChannels, int outH, int outW) {
        boolean wide = Simd.bits() >= 512;
        long tiles = (long) batch * ((outH + M - 1) / M) * ((outW + M - 1) / M);
        int fewest = wide && batch >= Parallel.threads() ? MIN_CHANNELS_IMAGE_PER_THREAD_512_BIT : MIN_CHANNELS;
        return tiles >= (wide ? MIN_TILES_512_BIT : MIN_TILES) && Math.min(inChannels, outChannels) >= fewest;
    }

    /** y = conv(x, weight) + bias; {@code bias} may be null; y is overwritten. Lengths are the caller's to check. */
    static void forward(Conv2dGeometry g, float[] x, float[] weight, float[] bias, float[] y) {
        forward(PREFERRED, g, x, weight, bias, y, MAX_BAND_FLOATS);
    }

    /** dx = the gradient of sum(y * dy) with respect to x; dx is overwritten. */
    static void backwardInput(Conv2dGeometry g, float[] dy, float[] weight, float[] dx) {
        backwardInput(PREFERRED, g, dy, weight, dx, MAX_BAND_FLOATS);
    }

    static void forward(WinogradTransforms transforms, Conv2dGeometry g, float[] x, float[] weight, float[] bias,
                        float[] y, int maxBandFloats) {
        if (!computes(g)) {
            throw new IllegalArgumentException("Winograd F(4x4, 3x3) needs a stride-1 3x3 convolution, received "
                    + g);
        }
        new Plan(transforms, g.batch(), g.inChannels(), g.inHeight(), g.inWidth(), g.padTop(), g.padLeft(),
                g.outChannels(), g.outHeight(), g.outWidth(), maxBandFloats).run(x, weight, false, bias, y);
    }

    static void backwardInput(WinogradTransforms transforms, Conv2dGeometry g, float[] dy, float[] weight,
                              float[] dx, int maxBandFloats) {
        if (!computesInputGradient(g)) {
            throw new IllegalArgumentException("Winograd F(4x4, 3x3) computes the input gradient of stride-1 3x3"
                    + " convolutions padded by at most 2, received " + g);
        }
        new Plan(transforms, g.batch(), g.outChannels(), g.outHeight(), g.outWidth(), 2 - g.padTop(),
                2 - g.padLeft(), g.inChannels(), g.inHeight(), g.inWidth(), maxBandFloats)
                .run(dy, weight, true, null, dx);
    }

    /**
     * One stride-1 3x3 convolution of {@code batch} images of C planes into K planes of outH x outW, the input read
     * from row -padTop and column -padLeft on, zero outside the image (which also gives the bottom and right
     * padding).
     */
    private static final class Plan {
        private final WinogradTransforms transforms;
        private final int batch;
        private final int c;
        private final int h;
        private final int w;
        private final int padTop;
        private final int padLeft;
        private final int k;
        private final int outH;
        private final int outW;
        private final int tilesH;
        private final int tilesW;
        private final int tiles;
        private final int bandTiles;
        private final int kernelBlock;

        Plan(WinogradTransforms transforms, int batch, int c, int h, int w, int padTop, int padLeft, int k, int outH,
             int outW, int maxBandFloats) {
            this.transforms = transforms;
            this.batch = batch;
            this.c = c;
            this.h = h;
            this.w = w;
            this.padTop = padTop;
            this.padLeft = padLeft;
            this.k = k;
            this.outH = outH;
            this.outW = outW;
            this.tilesH = (outH + M - 1) / M;
            this.tilesW = (outW + M - 1) / M;
            this.tiles = batch * tilesH * tilesW;
            // Blocks of nearly equal size, in whole panels of the GEMM micro-kernel's 8 rows: 512 -> 3 x 176, not
            // 2 x 224 + 64.
            long most = Math.max(8, MAX_KERNEL_FLOATS / ((long) POSITIONS * c));
            long blocks = (k + most - 1) / most;
            this.kernelBlock = (int) Math.min(k, ((k + blocks - 1) / blocks + 7) / 8 * 8);
            long perTile = (long) POSITIONS * (c + kernelBlock);
            this.bandTiles = (int) Math.max(1, Math.min(tiles, maxBandFloats / perTile));
        }

        void run(float[] x, float[] weight, boolean flipped, float[] bias, float[] y) {
            float[] kernels = KERNELS.get(POSITIONS * padded(kernelBlock * c));
            float[] transformed = TILES.get(POSITIONS * padded(c * bandTiles));
            float[] products = PRODUCTS.get(POSITIONS * padded(kernelBlock * bandTiles));
            boolean kernelsOnce = kernelBlock == k;
            if (kernelsOnce) {
                transformKernels(weight, flipped, 0, k, kernels);
            }
            for (int band = 0; band < tiles; band += bandTiles) {
                int first = band;
                int count = Math.min(bandTiles, tiles - band);
                int blocks = blocks(count);
                int tileStride = padded(c * count);
                Parallel.forRange(c * blocks, 1, (chunk, from, to) -> {
                    float[] planes = PLANES.get(POSITIONS * PLANE);
                    for (int item = from; item < to; item++) {
                        int channel = item / blocks;
                        int t0 = item % blocks * LANE_BLOCK;
                        int n = Math.min(LANE_BLOCK, count - t0);
                        gather(x, channel, first + t0, n, planes);
                        transforms.input(planes, 0, PLANE, transformed, channel * count + t0, tileStride, n);
                    }
                });
                for (int k0 = 0; k0 < k; k0 += kernelBlock) {
                    int kb = Math.min(kernelBlock, k - k0);
                    int outFirst = k0;
                    int kernelStride = padded(kb * c);
                    int productStride = padded(kb * count);
                    if (!kernelsOnce) {
                        transformKernels(weight, flipped, k0, kb, kernels);
                    }
                    Parallel.forRange(POSITIONS, 1, (chunk, from, to) -> {
                        for (int xi = from; xi < to; xi++) {
                            Gemm.sgemm(false, false, kb, count, c, 1f, kernels, xi * kernelStride, c,
                                    transformed, xi * tileStride, count, 0f, products, xi * productStride, count);
                        }
                    });
                    Parallel.forRange(kb * blocks, 1, (chunk, from, to) -> {
                        float[] planes = PLANES.get(POSITIONS * PLANE);
                        for (int item = from; item < to; item++) {
                            int channel = item / blocks;
                            int t0 = item % blocks * LANE_BLOCK;
                            int n = Math.min(LANE_BLOCK, count - t0);
                            int out = outFirst + channel;
                            transforms.output(products, channel * count + t0, productStride, planes, 0, PLANE, n);
                            scatter(planes, out, first + t0, n, bias == null ? 0f : bias[out], y);
                        }
                    });
                }
            }
        }

        /** U for output channels [k0, k0 + kb): 36 planes of kb x C, plane xi at xi * kb * C. */
        private void transformKernels(float[] weight, boolean flipped, int k0, int kb, float[] kernels) {
            int pairs = kb * c;
            int firstPair = k0 * c;
            Parallel.forRange(blocks(pairs), 1, (chunk, from, to) -> {
                float[] planes = PLANES.get(3 * N * PLANE);
                for (int b = from; b < to; b++) {
                    int first = b * LANE_BLOCK;
                    int count = Math.min(LANE_BLOCK, pairs - first);
                    splitKernels(weight, flipped, firstPair + first, count, planes);
                    transforms.weights(planes, 0, PLANE, kernels, first, padded(pairs), count);
                }
            });
        }

        private static int padded(int planeLength) {
            return planeLength + PLANE - LANE_BLOCK;
        }

        private static int blocks(int lanes) {
            return (lanes + LANE_BLOCK - 1) / LANE_BLOCK;
        }

        /**
         * Plane i * 6 + j of pairs [first, first + count) (pair = out * C + in) gets tap t = 3 * i + j of that
         * pair's kernel: forward, weight[out][in][t]; flipped for the input gradient, where out and in are the
         * layer's input and output channels, weight[in][out][8 - t].
         */
        private void splitKernels(float[] weight, boolean flipped, int first, int count, float[] planes) {
            if (!flipped) {
                for (int t = 0; t < 9; t++) {
                    int plane = (t / 3 * N + t % 3) * PLANE;
                    for (int l = 0, src = first * 9 + t; l < count; l++, src += 9) {
                        planes[plane + l] = weight[src];
                    }
                }
                return;
            }
            int out = first / c;
            int in = first - out * c;
            for (int l = 0; l < count; l++) {
                int src = (in * k + out) * 9 + 8;
                for (int t = 0; t < 9; t++) {
                    planes[(t / 3 * N + t % 3) * PLANE + l] = weight[src - t];
                }
                if (++in == c) {
                    in = 0;
                    out++;
                }
            }
        }

        /** Plane r * 6 + s, lane l: the input at row r, column s of tile {@code first + l}, zero outside the image. */
        private void gather(float[] x, int channel, int first, int count, float[] planes) {
            int perImage = tilesH * tilesW;
            for (int l = 0; l < count; l++) {
                int tile = first + l;
                int image = tile / perImage;
                int inImage = tile - image * perImage;
                int row0 = inImage / tilesW * M - padTop;
                int col0 = inImage % tilesW * M - padLeft;
                int plane = (image * c + channel) * h * w;
                if (row0 >= 0 && row0 + N <= h && col0 >= 0 && col0 + N <= w) {
                    int src = plane + row0 * w + col0;
                    for (int r = 0; r < N; r++) {
                        int dst = r * N * PLANE + l;
                        for (int s = 0; s < N; s++) {
                            planes[dst + s * PLANE] = x[src + s];
                        }
                        src += w;
                    }
                    continue;
                }
                for (int r = 0; r < N; r++) {
                    int row = row0 + r;
                    boolean inside = row >= 0 && row < h;
                    int dst = r * N * PLANE + l;
                    for (int s = 0; s < N; s++) {
                        int col = col0 + s;
                        planes[dst + s * PLANE] = inside && col >= 0 && col < w ? x[plane + row * w + col] : 0f;
                    }
                }
            }
        }

        /** The kept values of each 4x4 output tile, plus the bias, into y. */
        private void scatter(float[] planes, int channel, int first, int count, float bias, float[] y) {
            int perImage = tilesH * tilesW;
            for (int l = 0; l < count; l++) {
                int tile = first + l;
                int image = tile / perImage;
                int inImage = tile - image * perImage;
                int row0 = inImage / tilesW * M;
                int col0 = inImage % tilesW * M;
                int rows = Math.min(M, outH - row0);
                int cols = Math.min(M, outW - col0);
                int dst = ((image * k + channel) * outH + row0) * outW + col0;
                for (int r = 0; r < rows; r++) {
                    int src = r * N * PLANE + l;
                    for (int s = 0; s < cols; s++) {
                        y[dst + s] = planes[src + s * PLANE] + bias;
                    }
                    dst += outW;
                }
            }
        }
    }

    private static WinogradTransforms loadVector() {
        if (!Simd.vectorized()) {
            return null;
        }
        try {
            return (WinogradTransforms) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
