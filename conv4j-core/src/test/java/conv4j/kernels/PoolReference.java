package conv4j.kernels;

/**
 * Pooling as the plain loops of its definition, in double: every window position is visited and classified as input,
 * padding, or beyond the padding. The oracle for {@link PoolKernel}.
 */
final class PoolReference {
    private PoolReference() {
    }

    /** The number of windows: each must start at or before the last input element (ceil mode) or end inside the
     * padded input (floor mode); ceil mode also admits a last window that runs past the padding. */
    static int outputLength(int in, int kernel, int stride, int pad, boolean ceilMode) {
        int count = 0;
        while (true) {
            int start = count * stride - pad;
            boolean endsInside = start + kernel <= in + pad;
            boolean admitted = endsInside
                    || ceilMode && start < in && (count - 1) * stride - pad + kernel < in + pad;
            if (!admitted) {
                return count;
            }
            count++;
        }
    }

    static int outH(Pool2dGeometry g) {
        return outputLength(g.inH(), g.kernelH(), g.strideH(), g.padH(), g.ceilMode());
    }

    static int outW(Pool2dGeometry g) {
        return outputLength(g.inW(), g.kernelW(), g.strideW(), g.padW(), g.ceilMode());
    }

    /** Output values and the flat input index of each maximum. */
    record MaxResult(double[] y, int[] argmax) {
    }

    static MaxResult maxForward(Pool2dGeometry g, double[] x) {
        int outH = outH(g);
        int outW = outW(g);
        double[] y = new double[g.batch() * g.channels() * outH * outW];
        int[] argmax = new int[y.length];
        for (int n = 0; n < g.batch(); n++) {
            for (int c = 0; c < g.channels(); c++) {
                for (int oh = 0; oh < outH; oh++) {
                    for (int ow = 0; ow < outW; ow++) {
                        double best = Double.NEGATIVE_INFINITY;
                        int bestIndex = -1;
                        for (int kh = 0; kh < g.kernelH(); kh++) {
                            for (int kw = 0; kw < g.kernelW(); kw++) {
                                int h = oh * g.strideH() - g.padH() + kh;
                                int w = ow * g.strideW() - g.padW() + kw;
                                if (h < 0 || h >= g.inH() || w < 0 || w >= g.inW()) {
                                    continue; // padding: minus infinity never wins
                                }
                                int i = inIndex(g, n, c, h, w);
                                if (bestIndex < 0 || x[i] > best) {
                                    best = x[i];
                                    bestIndex = i;
                                }
                            }
                        }
                        int o = ((n * g.channels() + c) * outH + oh) * outW + ow;
                        y[o] = best;
                        argmax[o] = bestIndex;
                    }
                }
            }
        }
        return new MaxResult(y, argmax);
    }

    static double[] maxBackward(Pool2dGeometry g, int[] argmax, double[] dy) {
        double[] dx = new double[g.batch() * g.channels() * g.inH() * g.inW()];
        for (int o = 0; o < dy.length; o++) {
            dx[argmax[o]] += dy[o];
        }
        return dx;
    }

    static double[] averageForward(Pool2dGeometry g, boolean countIncludePad, double[] x) {
        int outH = outH(g);
        int outW = outW(g);
        double[] y = new double[g.batch() * g.channels() * outH * outW];
        for (int n = 0; n < g.batch(); n++) {
            for (int c = 0; c < g.channels(); c++) {
                for (int oh = 0; oh < outH; oh++) {
                    for (int ow = 0; ow < outW; ow++) {
                        double sum = 0;
                        int inputs = 0;
                        int padded = 0;
                        for (int kh = 0; kh < g.kernelH(); kh++) {
                            for (int kw = 0; kw < g.kernelW(); kw++) {
                                int h = oh * g.strideH() - g.padH() + kh;
                                int w = ow * g.strideW() - g.padW() + kw;
                                if (insidePadded(h, g.inH(), g.padH()) && insidePadded(w, g.inW(), g.padW())) {
                                    padded++;
                                }
                                if (h >= 0 && h < g.inH() && w >= 0 && w < g.inW()) {
                                    sum += x[inIndex(g, n, c, h, w)];
                                    inputs++;
                                }
                            }
                        }
                        y[((n * g.channels() + c) * outH + oh) * outW + ow] =
                                sum / (countIncludePad ? padded : inputs);
                    }
                }
            }
        }
        return y;
    }

    /** Average pooling is linear: each input receives dy / divisor from every window that covers it. */
    static double[] averageBackward(Pool2dGeometry g, boolean countIncludePad, double[] dy) {
        int outH = outH(g);
        int outW = outW(g);
        double[] dx = new double[g.batch() * g.channels() * g.inH() * g.inW()];
        for (int n = 0; n < g.batch(); n++) {
            for (int c = 0; c < g.channels(); c++) {
                for (int oh = 0; oh < outH; oh++) {
                    for (int ow = 0; ow < outW; ow++) {
                        int inputs = 0;
                        int padded = 0;
                        for (int kh = 0; kh < g.kernelH(); kh++) {
                            for (int kw = 0; kw < g.kernelW(); kw++) {
                                int h = oh * g.strideH() - g.padH() + kh;
                                int w = ow * g.strideW() - g.padW() + kw;
                                if (insidePadded(h, g.inH(), g.padH()) && insidePadded(w, g.inW(), g.padW())) {
                                    padded++;
                                }
                                if (h >= 0 && h < g.inH() && w >= 0 && w < g.inW()) {
                                    inputs++;
                                }
                            }
                        }
                        double share = dy[((n * g.channels() + c) * outH + oh) * outW + ow]
                                / (countIncludePad ? padded : inputs);
                        for (int kh = 0; kh < g.kernelH(); kh++) {
                            for (int kw = 0; kw < g.kernelW(); kw++) {
                                int h = oh * g.strideH() - g.padH() + kh;
                                int w = ow * g.strideW() - g.padW() + kw;
                                if (h >= 0 && h < g.inH() && w >= 0 && w < g.inW()) {
                                    dx[inIndex(g, n, c, h, w)] += share;
                                }
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }

    static double[] globalAverageForward(int planes, int planeSize, double[] x) {
        double[] y = new double[planes];
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < planeSize; i++) {
                y[p] += x[p * planeSize + i];
            }
            y[p] /= planeSize;
        }
        return y;
    }

    static double[] globalAverageBackward(int planes, int planeSize, double[] dy) {
        double[] dx = new double[planes * planeSize];
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < planeSize; i++) {
                dx[p * planeSize + i] = dy[p] / planeSize;
            }
        }
        return dx;
    }

    /** PyTorch's adaptive windows: rows floor(i * in / out) .. ceil((i + 1) * in / out), by real division. */
    static int adaptiveStart(int i, int in, int out) {
        return (int) Math.floor((double) i * in / out);
    }

    static int adaptiveEnd(int i, int in, int out) {
        return (int) Math.ceil((double) (i + 1) * in / out);
    }

    static double[] adaptiveAverageForward(int planes, int inH, int inW, int outH, int outW, double[] x) {
        double[] y = new double[planes * outH * outW];
        for (int p = 0; p < planes; p++) {
            for (int oh = 0; oh < outH; oh++) {
                for (int ow = 0; ow < outW; ow++) {
                    double sum = 0;
                    int count = 0;
                    for (int h = adaptiveStart(oh, inH, outH); h < adaptiveEnd(oh, inH, outH); h++) {
                        for (int w = adaptiveStart(ow, inW, outW); w < adaptiveEnd(ow, inW, outW); w++) {
                            sum += x[(p * inH + h) * inW + w];
                            count++;
                        }
                    }
                    y[(p * outH + oh) * outW + ow] = sum / count;
                }
            }
        }
        return y;
    }

    static double[] adaptiveAverageBackward(int planes, int inH, int inW, int outH, int outW, double[] dy) {
        double[] dx = new double[planes * inH * inW];
        for (int p = 0; p < planes; p++) {
            for (int oh = 0; oh < outH; oh++) {
                for (int ow = 0; ow < outW; ow++) {
                    int hs = adaptiveStart(oh, inH, outH);
                    int he = adaptiveEnd(oh, inH, outH);
                    int ws = adaptiveStart(ow, inW, outW);
                    int we = adaptiveEnd(ow, inW, outW);
                    double share = dy[(p * outH + oh) * outW + ow] / ((he - hs) * (we - ws));
                    for (int h = hs; h < he; h++) {
                        for (int w = ws; w < we; w++) {
                            dx[(p * inH + h) * inW + w] += share;
                        }
                    }
                }
            }
        }
        return dx;
    }

    private static boolean insidePadded(int i, int in, int pad) {
        return i >= -pad && i < in + pad;
    }

    private static int inIndex(Pool2dGeometry g, int n, int c, int h, int w) {
        return ((n * g.channels() + c) * g.inH() + h) * g.inW() + w;
    }
}
