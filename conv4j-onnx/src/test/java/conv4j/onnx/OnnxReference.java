package conv4j.onnx;

/**
 * Plain double-precision loops for the operators the importer supports, written from the ONNX operator docs and
 * independent of conv4j's kernels: the golden values of {@link OnnxImportTest}. Tensors are row-major N x C x H x W.
 */
final class OnnxReference {
    private OnnxReference() {
    }

    /** pads: top, left, bottom, right (ONNX's order). */
    static double[] conv(double[] x, int n, int c, int h, int w, double[] wt, int m, int kh, int kw, double[] b,
            int[] strides, int[] pads, int[] dil, int group, int[] outHw) {
        int oh = (h + pads[0] + pads[2] - dil[0] * (kh - 1) - 1) / strides[0] + 1;
        int ow = (w + pads[1] + pads[3] - dil[1] * (kw - 1) - 1) / strides[1] + 1;
        outHw[0] = oh;
        outHw[1] = ow;
        int cg = c / group;
        int mg = m / group;
        double[] y = new double[n * m * oh * ow];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < m; o++) {
                int g = o / mg;
                for (int r = 0; r < oh; r++) {
                    for (int s = 0; s < ow; s++) {
                        double acc = b == null ? 0 : b[o];
                        for (int ci = 0; ci < cg; ci++) {
                            for (int p = 0; p < kh; p++) {
                                for (int q = 0; q < kw; q++) {
                                    int hi = r * strides[0] - pads[0] + p * dil[0];
                                    int wi = s * strides[1] - pads[1] + q * dil[1];
                                    if (hi < 0 || hi >= h || wi < 0 || wi >= w) {
                                        continue;
                                    }
                                    acc += x[((i * c + g * cg + ci) * h + hi) * w + wi]
                                            * wt[((o * cg + ci) * kh + p) * kw + q];
                                }
                            }
                        }
                        y[((i * m + o) * oh + r) * ow + s] = acc;
                    }
                }
            }
        }
        return y;
    }

    static double[] relu(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.max(0, x[i]);
        }
        return y;
    }

    /** Pooling with symmetric pads; max ignores padding, average divides by the window's inside count or k*k. */
    static double[] pool(double[] x, int planes, int h, int w, int k, int stride, int pad, boolean ceil, boolean max,
            boolean countPad, int[] outHw) {
        int oh = outSize(h, k, stride, pad, ceil);
        int ow = outSize(w, k, stride, pad, ceil);
        outHw[0] = oh;
        outHw[1] = ow;
        double[] y = new double[planes * oh * ow];
        for (int pl = 0; pl < planes; pl++) {
            for (int r = 0; r < oh; r++) {
                for (int s = 0; s < ow; s++) {
                    double best = Double.NEGATIVE_INFINITY;
                    double sum = 0;
                    int inside = 0;
                    int padded = 0;
                    for (int p = 0; p < k; p++) {
                        for (int q = 0; q < k; q++) {
                            int hi = r * stride - pad + p;
                            int wi = s * stride - pad + q;
                            if (hi >= h + pad || wi >= w + pad) {
                                continue;
                            }
                            padded++;
                            if (hi < 0 || hi >= h || wi < 0 || wi >= w) {
                                continue;
                            }
                            double v = x[(pl * h + hi) * w + wi];
                            best = Math.max(best, v);
                            sum += v;
                            inside++;
                        }
                    }
                    y[(pl * oh + r) * ow + s] = max ? best : sum / (countPad ? padded : inside);
                }
            }
        }
        return y;
    }

    private static int outSize(int in, int k, int stride, int pad, boolean ceil) {
        int span = in + 2 * pad - k;
        int out = (ceil ? (span + stride - 1) / stride : span / stride) + 1;
        // A last window that would start inside the right padding only is dropped, as in ONNX and PyTorch.
        if (ceil && (out - 1) * stride >= in + pad) {
            out--;
        }
        return out;
    }

    /** alpha op(A) op(B) + beta C, C already broadcast to m x n (or null). */
    static double[] gemm(double[] a, double[] b, double[] c, int m, int n, int k, boolean transA, boolean transB,
            double alpha, double beta) {
        double[] y = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int p = 0; p < k; p++) {
                    acc += (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
                }
                y[i * n + j] = alpha * acc + (c == null ? 0 : beta * c[i * n + j]);
            }
        }
        return y;
    }

    static double[] add(double[] x, double[] y) {
        double[] z = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            z[i] = x[i] + y[i];
        }
        return z;
    }

    static double[] toDouble(float[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i];
        }
        return y;
    }
}
