package conv4j.kernels;

import java.util.Arrays;

/**
 * Stride-1 convolution without im2col. Unfolding costs most where the products are small (LeNet's C1 and C3 spent more
 * time in im2col than in the GEMM), but skipping it pays up to a few hundred channels (see {@link #MAX_DEPTH}). Each
 * image is copied once into a zero-padded buffer of Hp x Wp planes ({@link PaddedPlanes}). With the output laid out at
 * the same row stride Wp (columns ow >= outW are computed and dropped), tap (c, kh, kw) of every output position
 * q = oh * Wp + ow reads the padded image at {@code c * Hp * Wp + kh * Wp + kw + q}: row p of the column matrix is the
 * padded image itself from offset p on, so the GEMM reads it in place (see {@link ConvTiles}).
 *
 * <p>The input gradient is the same stride-1 convolution of the output gradient, padded by kernel - 1 - padding, with
 * the kernels flipped and input and output channels swapped. The weight gradient sums, per image, every output
 * position's input taps times its channel gradients ({@link WeightGradientLayout}). Images are split over the pool in
 * fixed chunks (with fewer images than threads, the panels of output channels of each image are); the weight gradient
 * sums each chunk into its own slice and adds the slices in chunk order, so results do not depend on timing.
 */
final class DirectConv {
    /**
     * Longest window (C x kH x kW) for the forward pass and the input gradient. Measured on 2 threads against im2col +
     * GEMM: faster up to 256 channels 3x3 (4 x 256 x 14 x 14: 3.4 against 3.8 ms forward; 8 x 64 x 56 x 56: 6.1
     * against 7.4 to 8.5 ms), and at 7x7 with 32 channels, but slower at 512 channels 3x3 on 7 x 7 (4.7 against
     * 3.0 ms), where the packed GEMM's blocking reuses the weights better.
     */
    static final int MAX_DEPTH = 2304;
    /**
     * Longest window for the weight gradient: faster than im2col + GEMM up to 56 channels 3x3 (504; 2.1 against 2.6
     * ms on 8 x 56 x 28 x 28), and at 64 (576): as fast on 8 x 64 x 56 x 56 (14.2 against 14.4 ms), much faster on
     * ResNet-18's first stage at a CIFAR batch, 64 x 64 x 8 x 8 (3.0 against 5.1 ms); slower from 128 channels on
     * (9.7 against 8.0 ms).
     */
    static final int MAX_WEIGHT_DEPTH = 576;

    private static final String VECTOR_TILES_CLASS = "conv4j.kernels.VectorConvTiles";
    private static final ConvTiles SCALAR = new ScalarConvTiles();
    private static final ConvTiles VECTOR = loadVector();
    private static final ConvTiles PREFERRED = VECTOR == null ? SCALAR : VECTOR;

    private static final Scratch PACKED = new Scratch();
    private static final Scratch FLIPPED = new Scratch();
    private static final Scratch PADDED = new Scratch();
    private static final Scratch OUTPUT = new Scratch();
    private static final Scratch GRADIENT = new Scratch();
    private static final Scratch PARTIALS = new Scratch();

    private DirectConv() {
    }

    static ConvTiles preferred() {
        return PREFERRED;
    }

    static ConvTiles scalar() {
        return SCALAR;
    }

    /** The Vector API tiles, or null when the scalar kernels run. */
    static ConvTiles vectorOrNull() {
        return VECTOR;
    }

    /** Stride 1, no dilation, one group, a window of at least two taps and at most {@link #MAX_DEPTH}. */
    static boolean applies(Conv2dGeometry g) {
        return strideOneWindow(g) && g.columnRows() <= MAX_DEPTH;
    }

    /**
     * The input gradient convolves the output gradient, a window of K x kH x kW, and needs padding below the kernel
     * size, so that its own padding is not negative.
     */
    static boolean appliesToInputGradient(Conv2dGeometry g) {
        return strideOneWindow(g) && g.outChannels() * g.kernelH() * g.kernelW() <= MAX_DEPTH
                && g.padTop() < g.kernelH() && g.padBottom() < g.kernelH()
                && g.padLeft() < g.kernelW() && g.padRight() < g.kernelW();
    }

    static boolean appliesToWeightGradient(Conv2dGeometry g) {
        return strideOneWindow(g) && g.columnRows() <= MAX_WEIGHT_DEPTH;
    }

    private static boolean strideOneWindow(Conv2dGeometry g) {
        return g.strideH() == 1 && g.strideW() == 1 && g.dilationH() == 1 && g.dilationW() == 1 && g.groups() == 1
                && g.kernelH() * g.kernelW() > 1;
    }

    static void forward(Conv2dGeometry g, float[] x, float[] weight, float[] bias, float[] y) {
        forward(PREFERRED, g, x, weight, bias, y);
    }

    static void backwardInput(Conv2dGeometry g, float[] dy, float[] weight, float[] dx) {
        backwardInput(PREFERRED, g, dy, weight, dx);
    }

    static void backwardWeight(Conv2dGeometry g, float[] x, float[] dy, float[] dWeight, float[] dBias) {
        backwardWeight(PREFERRED, g, x, dy, dWeight, dBias);
    }

    static void forward(ConvTiles tiles, Conv2dGeometry g, float[] x, float[] weight, float[] bias, float[] y) {
        PaddedPlanes in = new PaddedPlanes(tiles, g.inChannels(), g.inHeight(), g.inWidth(), g.padTop(), g.padBottom(),
                g.padLeft(), g.padRight(), g.kernelH(), g.kernelW());
        convolve(tiles, g.batch(), in, x, weight, g.outChannels(), bias, y);
    }

    static void backwardInput(ConvTiles tiles, Conv2dGeometry g, float[] dy, float[] weight, float[] dx) {
        int c = g.inChannels();
        int k = g.outChannels();
        int kh = g.kernelH();
        int kw = g.kernelW();
        // flipped[c][k][kH-1-i][kW-1-j] = weight[k][c][i][j]: input and output channels swap, the window turns round
        float[] flipped = FLIPPED.get(k * c * kh * kw);
        for (int ko = 0; ko < k; ko++) {
            for (int ci = 0; ci < c; ci++) {
                int src = (ko * c + ci) * kh * kw;
                int dst = (ci * k + ko) * kh * kw + kh * kw - 1;
                for (int t = 0; t < kh * kw; t++) {
                    flipped[dst - t] = weight[src + t];
                }
            }
        }
        PaddedPlanes in = new PaddedPlanes(tiles, k, g.outHeight(), g.outWidth(), kh - 1 - g.padTop(),
                kh - 1 - g.padBottom(), kw - 1 - g.padLeft(), kw - 1 - g.padRight(), kh, kw);
        convolve(tiles, g.batch(), in, dy, flipped, c, null, dx);
    }

    static void backwardWeight(ConvTiles tiles, Conv2dGeometry g, float[] x, float[] dy, float[] dWeight,
                               float[] dBias) {
        PaddedPlanes in = new PaddedPlanes(tiles, g.inChannels(), g.inHeight(), g.inWidth(), g.padTop(), g.padBottom(),
                g.padLeft(), g.padRight(), g.kernelH(), g.kernelW());
        WeightGradientLayout layout = WeightGradientLayout.of(tiles, g, in);
        int outChannels = g.outChannels();
        int positions = g.outHeight() * g.outWidth();
        int biasStart = layout.accumulators;
        int sliceLength = biasStart + (dBias == null ? 0 : outChannels);
        int batch = g.batch();
        int chunks = Math.min(Parallel.threads(), batch);
        float[] partials = PARTIALS.get(chunks * sliceLength);
        int inputImage = g.inChannels() * g.inHeight() * g.inWidth();
        int outputImage = outChannels * positions;
        Parallel.forRange(batch, 1, (chunk, start, end) -> {
            int slice = chunk * sliceLength;
            Arrays.fill(partials, slice, slice + sliceLength, 0f);
            float[] padded = PADDED.get(in.paddedLength);
            float[] gradient = GRADIENT.get(layout.gradientLength);
            in.clear(padded);
            // What the images leave zero (channels and columns past the last) is cleared once per chunk.
            Arrays.fill(gradient, 0, layout.gradientLength, 0f);
            for (int n = start; n < end; n++) {
                in.pad(x, n * inputImage, padded);
                layout.accumulate(tiles, in, padded, dy, n * outputImage, gradient, partials, slice);
                if (dBias != null) {
                    for (int k = 0; k < outChannels; k++) {
                        int first = n * outputImage + k * positions;
                        partials[slice + biasStart + k] += (float) Loops.sum(dy, first, first + positions);
                    }
                }
            }
        });
        int depth = g.columnRows();
        for (int k = 0; k < outChannels; k++) {
            for (int p = 0; p < depth; p++) {
                float sum = layout.total(partials, 0, k, p);
                for (int c = 1; c < chunks; c++) {
                    sum += layout.total(partials, c * sliceLength, k, p);
                }
                dWeight[k * depth + p] = sum;
            }
        }
        if (dBias != null) {
            for (int k = 0; k < outChannels; k++) {
                float sum = partials[biasStart + k];
                for (int c = 1; c < chunks; c++) {
                    sum += partials[c * sliceLength + biasStart + k];
                }
                dBias[k] = sum;
            }
        }
    }

    /**
     * out (batch x outChannels x outH x outW) = weight (outChannels x depth) applied to every padded image. Channel
     * counts that the wide tiles pad less take them (on 32 registers, 6 or 12 channels take 6-row tiles, which 8-row
     * tiles would pad by a quarter). With an image per thread the images are split over the pool; with fewer images
     * (one, at inference), each image's panels of output channels are, and the threads share its padded copy.
     */
    private static void convolve(ConvTiles tiles, int batch, PaddedPlanes in, float[] x, float[] weight,
                                 int outChannels, float[] bias, float[] out) {
        boolean wide = roundUp(outChannels, tiles.wideMr()) < roundUp(outChannels, tiles.mr());
        int mr = wide ? tiles.wideMr() : tiles.mr();
        int depth = in.depth();
        int panels = (outChannels + mr - 1) / mr;
        float[] packed = PACKED.get(panels * mr * depth);
        int inputImage = in.channels * in.height * in.width;
        Panels work = new Panels(tiles, wide, in, packed, outChannels, bias, out);
        if (batch >= Parallel.threads()) {
            packWeights(weight, outChannels, depth, mr, packed, 0, panels);
            Parallel.forRange(batch, 1, (chunk, start, end) -> {
                float[] padded = PADDED.get(in.paddedLength);
                in.clear(padded);
                for (int n = start; n < end; n++) {
                    in.pad(x, n * inputImage, padded);
                    work.run(n, padded, 0, panels);
                }
            });
            return;
        }
        Parallel.forRange(panels, 1, (chunk, start, end) ->
                packWeights(weight, outChannels, depth, mr, packed, start, end));
        float[] padded = PADDED.get(in.paddedLength);
        in.clear(padded);
        for (int n = 0; n < batch; n++) {
            in.pad(x, n * inputImage, padded);
            int image = n;
            Parallel.forRange(panels, 1, (chunk, start, end) -> work.run(image, padded, start, end));
        }
    }

    /** Panels of output channels of one padded image, each written to out a panel at a time. */
    private static final class Panels {
        private final ConvTiles tiles;
        private final boolean wide;
        private final int mr;
        private final int nr;
        private final PaddedPlanes in;
        private final float[] packed;
        private final int outChannels;
        private final float[] bias;
        private final float[] out;
        private final int columnTiles;
        private final int ldOut;

        Panels(ConvTiles tiles, boolean wide, PaddedPlanes in, float[] packed, int outChannels, float[] bias,
               float[] out) {
            this.tiles = tiles;
            this.wide = wide;
            this.mr = wide ? tiles.wideMr() : tiles.mr();
            this.nr = wide ? tiles.wideNr() : tiles.nr();
            this.in = in;
            this.packed = packed;
            this.outChannels = outChannels;
            this.bias = bias;
            this.out = out;
            this.columnTiles = (in.outH * in.paddedW + nr - 1) / nr;
            this.ldOut = columnTiles * nr;
        }

        void run(int n, float[] padded, int fromPanel, int toPanel) {
            int depth = in.depth();
            int outPlane = in.outH * in.outW;
            // One panel of output channels at a time, so the buffer stays mr rows whatever the channel count.
            float[] tile = OUTPUT.get(mr * ldOut + tiles.nr());
            for (int panel = fromPanel; panel < toPanel; panel++) {
                int wOffset = panel * mr * depth;
                for (int t = 0; t < columnTiles; t++) {
                    if (wide) {
                        tiles.forwardTileWide(depth, packed, wOffset, padded, t * nr, in.offsets, tile, t * nr,
                                ldOut);
                    } else {
                        tiles.forwardTile(depth, packed, wOffset, padded, t * nr, in.offsets, tile, t * nr, ldOut);
                    }
                }
                for (int k = panel * mr; k < Math.min(outChannels, (panel + 1) * mr); k++) {
                    tiles.storeRows(tile, (k - panel * mr) * ldOut, in.paddedW, out,
                            (n * outChannels + k) * outPlane, in.outH, in.outW, bias != null,
                            bias == null ? 0f : bias[k]);
                }
            }
        }
    }

    /** Panels of mr output channels: {@code packed[(panel * depth + p) * mr + i] = weight[panel * mr + i][p]}. */
    private static void packWeights(float[] weight, int outChannels, int depth, int mr, float[] packed,
                                    int fromPanel, int toPanel) {
        for (int panel = fromPanel; panel < toPanel; panel++) {
            for (int i = 0; i < mr; i++) {
                int k = panel * mr + i;
                int dst = panel * depth * mr + i;
                if (k < outChannels) {
                    for (int p = 0; p < depth; p++) {
                        packed[dst + p * mr] = weight[k * depth + p];
                    }
                } else {
                    for (int p = 0; p < depth; p++) {
                        packed[dst + p * mr] = 0f;
                    }
                }
            }
        }
    }

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    private static ConvTiles loadVector() {
        if (!Simd.vectorized()) {
            return null;
        }
        try {
            // The tiles shaped for the register file: a tile that fits AVX-512's 32 registers spills on AVX2's 16.
            return (ConvTiles) Class.forName(VECTOR_TILES_CLASS).getDeclaredMethod("forVectorUnit", int.class,
                    int.class).invoke(null, Simd.bits(), Simd.registers());
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
