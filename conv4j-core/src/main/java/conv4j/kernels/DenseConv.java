package conv4j.kernels;

import java.util.Arrays;

/**
 * A convolution on a map smaller than its window (ResNet-18's third stage on CIFAR: 3x3 kernels padded by 1 on 2x2
 * maps) as the linear map it is: an image's C x H x W values to its K x outH x outW outputs through a matrix M whose
 * entry for output (k, o) and input (c, i) is the weight of the tap that puts pixel i under output o's window, zero if
 * none does. im2col would unfold every tap, padding included (36 products per pair of channels on a 2x2 map, where M
 * has 16), then gather and scatter the images' columns; here NCHW already lays a batch out as the rows of one matrix:
 * <pre>
 *   forward          y^T (KP x N)   = M (KP x CHW) * x^T, then transposed into y
 *   input gradient   dx (N x CHW)   = dy (N x KP) * M
 *   weight gradient  dM (KP x CHW)  = dy^T * x, each entry then added onto its tap, in a fixed order
 * </pre>
 * M is built row by row from the weights, each row reading one output channel's weights front to back; with few
 * images, the forward product reads M where it lies (a product of few columns does not pack A), and the input
 * gradient's product packs its rows by plain copies.
 */
final class DenseConv {
    /** Entries of M at most: 4 M floats (16 MB), so ResNet's 512-channel 2x2 maps still qualify. */
    static final int MAX_MATRIX_FLOATS = 1 << 22;
    /** Images a batch needs at least: the products have one row per image. */
    static final int MIN_BATCH = 16;

    private static final Scratch MATRIX = new Scratch();
    private static final Scratch TRANSPOSED = new Scratch();

    private DenseConv() {
    }

    /** One group, a window of more taps than the map has pixels, a batch and an M that are not too small or large. */
    static boolean applies(Conv2dGeometry g) {
        long pixels = (long) g.inHeight() * g.inWidth();
        return g.groups() == 1 && g.batch() >= MIN_BATCH && pixels < (long) g.kernelH() * g.kernelW()
                && (long) g.outChannels() * g.columnCols() * g.inChannels() * pixels <= MAX_MATRIX_FLOATS;
    }

    static void forward(Conv2dGeometry g, float[] x, float[] weight, float[] bias, float[] y) {
        int n = g.batch();
        int rows = g.outChannels() * g.columnCols();
        int cols = g.inChannels() * g.inHeight() * g.inWidth();
        float[] m = MATRIX.get(rows * cols);
        build(g, taps(g), weight, m);
        float[] yt = TRANSPOSED.get(rows * n);
        Gemm.sgemm(false, true, rows, n, cols, 1f, m, 0, cols, x, 0, cols, 0f, yt, 0, n);
        int positions = g.columnCols();
        Parallel.forRange(n, 1, (chunk, start, end) -> {
            for (int image = start; image < end; image++) {
                for (int r = 0; r < rows; r++) {
                    y[image * rows + r] = yt[r * n + image] + (bias == null ? 0f : bias[r / positions]);
                }
            }
        });
    }

    static void backwardInput(Conv2dGeometry g, float[] dy, float[] weight, float[] dx) {
        int rows = g.outChannels() * g.columnCols();
        int cols = g.inChannels() * g.inHeight() * g.inWidth();
        float[] m = MATRIX.get(rows * cols);
        build(g, taps(g), weight, m);
        Gemm.sgemm(false, false, g.batch(), cols, rows, 1f, dy, 0, rows, m, 0, cols, 0f, dx, 0, cols);
    }

    static void backwardWeight(Conv2dGeometry g, float[] x, float[] dy, float[] dWeight, float[] dBias) {
        int rows = g.outChannels() * g.columnCols();
        int cols = g.inChannels() * g.inHeight() * g.inWidth();
        float[] dm = MATRIX.get(rows * cols);
        Gemm.sgemm(true, false, rows, cols, g.batch(), 1f, dy, 0, rows, x, 0, cols, 0f, dm, 0, cols);
        fold(g, taps(g), dm, dWeight);
        if (dBias != null) {
            int positions = g.columnCols();
            int k = g.outChannels();
            for (int c = 0; c < k; c++) {
                double sum = 0;
                for (int image = 0; image < g.batch(); image++) {
                    int from = (image * k + c) * positions;
                    sum += Loops.sum(dy, from, from + positions);
                }
                dBias[c] = (float) sum;
            }
        }
    }

    /** For output o and input pixel i, {@code taps[o * HW + i]}: the tap kh * kW + kw that links them, or -1. */
    static int[] taps(Conv2dGeometry g) {
        int pixels = g.inHeight() * g.inWidth();
        int[] taps = new int[g.columnCols() * pixels];
        Arrays.fill(taps, -1);
        for (int oh = 0; oh < g.outHeight(); oh++) {
            for (int ow = 0; ow < g.outWidth(); ow++) {
                int o = oh * g.outWidth() + ow;
                for (int kh = 0; kh < g.kernelH(); kh++) {
                    int ih = oh * g.strideH() + kh * g.dilationH() - g.padTop();
                    for (int kw = 0; kw < g.kernelW(); kw++) {
                        int iw = ow * g.strideW() + kw * g.dilationW() - g.padLeft();
                        if (ih >= 0 && ih < g.inHeight() && iw >= 0 && iw < g.inWidth()) {
                            taps[o * pixels + ih * g.inWidth() + iw] = kh * g.kernelW() + kw;
                        }
                    }
                }
            }
        }
        return taps;
    }

    /**
     * M (KP x CHW): row k * P + o, column c * HW + i, holds weight[k][c][tap(o, i)]. Split over output channels;
     * each row reads its channel's weights front to back and is written front to back.
     */
    private static void build(Conv2dGeometry g, int[] taps, float[] weight, float[] m) {
        int channels = g.inChannels();
        int pixels = g.inHeight() * g.inWidth();
        int positions = g.columnCols();
        int window = g.kernelH() * g.kernelW();
        int cols = channels * pixels;
        Parallel.forRange(g.outChannels(), Math.max(1, (1 << 14) / (positions * cols)), (chunk, start, end) -> {
            for (int k = start; k < end; k++) {
                for (int o = 0; o < positions; o++) {
                    int row = (k * positions + o) * cols;
                    // Pixel by pixel, a long loop over the channels: a map has few pixels, a layer many channels.
                    for (int i = 0; i < pixels; i++) {
                        int t = taps[o * pixels + i];
                        if (t < 0) {
                            for (int c = 0, to = row + i; c < channels; c++, to += pixels) {
                                m[to] = 0f;
                            }
                        } else {
                            for (int c = 0, to = row + i, w = k * channels * window + t; c < channels;
                                 c++, to += pixels, w += window) {
                                m[to] = weight[w];
                            }
                        }
                    }
                }
            }
        });
    }

    /**
     * dWeight[k][c][t] = the sum of dM's entries (k, o), (c, i) linked by tap t, over o then i in order, whatever
     * the channel; taps that link no pair get zero. Split over output channels, each entry summed by one thread.
     */
    private static void fold(Conv2dGeometry g, int[] taps, float[] dm, float[] dWeight) {
        int channels = g.inChannels();
        int pixels = g.inHeight() * g.inWidth();
        int positions = g.columnCols();
        int window = g.kernelH() * g.kernelW();
        int cols = channels * pixels;
        Parallel.forRange(g.outChannels(), Math.max(1, (1 << 14) / (channels * window)), (chunk, start, end) -> {
            for (int k = start; k < end; k++) {
                Arrays.fill(dWeight, k * channels * window, (k + 1) * channels * window, 0f);
                for (int o = 0; o < positions; o++) {
                    int row = (k * positions + o) * cols;
                    for (int i = 0; i < pixels; i++) {
                        int t = taps[o * pixels + i];
                        if (t >= 0) {
                            for (int c = 0, from = row + i, w = k * channels * window + t; c < channels;
                                 c++, from += pixels, w += window) {
                                dWeight[w] += dm[from];
                            }
                        }
                    }
                }
            }
        });
    }
}
