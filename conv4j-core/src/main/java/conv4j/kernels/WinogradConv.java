package conv4j.kernels;

/**
 * Stride-1 3x3 convolution by Winograd's minimal filtering F(4x4, 3x3) (Lavin and Gray 2015): each 4x4 block of
 * output is computed from a 6x6 tile of input with 36 multiplications per pair of channels instead of 144. The
 * kernels become U = G g G^T, the input tiles V = B^T d B, and then for each of the 36 positions xi of a 6x6 tile the
 * products over the channels are one GEMM, M_xi (K x T) = U_xi (K x C) * V_xi (C x T) over the T tiles of the batch,
 * through {@link Gemm#sgemm}; the output is A^T M A plus the bias. The transforms run on planes, one value of a tile
 * per plane, so that vectors hold lanes of tiles ({@link WinogradTransforms}).
 *
 * <p>Tiles are taken a band at a time ({@link #MAX_BAND_FLOATS}), so the workspace stays bounded whatever the batch;
 * the transformed kernels (36 x K x C) are kept for the whole call. Each phase splits over the pool by channels or by
 * positions xi, and every value is written by one fixed computation; a GEMM's column does not depend on the other
 * columns, so the result does not depend on the thread count, the band or the batch an image comes in.
 *
 * <p>The input gradient is the same convolution of the output gradient, padded by 2 - padding, with the kernels
 * flipped and input and output channels swapped (as in {@link DirectConv}). The weight gradient is left to the other
 * methods: in Winograd form it is 36 GEMMs over the tiles as their depth, dU_xi = M'_xi V_xi^T, so its depth is the
 * tile count of the whole batch, and the transform A^T dy A of the output gradient then G^T dU G adds the rounding
 * error of both transforms to a sum over every position of the batch; DirectConv's and im2col's weight gradients
 * already run as long products whose depth is the positions.
 */
public final class WinogradConv {
    /** Floats of one band's transformed tiles and products together (36 x (C + K) x tiles): 16 MB. */
    static final int MAX_BAND_FLOATS = 1 << 22;
    /** Tiles gathered and transformed at a time: 36 planes of them (18 KB) stay in L1. */
    static final int LANE_BLOCK = 128;

    private static final int N = WinogradTransforms.N;
    private static final int M = WinogradTransforms.M;
    private static final int POSITIONS = N * N;
    private static final int OUTPUTS = M * M;

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
    public static boolean computes(Conv2dGeometry g) {
        return g.kernelH() == 3 && g.kernelW() == 3 && g.strideH() == 1 && g.strideW() == 1
                && g.dilationH() == 1 && g.dilationW() == 1 && g.groups() == 1;
    }

    /** The input gradient is a 3x3 convolution padded by 2 - padding, so padding may be at most 2. */
    public static boolean computesInputGradient(Conv2dGeometry g) {
        return computes(g) && g.padTop() <= 2 && g.padBottom() <= 2 && g.padLeft() <= 2 && g.padRight() <= 2;
    }

    public static boolean applies(Conv2dGeometry g) {
        return computes(g);
    }

    public static boolean appliesToInputGradient(Conv2dGeometry g) {
        return computesInputGradient(g);
    }

    /** y = conv(x, weight) + bias; {@code bias} may be null; y is overwritten. Lengths are the caller's to check. */
    public static void forward(Conv2dGeometry g, float[] x, float[] weight, float[] bias, float[] y) {
        forward(PREFERRED, g, x, weight, bias, y, MAX_BAND_FLOATS);
    }

    /** dx = the gradient of sum(y * dy) with respect to x; dx is overwritten. */
    public static void backwardInput(Conv2dGeometry g, float[] dy, float[] weight, float[] dx) {
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
            long perTile = (long) POSITIONS * (c + k);
            this.bandTiles = (int) Math.max(1, Math.min(tiles, maxBandFloats / perTile));
        }

        void run(float[] x, float[] weight, boolean flipped, float[] bias, float[] y) {
            int pairs = k * c;
            float[] kernels = KERNELS.get(POSITIONS * pairs);
            Parallel.forRange(blocks(pairs), 1, (chunk, from, to) -> {
                float[] planes = PLANES.get(9 * LANE_BLOCK);
                for (int b = from; b < to; b++) {
                    int first = b * LANE_BLOCK;
                    int count = Math.min(LANE_BLOCK, pairs - first);
                    splitKernels(weight, flipped, first, count, planes);
                    transforms.weights(planes, 0, LANE_BLOCK, kernels, first, pairs, count);
                }
            });
            float[] transformed = TILES.get(POSITIONS * c * bandTiles);
            float[] products = PRODUCTS.get(POSITIONS * k * bandTiles);
            for (int band = 0; band < tiles; band += bandTiles) {
                int first = band;
                int count = Math.min(bandTiles, tiles - band);
                int blocks = blocks(count);
                Parallel.forRange(c * blocks, 1, (chunk, from, to) -> {
                    float[] planes = PLANES.get(POSITIONS * LANE_BLOCK);
                    for (int item = from; item < to; item++) {
                        int channel = item / blocks;
                        int t0 = item % blocks * LANE_BLOCK;
                        int n = Math.min(LANE_BLOCK, count - t0);
                        gather(x, channel, first + t0, n, planes);
                        transforms.input(planes, 0, LANE_BLOCK, transformed, channel * count + t0, c * count, n);
                    }
                });
                Parallel.forRange(POSITIONS, 1, (chunk, from, to) -> {
                    for (int xi = from; xi < to; xi++) {
                        Gemm.sgemm(false, false, k, count, c, 1f, kernels, xi * pairs, c,
                                transformed, xi * c * count, count, 0f, products, xi * k * count, count);
                    }
                });
                Parallel.forRange(k * blocks, 1, (chunk, from, to) -> {
                    float[] planes = PLANES.get(OUTPUTS * LANE_BLOCK);
                    for (int item = from; item < to; item++) {
                        int channel = item / blocks;
                        int t0 = item % blocks * LANE_BLOCK;
                        int n = Math.min(LANE_BLOCK, count - t0);
                        transforms.output(products, channel * count + t0, k * count, planes, 0, LANE_BLOCK, n);
                        scatter(planes, channel, first + t0, n, bias == null ? 0f : bias[channel], y);
                    }
                });
            }
        }

        private static int blocks(int lanes) {
            return (lanes + LANE_BLOCK - 1) / LANE_BLOCK;
        }

        /**
         * Plane t of pairs [first, first + count) (pair = out * C + in) gets tap t of that pair's kernel: forward,
         * weight[out][in][t]; flipped for the input gradient, where out and in are the layer's input and output
         * channels, weight[in][out][8 - t].
         */
        private void splitKernels(float[] weight, boolean flipped, int first, int count, float[] planes) {
            for (int l = 0; l < count; l++) {
                int pair = first + l;
                int src;
                if (flipped) {
                    int out = pair / c;
                    int in = pair - out * c;
                    src = (in * k + out) * 9;
                    for (int t = 0; t < 9; t++) {
                        planes[t * LANE_BLOCK + l] = weight[src + 8 - t];
                    }
                } else {
                    src = pair * 9;
                    for (int t = 0; t < 9; t++) {
                        planes[t * LANE_BLOCK + l] = weight[src + t];
                    }
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
                        int dst = r * N * LANE_BLOCK + l;
                        for (int s = 0; s < N; s++) {
                            planes[dst + s * LANE_BLOCK] = x[src + s];
                        }
                        src += w;
                    }
                    continue;
                }
                for (int r = 0; r < N; r++) {
                    int row = row0 + r;
                    boolean inside = row >= 0 && row < h;
                    int dst = r * N * LANE_BLOCK + l;
                    for (int s = 0; s < N; s++) {
                        int col = col0 + s;
                        planes[dst + s * LANE_BLOCK] = inside && col >= 0 && col < w ? x[plane + row * w + col] : 0f;
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
                    int src = r * M * LANE_BLOCK + l;
                    for (int s = 0; s < cols; s++) {
                        y[dst + s] = planes[src + s * LANE_BLOCK] + bias;
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
