package conv4j.kernels;

/**
 * The convolution of the definition in double precision, as plain loops over every index: the oracle for
 * {@link Conv2dKernel}. y[n][k][oh][ow] = b[k] + sum over c, kh, kw of w[k][c][kh][kw] * x[n][g*Cg + c][ih][iw],
 * with ih = oh*strideH - padTop + kh*dilationH, iw = ow*strideW - padLeft + kw*dilationW, g = k / (K/groups), and
 * x zero outside the image.
 */
final class Conv2dReference {
    private Conv2dReference() {
    }

    static double[] forward(Conv2dGeometry g, double[] x, double[] w, double[] b) {
        double[] y = new double[g.outputLength()];
        int cg = g.inChannelsPerGroup();
        int kg = g.outChannelsPerGroup();
        for (int n = 0; n < g.batch(); n++) {
            for (int k = 0; k < g.outChannels(); k++) {
                int group = k / kg;
                for (int oh = 0; oh < g.outHeight(); oh++) {
                    for (int ow = 0; ow < g.outWidth(); ow++) {
                        double sum = b == null ? 0 : b[k];
                        for (int c = 0; c < cg; c++) {
                            for (int kh = 0; kh < g.kernelH(); kh++) {
                                for (int kw = 0; kw < g.kernelW(); kw++) {
                                    int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                                    int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                                    if (ih >= 0 && ih < g.inHeight() && iw >= 0 && iw < g.inWidth()) {
                                        sum += w[weightIndex(g, k, c, kh, kw)]
                                                * x[inputIndex(g, n, group * cg + c, ih, iw)];
                                    }
                                }
                            }
                        }
                        y[outputIndex(g, n, k, oh, ow)] = sum;
                    }
                }
            }
        }
        return y;
    }

    /** dx[n][c][ih][iw] = sum of w * dy over every (k, oh, ow, kh, kw) whose window tap reads x[n][c][ih][iw]. */
    static double[] backwardInput(Conv2dGeometry g, double[] dy, double[] w) {
        double[] dx = new double[g.inputLength()];
        int cg = g.inChannelsPerGroup();
        int kg = g.outChannelsPerGroup();
        for (int n = 0; n < g.batch(); n++) {
            for (int k = 0; k < g.outChannels(); k++) {
                int group = k / kg;
                for (int oh = 0; oh < g.outHeight(); oh++) {
                    for (int ow = 0; ow < g.outWidth(); ow++) {
                        double upstream = dy[outputIndex(g, n, k, oh, ow)];
                        for (int c = 0; c < cg; c++) {
                            for (int kh = 0; kh < g.kernelH(); kh++) {
                                for (int kw = 0; kw < g.kernelW(); kw++) {
                                    int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                                    int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                                    if (ih >= 0 && ih < g.inHeight() && iw >= 0 && iw < g.inWidth()) {
                                        dx[inputIndex(g, n, group * cg + c, ih, iw)] +=
                                                w[weightIndex(g, k, c, kh, kw)] * upstream;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }

    /** dw[k][c][kh][kw] = sum over n, oh, ow of dy[n][k][oh][ow] * (the input that tap read). */
    static double[] backwardWeight(Conv2dGeometry g, double[] x, double[] dy) {
        double[] dw = new double[g.weightLength()];
        int cg = g.inChannelsPerGroup();
        int kg = g.outChannelsPerGroup();
        for (int n = 0; n < g.batch(); n++) {
            for (int k = 0; k < g.outChannels(); k++) {
                int group = k / kg;
                for (int oh = 0; oh < g.outHeight(); oh++) {
                    for (int ow = 0; ow < g.outWidth(); ow++) {
                        double upstream = dy[outputIndex(g, n, k, oh, ow)];
                        for (int c = 0; c < cg; c++) {
                            for (int kh = 0; kh < g.kernelH(); kh++) {
                                for (int kw = 0; kw < g.kernelW(); kw++) {
                                    int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                                    int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                                    if (ih >= 0 && ih < g.inHeight() && iw >= 0 && iw < g.inWidth()) {
                                        dw[weightIndex(g, k, c, kh, kw)] +=
                                                x[inputIndex(g, n, group * cg + c, ih, iw)] * upstream;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return dw;
    }

    /** db[k] = sum over n, oh, ow of dy[n][k][oh][ow]. */
    static double[] backwardBias(Conv2dGeometry g, double[] dy) {
        double[] db = new double[g.outChannels()];
        for (int n = 0; n < g.batch(); n++) {
            for (int k = 0; k < g.outChannels(); k++) {
                for (int oh = 0; oh < g.outHeight(); oh++) {
                    for (int ow = 0; ow < g.outWidth(); ow++) {
                        db[k] += dy[outputIndex(g, n, k, oh, ow)];
                    }
                }
            }
        }
        return db;
    }

    static int inputIndex(Conv2dGeometry g, int n, int c, int h, int w) {
        return ((n * g.inChannels() + c) * g.inHeight() + h) * g.inWidth() + w;
    }

    static int outputIndex(Conv2dGeometry g, int n, int k, int oh, int ow) {
        return ((n * g.outChannels() + k) * g.outHeight() + oh) * g.outWidth() + ow;
    }

    static int weightIndex(Conv2dGeometry g, int k, int c, int kh, int kw) {
        return ((k * g.inChannelsPerGroup() + c) * g.kernelH() + kh) * g.kernelW() + kw;
    }
}
