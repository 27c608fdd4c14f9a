package conv4j.kernels;

import java.util.Arrays;

/**
 * Stride-1 convolution without im2col, for layers with few channels (LeNet's C1 and C3), where unfolding costs more
 * than the products. Each image is copied once into a zero-padded buffer of Hp x Wp planes. With the output laid out
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
    /** Longest window (C/groups x kH x kW) taken this way; beyond it the packed im2col GEMM reuses data better. */
    static final int MAX_DEPTH = 512;

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
        return g.strideH() == 1 && g.strideW() == 1 && g.dilationH() == 1 && g.dilationW() == 1 && g.groups() == 1
                && g.kernelH() * g.kernelW() > 1 && g.columnRows() <= MAX_DEPTH;
    }

    /** The input gradient also needs padding below the kernel size, so that its own padding is not negative. */
    static boolean appliesToInputGradient(Conv2dGeometry g) {
        return applies(g) && g.outChannels() * g.kernelH() * g.kernelW() <= MAX_DEPTH
                && g.padTop() < g.kernelH() && g.padBottom() < g.kernelH()
                && g.padLeft() < g.kernelW() && g.padRight() < g.kernelW();
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
        int outChannels = g.outChannels();
        int block = tiles.channelBlock();
        int channelStride = roundUp(outChannels, block);
        int taps = in.taps();
        int positions = g.outHeight() * g.outWidth();
        int biasStart = taps * channelStride;
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
            float[] gradient = GRADIENT.get(positions * channelStride);
            for (int n = start; n < end; n++) {
                in.pad(x, n * inputImage, padded);
                channelsInnermost(dy, n * outputImage, outChannels, positions, gradient, channelStride);
                for (int k0 = 0; k0 < channelStride; k0 += block) {
                    for (int p0 = 0; p0 < taps; p0 += tiles.mr()) {
                        tiles.weightTile(positions, in.positions, padded, 0, in.offsets, p0, gradient, k0,
                                channelStride, partials, slice + p0 * channelStride + k0, channelStride);
                    }
                }
                if (dBias != null) {
                    for (int k = 0; k < outChannels; k++) {
                        int first = n * outputImage + k * positions;
                        double sum = 0;
                        for (int i = first; i < first + positions; i++) {
                            sum += dy[i];
                        }
                        partials[slice + biasStart + k] += (float) sum;
                    }
                }
            }
        });
        int depth = g.columnRows();
        for (int k = 0; k < outChannels; k++) {
            for (int p = 0; p < depth; p++) {
                int at = p * channelStride + k;
                float sum = partials[at];
                for (int c = 1; c < chunks; c++) {
                    sum += partials[c * sliceLength + at];
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

    /** out (batch x outChannels x outH x outW) = weight (outChannels x depth) applied to every padded image. */
    private static void convolve(ConvTiles tiles, int batch, Planes in, float[] x, float[] weight, int outChannels,
                                 float[] bias, float[] out) {
        int mr = tiles.mr();
        int nr = tiles.nr();
        int depth = in.depth();
        int panels = (outChannels + mr - 1) / mr;
        float[] packed = PACKED.get(panels * mr * depth);
        packWeights(weight, outChannels, depth, mr, packed);
        int inputImage = in.channels * in.height * in.width;
        int outPlane = in.outH * in.outW;
        int ldOut = in.columnTiles * nr;
        Parallel.forRange(batch, 1, (chunk, start, end) -> {
            float[] padded = PADDED.get(in.paddedLength);
            float[] tile = OUTPUT.get(panels * mr * ldOut);
            in.clearTail(padded);
            for (int n = start; n < end; n++) {
                in.pad(x, n * inputImage, padded);
                for (int panel = 0; panel < panels; panel++) {
                    int wOffset = panel * mr * depth;
                    int outRows = panel * mr * ldOut;
                    for (int t = 0; t < in.columnTiles; t++) {
                        tiles.forwardTile(depth, packed, wOffset, padded, t * nr, in.offsets, tile,
                                outRows + t * nr, ldOut);
                    }
                }
                for (int k = 0; k < outChannels; k++) {
                    int dst = (n * outChannels + k) * outPlane;
                    int src = k * ldOut;
                    for (int oh = 0; oh < in.outH; oh++, dst += in.outW, src += in.paddedW) {
                        if (bias == null) {
                            System.arraycopy(tile, src, out, dst, in.outW);
                        } else {
                            float b = bias[k];
                            for (int ow = 0; ow < in.outW; ow++) {
                                out[dst + ow] = tile[src + ow] + b;
                            }
                        }
                    }
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

    /** One image's gradient, channels x positions, as positions x channelStride, the channels past the last zero. */
    private static void channelsInnermost(float[] dy, int from, int channels, int positions, float[] dst,
                                          int channelStride) {
        for (int q = 0; q < positions; q++) {
            int row = q * channelStride;
            for (int k = 0; k < channels; k++) {
                dst[row + k] = dy[from + k * positions + q];
            }
            for (int k = channels; k < channelStride; k++) {
                dst[row + k] = 0f;
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
        final int columnTiles;
        final int paddedLength;
        /** Offsets of the taps (c, kh, kw) in order, then copies of the first up to a multiple of mr. */
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
            // Every output row, each padded to Wp columns, in tiles of nr; the last tile may read past the last
            // plane into a zeroed tail.
            this.columnTiles = (outH * paddedW + tiles.nr() - 1) / tiles.nr();
            int planes = channels * paddedH * paddedW;
            this.paddedLength = Math.max(planes, offsets[depth - 1] + columnTiles * tiles.nr());
        }

        int depth() {
            return channels * kernelArea;
        }

        int taps() {
            return offsets.length;
        }

        /** The padded image: zero borders around the C planes of x from {@code from}. */
        void pad(float[] x, int from, float[] padded) {
            int plane = paddedH * paddedW;
            if (paddedH == height && paddedW == width) {
                System.arraycopy(x, from, padded, 0, channels * plane);
                return;
            }
            for (int c = 0; c < channels; c++) {
                int base = c * plane;
                Arrays.fill(padded, base, base + padTop * paddedW, 0f);
                for (int h = 0; h < height; h++) {
                    int row = base + (padTop + h) * paddedW;
                    Arrays.fill(padded, row, row + padLeft, 0f);
                    System.arraycopy(x, from + (c * height + h) * width, padded, row + padLeft, width);
                    Arrays.fill(padded, row + padLeft + width, row + paddedW, 0f);
                }
                Arrays.fill(padded, base + (padTop + height) * paddedW, base + plane, 0f);
            }
        }

        /** Zeros what lies past the planes, which the last column tile reads but no kept output uses. */
        void clearTail(float[] padded) {
            Arrays.fill(padded, channels * paddedH * paddedW, paddedLength, 0f);
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
