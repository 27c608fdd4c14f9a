package conv4j.kernels;

import java.util.Arrays;

/**
 * Stride-1 convolution without im2col. Unfolding costs most where the products are small (LeNet's C1 and C3 spent more
 * time in im2col than in the GEMM), but skipping it pays up to a few hundred channels (see {@link #MAX_DEPTH}). Each
 * image is copied once into a zero-padded buffer of Hp x Wp planes. With the output laid out
 * at the same row stride Wp (columns ow >= outW are computed and dropped), tap (c, kh, kw) of every output position q
 * = oh * Wp + ow reads the padded image at {@code c * Hp * Wp + kh * Wp + kw + q}: row p of the column matrix is the
 * padded image itself from offset p on, so the GEMM reads it in place (see {@link ConvTiles}).
 *
 * <p>The input gradient is the same stride-1 convolution of the output gradient, padded by kernel - 1 - padding, with
 * the kernels flipped and input and output channels swapped. The weight gradient sums, per image, every output
 * position's input taps times its channel gradients. Images are split over the pool in fixed chunks; the weight
 * gradient sums each chunk into its own slice and adds the slices in chunk order, so results do not depend on timing.
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
     * ms on 8 x 56 x 28 x 28), even at 64 (576), slower from 128 channels on (9.7 against 8.0 ms).
     */
    static final int MAX_WEIGHT_DEPTH = 512;

    private static final String VECTOR_TILES_CLASS = "conv4j.kernels.VectorConvTiles";
    private static final ConvTiles SCALAR = new ScalarConvTiles();
    private static final ConvTiles VECTOR = loadVector();
    private static final ConvTiles PREFERRED = GemmMicroKernels.preferred() == GemmMicroKernels.scalar()
            || VECTOR == null ? SCALAR : VECTOR;

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

    /** The Vector API tiles, or null when this JVM runs without the incubator module. */
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

    /**
     * Whether the weight gradient goes by rows: the layout with fewer lane operations for 16-lane vectors and 8-tap
     * tiles, whichever tiles run. The two layouts sum in different orders, so the choice must depend on the geometry
     * alone.
     */
    static boolean weightGradientByRows(Conv2dGeometry g) {
        int lanes = 16;
        long byChannels = (long) g.outHeight() * g.outWidth() * roundUp(g.columnRows(), 8)
                * roundUp(g.outChannels(), lanes);
        long byRows = (long) g.outHeight() * roundUp(g.outWidth(), lanes) * roundUp(g.columnRows(), 4)
                * roundUp(g.outChannels(), 4);
        return byRows < byChannels;
    }

    static void forward(ConvTiles tiles, Conv2dGeometry g, float[] x, float[] weight, float[] bias, float[] y) {
        Planes in = new Planes(tiles, g.inChannels(), g.inHeight(), g.inWidth(), g.padTop(), g.padBottom(),
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
        Planes in = new Planes(tiles, k, g.outHeight(), g.outWidth(), kh - 1 - g.padTop(), kh - 1 - g.padBottom(),
                kw - 1 - g.padLeft(), kw - 1 - g.padRight(), kh, kw);
        convolve(tiles, g.batch(), in, dy, flipped, c, null, dx);
    }

    static void backwardWeight(ConvTiles tiles, Conv2dGeometry g, float[] x, float[] dy, float[] dWeight,
                               float[] dBias) {
        Planes in = new Planes(tiles, g.inChannels(), g.inHeight(), g.inWidth(), g.padTop(), g.padBottom(),
                g.padLeft(), g.padRight(), g.kernelH(), g.kernelW());
        WeightLayout layout = WeightLayout.cheaper(tiles, g, in);
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
     * How the weight gradient of one chunk of images is accumulated. By channels: every output position broadcasts
     * its input taps against a vector of channel gradients ({@link ConvTiles#weightTile}), best when the channels fill
     * a vector (C3's 16). By rows: a vector of output columns of one row at a time ({@link ConvTiles#rowTile}), the
     * columns summed at the end, best for few channels and wide rows (C1's 6 channels, 28 columns).
     */
    private abstract static class WeightLayout {
        final int accumulators;
        final int gradientLength;

        WeightLayout(int accumulators, int gradientLength) {
            this.accumulators = accumulators;
            this.gradientLength = gradientLength;
        }

        static WeightLayout cheaper(ConvTiles tiles, Conv2dGeometry g, Planes in) {
            return weightGradientByRows(g) ? new ByRows(tiles, g, in) : new ByChannels(tiles, g, in);
        }

        /**
         * Adds image {@code from}'s products into the chunk's slice. The gradient buffer starts each chunk zeroed,
         * and only the channels and columns that exist are written.
         */
        abstract void accumulate(ConvTiles tiles, Planes in, float[] padded, float[] dy, int from, float[] gradient,
                                 float[] partials, int slice);

        /** The chunk's sum for weight (k, p). */
        abstract float total(float[] partials, int slice, int k, int p);
    }

    /** Accumulators taps x channelStride; the gradient as positions x channelStride. */
    private static final class ByChannels extends WeightLayout {
        private final int channels;
        private final int channelStride;
        private final int positions;

        ByChannels(ConvTiles tiles, Conv2dGeometry g, Planes in) {
            this(tiles, g, in, roundUp(g.outChannels(), tiles.channelBlock()), g.outHeight() * g.outWidth());
        }

        private ByChannels(ConvTiles tiles, Conv2dGeometry g, Planes in, int channelStride, int positions) {
            super(in.taps() * channelStride, positions * channelStride);
            this.channels = g.outChannels();
            this.channelStride = channelStride;
            this.positions = positions;
        }

        @Override
        void accumulate(ConvTiles tiles, Planes in, float[] padded, float[] dy, int from, float[] gradient,
                        float[] partials, int slice) {
            for (int q = 0; q < positions; q++) {
                int row = q * channelStride;
                for (int k = 0; k < channels; k++) {
                    gradient[row + k] = dy[from + k * positions + q];
                }
            }
            for (int k0 = 0; k0 < channelStride; k0 += tiles.channelBlock()) {
                for (int p0 = 0; p0 < in.taps(); p0 += tiles.mr()) {
                    tiles.weightTile(positions, in.positions, padded, 0, in.offsets, p0, gradient, k0,
                            channelStride, partials, slice + p0 * channelStride + k0, channelStride);
                }
            }
        }

        @Override
        float total(float[] partials, int slice, int k, int p) {
            return partials[slice + p * channelStride + k];
        }
    }

    /**
     * Accumulators channels4 x taps4 x rowWidth, one per output column; the gradient as channels4 x outH x rowWidth
     * with zeros past the last column and channel, so the columns read past a row's end add nothing to the columns
     * kept. The columns are summed in order at the end.
     */
    private static final class ByRows extends WeightLayout {
        private final int channels;
        private final int channels4;
        private final int taps4;
        private final int outH;
        private final int outW;
        private final int rowWidth;

        ByRows(ConvTiles tiles, Conv2dGeometry g, Planes in) {
            this(tiles, g, in, roundUp(g.outChannels(), 4), roundUp(g.columnRows(), 4),
                    roundUp(g.outWidth(), tiles.rowLanes()));
        }

        private ByRows(ConvTiles tiles, Conv2dGeometry g, Planes in, int channels4, int taps4, int rowWidth) {
            super(channels4 * taps4 * rowWidth, channels4 * g.outHeight() * rowWidth);
            this.channels = g.outChannels();
            this.channels4 = channels4;
            this.taps4 = taps4;
            this.outH = g.outHeight();
            this.outW = g.outWidth();
            this.rowWidth = rowWidth;
        }

        @Override
        void accumulate(ConvTiles tiles, Planes in, float[] padded, float[] dy, int from, float[] gradient,
                        float[] partials, int slice) {
            int plane = outH * rowWidth;
            for (int k = 0; k < channels; k++) {
                for (int oh = 0; oh < outH; oh++) {
                    System.arraycopy(dy, from + (k * outH + oh) * outW, gradient, k * plane + oh * rowWidth, outW);
                }
            }
            int lanes = tiles.rowLanes();
            for (int k0 = 0; k0 < channels4; k0 += 4) {
                for (int p0 = 0; p0 < taps4; p0 += 4) {
                    for (int l0 = 0; l0 < rowWidth; l0 += lanes) {
                        tiles.rowTile(outH, padded, l0, in.paddedW, in.offsets, p0, gradient, k0 * plane + l0,
                                plane, rowWidth, partials, slice + (k0 * taps4 + p0) * rowWidth + l0,
                                taps4 * rowWidth, rowWidth);
                    }
                }
            }
        }

        @Override
        float total(float[] partials, int slice, int k, int p) {
            int at = slice + (k * taps4 + p) * rowWidth;
            float sum = partials[at];
            for (int ow = 1; ow < outW; ow++) {
                sum += partials[at + ow];
            }
            return sum;
        }
    }

    /**
     * out (batch x outChannels x outH x outW) = weight (outChannels x depth) applied to every padded image. Six or
     * twelve channels take the wide 6-row tiles, which 8-row tiles would pad by a quarter.
     */
    private static void convolve(ConvTiles tiles, int batch, Planes in, float[] x, float[] weight, int outChannels,
                                 float[] bias, float[] out) {
        boolean wide = roundUp(outChannels, tiles.wideMr()) < roundUp(outChannels, tiles.mr());
        int mr = wide ? tiles.wideMr() : tiles.mr();
        int nr = wide ? tiles.wideNr() : tiles.nr();
        int depth = in.depth();
        int panels = (outChannels + mr - 1) / mr;
        float[] packed = PACKED.get(panels * mr * depth);
        packWeights(weight, outChannels, depth, mr, packed);
        int inputImage = in.channels * in.height * in.width;
        int outPlane = in.outH * in.outW;
        int columnTiles = (in.outH * in.paddedW + nr - 1) / nr;
        int ldOut = columnTiles * nr;
        Parallel.forRange(batch, 1, (chunk, start, end) -> {
            float[] padded = PADDED.get(in.paddedLength);
            float[] tile = OUTPUT.get(panels * mr * ldOut + tiles.nr());
            in.clear(padded);
            for (int n = start; n < end; n++) {
                in.pad(x, n * inputImage, padded);
                for (int panel = 0; panel < panels; panel++) {
                    int wOffset = panel * mr * depth;
                    int outRows = panel * mr * ldOut;
                    for (int t = 0; t < columnTiles; t++) {
                        if (wide) {
                            tiles.forwardTileWide(depth, packed, wOffset, padded, t * nr, in.offsets, tile,
                                    outRows + t * nr, ldOut);
                        } else {
                            tiles.forwardTile(depth, packed, wOffset, padded, t * nr, in.offsets, tile,
                                    outRows + t * nr, ldOut);
                        }
                    }
                }
                for (int k = 0; k < outChannels; k++) {
                    tiles.storeRows(tile, k * ldOut, in.paddedW, out, (n * outChannels + k) * outPlane, in.outH,
                            in.outW, bias != null, bias == null ? 0f : bias[k]);
                }
            }
        });
    }

    /** Panels of mr output channels: {@code packed[(panel * depth + p) * mr + i] = weight[panel * mr + i][p]}. */
    private static void packWeights(float[] weight, int outChannels, int depth, int mr, float[] packed) {
        int panels = (outChannels + mr - 1) / mr;
        for (int panel = 0; panel < panels; panel++) {
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

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    /** The padded copy of one image and where each tap of the window starts in it. */
    private static final class Planes {
        final int channels;
        final int height;
        final int width;
        final int padTop;
        final int padLeft;
        final int paddedH;
        final int paddedW;
        final int outH;
        final int outW;
        final int paddedLength;
        /** Offsets of the taps (c, kh, kw) in order, then zeros up to a multiple of mr (itself a multiple of 4). */
        final int[] offsets;
        /** Output position oh * outW + ow at oh * Wp + ow, the padded layout. */
        final int[] positions;
        private final int kernelArea;

        Planes(ConvTiles tiles, int channels, int height, int width, int padTop, int padBottom, int padLeft,
               int padRight, int kernelH, int kernelW) {
            this.channels = channels;
            this.height = height;
            this.width = width;
            this.padTop = padTop;
            this.padLeft = padLeft;
            this.paddedH = height + padTop + padBottom;
            this.paddedW = width + padLeft + padRight;
            this.outH = paddedH - kernelH + 1;
            this.outW = paddedW - kernelW + 1;
            this.kernelArea = kernelH * kernelW;
            int depth = channels * kernelArea;
            this.offsets = new int[roundUp(depth, tiles.mr())];
            for (int c = 0, p = 0; c < channels; c++) {
                for (int kh = 0; kh < kernelH; kh++) {
                    for (int kw = 0; kw < kernelW; kw++, p++) {
                        offsets[p] = (c * paddedH + kh) * paddedW + kw;
                    }
                }
            }
            this.positions = new int[outH * outW];
            for (int oh = 0, q = 0; oh < outH; oh++) {
                for (int ow = 0; ow < outW; ow++, q++) {
                    positions[q] = oh * paddedW + ow;
                }
            }
            // Every output row, each padded to Wp columns, in tiles of nr (or a row at a time, rowLanes columns
            // at once); the last tiles may read past the last plane into a zeroed tail.
            int planes = channels * paddedH * paddedW;
            int tileReach = roundUp(outH * paddedW, Math.max(tiles.nr(), tiles.wideNr()));
            int rowReach = (outH - 1) * paddedW + roundUp(outW, tiles.rowLanes());
            this.paddedLength = Math.max(planes, offsets[depth - 1] + Math.max(tileReach, rowReach));
        }

        int depth() {
            return channels * kernelArea;
        }

        int taps() {
            return offsets.length;
        }

        /**
         * Copies the C planes of x from {@code from} inside the borders. The borders and the tail past the planes
         * are never written, so {@link #clear} once before a run of images keeps them zero.
         */
        void pad(float[] x, int from, float[] padded) {
            if (paddedH == height && paddedW == width) {
                System.arraycopy(x, from, padded, 0, channels * height * width);
                return;
            }
            for (int c = 0; c < channels; c++) {
                int row = (c * paddedH + padTop) * paddedW + padLeft;
                int src = from + c * height * width;
                for (int h = 0; h < height; h++, row += paddedW, src += width) {
                    System.arraycopy(x, src, padded, row, width);
                }
            }
        }

        /** Zeros the buffer: the borders, and the tail that the last tiles read but no kept output uses. */
        void clear(float[] padded) {
            Arrays.fill(padded, 0, paddedLength, 0f);
        }
    }

    private static ConvTiles loadVector() {
        if (GemmMicroKernels.vectorOrNull() == null) {
            return null;
        }
        try {
            return (ConvTiles) Class.forName(VECTOR_TILES_CLASS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
