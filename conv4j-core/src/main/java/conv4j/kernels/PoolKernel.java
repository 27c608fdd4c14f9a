package conv4j.kernels;

import java.util.Arrays;

/**
 * Max, average, global average and adaptive average pooling over N x C x H x W float arrays. Every channel of every
 * sample is an independent plane, so the planes are split over the shared pool; no plane is written by two chunks,
 * which keeps the results independent of the thread count. Backward kernels overwrite {@code dx}.
 */
public final class PoolKernel {
    /** Below about this many elements per chunk, waking a worker costs more than it saves. */
    static final int MIN_CHUNK_WORK = 1 << 15;

    private PoolKernel() {
    }

    /**
     * Max pooling; padding counts as minus infinity and a NaN in a window wins, as in PyTorch. {@code argmax[o]} is
     * the index into {@code x} of the element that output {@code o} took, for the backward pass.
     */
    public static void maxForward(Pool2dGeometry g, float[] x, float[] y, int[] argmax) {
        Lengths.require("max pooling input", x, g.inputSize());
        Lengths.require("max pooling output", y, g.outputSize());
        Lengths.require("max pooling argmax", argmax, g.outputSize());
        int outH = g.outH();
        int outW = g.outW();
        int inPlane = g.inH() * g.inW();
        if (vectorPlanes(g)) {
            maxForwardInBlocks(g, x, y, argmax);
            return;
        }
        boolean vectorRows = vectorRows(g);
        int[] offsets = vectorRows ? VectorPoolRows.gatherOffsets(g.strideW()) : null;
        Parallel.forRange(g.planes(), grain(inPlane), (chunk, start, end) -> {
            for (int plane = start; plane < end; plane++) {
                for (int oh = 0; oh < outH; oh++) {
                    int o0 = (plane * outH + oh) * outW;
                    if (vectorRows) {
                        VectorPoolRows.maxRow(g, x, plane * inPlane, oh, y, argmax, o0, offsets);
                    } else {
                        PoolRows.maxRow(g, x, plane * inPlane, oh, y, argmax, o0);
                    }
                }
            }
        });
    }

    /**
     * Max pooling without the argmax, for inference where no gradient will be routed back: the same values as
     * {@link #maxForward(Pool2dGeometry, float[], float[], int[])}, but for the sign of a zero that ties with a zero
     * of the other sign (see {@link SeparableMax}).
     */
    public static void maxForward(Pool2dGeometry g, float[] x, float[] y) {
        Lengths.require("max pooling input", x, g.inputSize());
        Lengths.require("max pooling output", y, g.outputSize());
        int inPlane = g.inH() * g.inW();
        int outPlane = g.outH() * g.outW();
        Parallel.forRange(g.planes(), grain(inPlane), (chunk, start, end) -> {
            float[] rows = ROWS.get(g.inW());
            for (int plane = start; plane < end; plane++) {
                SeparableMax.plane(g, x, plane * inPlane, y, plane * outPlane, rows);
            }
        });
    }

    private static final Scratch ROWS = new Scratch();

    /**
     * Max pooling of narrow planes by {@link VectorPoolPlanes}: blocks of planes with a whole number of vectors of
     * outputs, split over the pool; planes past the last whole block go through the scalar rows.
     */
    private static void maxForwardInBlocks(Pool2dGeometry g, float[] x, float[] y, int[] argmax) {
        int outH = g.outH();
        int outW = g.outW();
        int outPlane = outH * outW;
        int inPlane = g.inH() * g.inW();
        int planesPerBlock = VectorPoolPlanes.LANES / gcd(outPlane, VectorPoolPlanes.LANES);
        int outputs = planesPerBlock * outPlane;
        int taps = g.kernelH() * g.kernelW();
        int[] corners = new int[outputs];
        int[] tapOffsets = new int[taps];
        for (int kh = 0, t = 0; kh < g.kernelH(); kh++) {
            for (int kw = 0; kw < g.kernelW(); kw++, t++) {
                tapOffsets[t] = kh * g.inW() + kw;
            }
        }
        boolean padded = !windowsInside(g);
        boolean[] inside = padded ? new boolean[taps * outputs] : null;
        int[] first = padded ? new int[outputs] : null;
        for (int p = 0, i = 0; p < planesPerBlock; p++) {
            for (int oh = 0; oh < outH; oh++) {
                int h0 = oh * g.strideH() - g.padH();
                for (int ow = 0; ow < outW; ow++, i++) {
                    int w0 = ow * g.strideW() - g.padW();
                    corners[i] = p * inPlane + h0 * g.inW() + w0;
                    if (padded) {
                        // The clipped window's first input, as PoolRows starts from.
                        first[i] = p * inPlane + Math.max(h0, 0) * g.inW() + Math.max(w0, 0);
                        for (int kh = 0, t = 0; kh < g.kernelH(); kh++) {
                            for (int kw = 0; kw < g.kernelW(); kw++, t++) {
                                int h = h0 + kh;
                                int w = w0 + kw;
                                inside[t * outputs + i] = h >= 0 && h < g.inH() && w >= 0 && w < g.inW();
                            }
                        }
                    }
                }
            }
        }
        int blocks = g.planes() / planesPerBlock;
        int blockInput = planesPerBlock * inPlane;
        Parallel.forRange(blocks, grain(blockInput), (chunk, start, end) ->
                VectorPoolPlanes.max(x, y, argmax, corners, tapOffsets, inside, first, blockInput, start, end));
        for (int plane = blocks * planesPerBlock; plane < g.planes(); plane++) {
            for (int oh = 0; oh < outH; oh++) {
                PoolRows.maxRow(g, x, plane * inPlane, oh, y, argmax, (plane * outH + oh) * outW);
            }
        }
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** Routes each output gradient to the input its window took; overlapping windows (3x3 stride 2) add up. */
    public static void maxBackward(Pool2dGeometry g, float[] dy, int[] argmax, float[] dx) {
        Lengths.require("max pooling output gradient", dy, g.outputSize());
        Lengths.require("max pooling argmax", argmax, g.outputSize());
        Lengths.require("max pooling input gradient", dx, g.inputSize());
        int outPlane = g.outH() * g.outW();
        int inPlane = g.inH() * g.inW();
        Parallel.forRange(g.planes(), grain(inPlane), (chunk, start, end) -> {
            Arrays.fill(dx, start * inPlane, end * inPlane, 0f);
            for (int plane = start; plane < end; plane++) {
                int lo = plane * inPlane;
                int hi = lo + inPlane;
                for (int o = plane * outPlane, last = o + outPlane; o < last; o++) {
                    int i = argmax[o];
                    if (i < lo || i >= hi) {
                        throw new IllegalArgumentException("argmax[" + o + "] = " + i
                                + " lies outside its input plane [" + lo + ", " + hi + ")");
                    }
                    dx[i] += dy[o];
                }
            }
        });
    }

    /**
     * Average pooling. With {@code countIncludePad} (PyTorch's default) the divisor is the window clipped to the
     * padded input, else the number of input elements in it.
     */
    public static void averageForward(Pool2dGeometry g, boolean countIncludePad, float[] x, float[] y) {
        Lengths.require("average pooling input", x, g.inputSize());
        Lengths.require("average pooling output", y, g.outputSize());
        int outH = g.outH();
        int outW = g.outW();
        int inPlane = g.inH() * g.inW();
        Parallel.forRange(g.planes(), grain(inPlane), (chunk, start, end) -> {
            for (int plane = start; plane < end; plane++) {
                for (int oh = 0; oh < outH; oh++) {
                    PoolRows.averageRow(g, countIncludePad, x, plane * inPlane, oh, y, (plane * outH + oh) * outW);
                }
            }
        });
    }

    public static void averageBackward(Pool2dGeometry g, boolean countIncludePad, float[] dy, float[] dx) {
        Lengths.require("average pooling output gradient", dy, g.outputSize());
        Lengths.require("average pooling input gradient", dx, g.inputSize());
        int outH = g.outH();
        int outW = g.outW();
        int inW = g.inW();
        int inPlane = g.inH() * inW;
        Parallel.forRange(g.planes(), grain(inPlane), (chunk, start, end) -> {
            Arrays.fill(dx, start * inPlane, end * inPlane, 0f);
            for (int plane = start; plane < end; plane++) {
                int xBase = plane * inPlane;
                int o = plane * outH * outW;
                for (int oh = 0; oh < outH; oh++) {
                    int hStart = oh * g.strideH() - g.padH();
                    int hEnd = Math.min(hStart + g.kernelH(), g.inH());
                    hStart = Math.max(hStart, 0);
                    for (int ow = 0; ow < outW; ow++, o++) {
                        int wStart = Math.max(ow * g.strideW() - g.padW(), 0);
                        int wEnd = Math.min(ow * g.strideW() - g.padW() + g.kernelW(), inW);
                        float share = dy[o] / PoolRows.divisor(g, countIncludePad, oh, ow);
                        for (int h = hStart; h < hEnd; h++) {
                            int row = xBase + h * inW;
                            for (int w = wStart; w < wEnd; w++) {
                                dx[row + w] += share;
                            }
                        }
                    }
                }
            }
        });
    }

    /** N x C x H x W -> N x C: the mean of each plane. */
    public static void globalAverageForward(int batch, int channels, int height, int width, float[] x, float[] y) {
        int planes = checkPlanes(batch, channels, height, width);
        int plane = height * width;
        Lengths.require("global average pooling input", x, (long) planes * plane);
        Lengths.require("global average pooling output", y, planes);
        Parallel.forRange(planes, grain(plane), (chunk, start, end) -> {
            for (int p = start; p < end; p++) {
                double sum = 0;
                for (int i = p * plane, last = i + plane; i < last; i++) {
                    sum += x[i];
                }
                y[p] = (float) (sum / plane);
            }
        });
    }

    public static void globalAverageBackward(int batch, int channels, int height, int width, float[] dy,
                                             float[] dx) {
        int planes = checkPlanes(batch, channels, height, width);
        int plane = height * width;
        Lengths.require("global average pooling output gradient", dy, planes);
        Lengths.require("global average pooling input gradient", dx, (long) planes * plane);
        Parallel.forRange(planes, grain(plane), (chunk, start, end) -> {
            for (int p = start; p < end; p++) {
                Arrays.fill(dx, p * plane, (p + 1) * plane, dy[p] / plane);
            }
        });
    }

    /**
     * Average pooling to a fixed output size, with PyTorch's windows: output row i averages input rows
     * {@code floor(i * in / out)} to {@code ceil((i + 1) * in / out)} (exclusive), and likewise for columns.
     */
    public static void adaptiveAverageForward(int batch, int channels, int inH, int inW, int outH, int outW,
                                              float[] x, float[] y) {
        int planes = checkPlanes(batch, channels, inH, inW);
        Lengths.requirePositive("adaptive pooling output height", outH);
        Lengths.requirePositive("adaptive pooling output width", outW);
        int inPlane = inH * inW;
        int outPlane = Lengths.product("adaptive pooling output", batch, channels, outH, outW) / planes;
        Lengths.require("adaptive pooling input", x, (long) planes * inPlane);
        Lengths.require("adaptive pooling output", y, (long) planes * outPlane);
        Parallel.forRange(planes, grain(Math.max(inPlane, outPlane)), (chunk, start, end) -> {
            for (int p = start; p < end; p++) {
                int xBase = p * inPlane;
                int o = p * outPlane;
                for (int oh = 0; oh < outH; oh++) {
                    int hStart = adaptiveStart(oh, inH, outH);
                    int hEnd = adaptiveEnd(oh, inH, outH);
                    for (int ow = 0; ow < outW; ow++, o++) {
                        int wStart = adaptiveStart(ow, inW, outW);
                        int wEnd = adaptiveEnd(ow, inW, outW);
                        float sum = 0f;
                        for (int h = hStart; h < hEnd; h++) {
                            int row = xBase + h * inW;
                            for (int w = wStart; w < wEnd; w++) {
                                sum += x[row + w];
                            }
                        }
                        y[o] = sum / ((hEnd - hStart) * (wEnd - wStart));
                    }
                }
            }
        });
    }

    public static void adaptiveAverageBackward(int batch, int channels, int inH, int inW, int outH, int outW,
                                               float[] dy, float[] dx) {
        int planes = checkPlanes(batch, channels, inH, inW);
        Lengths.requirePositive("adaptive pooling output height", outH);
        Lengths.requirePositive("adaptive pooling output width", outW);
        int inPlane = inH * inW;
        int outPlane = Lengths.product("adaptive pooling output", batch, channels, outH, outW) / planes;
        Lengths.require("adaptive pooling output gradient", dy, (long) planes * outPlane);
        Lengths.require("adaptive pooling input gradient", dx, (long) planes * inPlane);
        Parallel.forRange(planes, grain(Math.max(inPlane, outPlane)), (chunk, start, end) -> {
            Arrays.fill(dx, start * inPlane, end * inPlane, 0f);
            for (int p = start; p < end; p++) {
                int xBase = p * inPlane;
                int o = p * outPlane;
                for (int oh = 0; oh < outH; oh++) {
                    int hStart = adaptiveStart(oh, inH, outH);
                    int hEnd = adaptiveEnd(oh, inH, outH);
                    for (int ow = 0; ow < outW; ow++, o++) {
                        int wStart = adaptiveStart(ow, inW, outW);
                        int wEnd = adaptiveEnd(ow, inW, outW);
                        float share = dy[o] / ((hEnd - hStart) * (wEnd - wStart));
                        for (int h = hStart; h < hEnd; h++) {
                            int row = xBase + h * inW;
                            for (int w = wStart; w < wEnd; w++) {
                                dx[row + w] += share;
                            }
                        }
                    }
                }
            }
        });
    }

    static int adaptiveStart(int i, int in, int out) {
        return (int) ((long) i * in / out);
    }

    static int adaptiveEnd(int i, int in, int out) {
        return (int) (((long) (i + 1) * in + out - 1) / out);
    }

    /**
     * Rows narrower than a vector go a block of planes at a time; taps that fall in the padding or past a ceil-mode
     * edge are masked out of the gathers.
     */
    static boolean vectorPlanes(Pool2dGeometry g) {
        return Loops.VECTORIZED && g.outW() < VectorPoolRows.LANES;
    }

    /** No padding and no ceil-mode overhang: every tap of every window reads the input. */
    private static boolean windowsInside(Pool2dGeometry g) {
        return g.padH() == 0 && g.padW() == 0
                && (g.outH() - 1) * g.strideH() + g.kernelH() <= g.inH()
                && (g.outW() - 1) * g.strideW() + g.kernelW() <= g.inW();
    }

    /** Vector max rows pay once a row holds a full vector of outputs; without the incubator module they never load. */
    static boolean vectorRows(Pool2dGeometry g) {
        return Loops.VECTORIZED && g.outW() >= VectorPoolRows.LANES;
    }

    /** Whole planes per chunk so that a chunk holds at least {@link #MIN_CHUNK_WORK} elements. */
    static int grain(int planeSize) {
        return Math.max(1, MIN_CHUNK_WORK / Math.max(1, planeSize));
    }

    private static int checkPlanes(int batch, int channels, int height, int width) {
        Lengths.requirePositive("batch", batch);
        Lengths.requirePositive("channels", channels);
        Lengths.requirePositive("height", height);
        Lengths.requirePositive("width", width);
        Lengths.product("pooling input", batch, channels, height, width);
        return batch * channels;
    }
}
