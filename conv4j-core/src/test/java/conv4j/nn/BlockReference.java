package conv4j.nn;

import java.util.Map;

/**
 * The classic networks' blocks as plain loops in double precision, written from their definitions (torchvision's
 * forward methods) and reading the weights by state_dict name: the oracle for their forward and, through central
 * differences, their gradients. Batch norm uses the batch's statistics in training and the running ones in
 * evaluation; dropout is left out, so blocks with dropout are compared in evaluation mode.
 */
final class BlockReference {
    private static final double BN_EPS = 1e-5;

    /** A double tensor N x C x H x W (H = W = 1 for N x C). */
    record T(double[] v, int n, int c, int h, int w) {
        T {
            if (v.length != n * c * h * w) {
                throw new IllegalArgumentException(v.length + " values for " + n + "x" + c + "x" + h + "x" + w);
            }
        }

        double at(int in, int ic, int ih, int iw) {
            return v[((in * c + ic) * h + ih) * w + iw];
        }
    }

    private final Map<String, double[]> p;
    private final boolean training;

    BlockReference(Map<String, double[]> params, boolean training) {
        this.p = params;
        this.training = training;
    }

    /** Names are prefixes: "" for a block at the root, "branch1." inside one. */
    T basicConv2d(String name, T x, int kernel, int stride, int padding, double eps) {
        return relu(batchNorm(name + "bn", conv(name + "conv", x, kernel, stride, padding), eps));
    }

    /** The 2014 paper's unit: ReLU(conv(x) + bias). */
    T convReLU(String name, T x, int kernel, int stride, int padding) {
        T y = conv(name + "conv", x, kernel, stride, padding);
        double[] bias = p.get(name + "conv.bias");
        double[] v = y.v().clone();
        int plane = y.h() * y.w();
        for (int i = 0; i < v.length; i++) {
            v[i] += bias[i / plane % y.c()];
        }
        return relu(new T(v, y.n(), y.c(), y.h(), y.w()));
    }

    T basicBlock(String name, T x, int stride, boolean downsample) {
        T out = relu(batchNorm(name + "bn1", conv(name + "conv1", x, 3, stride, 1), BN_EPS));
        out = batchNorm(name + "bn2", conv(name + "conv2", out, 3, 1, 1), BN_EPS);
        T identity = downsample ? batchNorm(name + "downsample.1", conv(name + "downsample.0", x, 1, stride, 0),
                BN_EPS) : x;
        return relu(add(out, identity));
    }

    T bottleneck(String name, T x, int stride, boolean strideInConv1, boolean downsample) {
        T out = relu(batchNorm(name + "bn1", conv(name + "conv1", x, 1, strideInConv1 ? stride : 1, 0), BN_EPS));
        out = relu(batchNorm(name + "bn2", conv(name + "conv2", out, 3, strideInConv1 ? 1 : stride, 1), BN_EPS));
        out = batchNorm(name + "bn3", conv(name + "conv3", out, 1, 1, 0), BN_EPS);
        T identity = downsample ? batchNorm(name + "downsample.1", conv(name + "downsample.0", x, 1, stride, 0),
                BN_EPS) : x;
        return relu(add(out, identity));
    }

    T inception(String name, T x, int kernel5x5) {
        double eps = 1e-3;
        T b1 = basicConv2d(name + "branch1.", x, 1, 1, 0, eps);
        T b2 = basicConv2d(name + "branch2.1.", basicConv2d(name + "branch2.0.", x, 1, 1, 0, eps), 3, 1, 1, eps);
        T b3 = basicConv2d(name + "branch3.1.", basicConv2d(name + "branch3.0.", x, 1, 1, 0, eps), kernel5x5, 1,
                kernel5x5 / 2, eps);
        T b4 = basicConv2d(name + "branch4.1.", maxPool3x3Stride1Pad1(x), 1, 1, 0, eps);
        return concat(b1, b2, b3, b4);
    }

    /** The inception module of the 2014 paper: its units are {@link #convReLU}. */
    T inception2014(String name, T x, int kernel5x5) {
        T b1 = convReLU(name + "branch1.", x, 1, 1, 0);
        T b2 = convReLU(name + "branch2.1.", convReLU(name + "branch2.0.", x, 1, 1, 0), 3, 1, 1);
        T b3 = convReLU(name + "branch3.1.", convReLU(name + "branch3.0.", x, 1, 1, 0), kernel5x5, 1, kernel5x5 / 2);
        T b4 = convReLU(name + "branch4.1.", maxPool3x3Stride1Pad1(x), 1, 1, 0);
        return concat(b1, b2, b3, b4);
    }

    /** Evaluation mode only (dropout is the identity there). */
    T inceptionAux(String name, T x) {
        T pooled = adaptiveAverage(x, 4, 4);
        T conv = basicConv2d(name + "conv.", pooled, 1, 1, 0, 1e-3);
        T flat = new T(conv.v(), conv.n(), conv.c() * conv.h() * conv.w(), 1, 1);
        return linear(name + "fc2", relu(linear(name + "fc1", flat)));
    }

    T conv(String name, T x, int kernel, int stride, int padding) {
        double[] w = p.get(name + ".weight");
        int k = w.length / (x.c() * kernel * kernel);
        int oh = (x.h() + 2 * padding - kernel) / stride + 1;
        int ow = (x.w() + 2 * padding - kernel) / stride + 1;
        double[] y = new double[x.n() * k * oh * ow];
        for (int n = 0; n < x.n(); n++) {
            for (int o = 0; o < k; o++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double s = 0;
                        for (int c = 0; c < x.c(); c++) {
                            for (int a = 0; a < kernel; a++) {
                                for (int b = 0; b < kernel; b++) {
                                    int ih = i * stride - padding + a;
                                    int iw = j * stride - padding + b;
                                    if (ih >= 0 && ih < x.h() && iw >= 0 && iw < x.w()) {
                                        s += w[((o * x.c() + c) * kernel + a) * kernel + b] * x.at(n, c, ih, iw);
                                    }
                                }
                            }
                        }
                        y[((n * k + o) * oh + i) * ow + j] = s;
                    }
                }
            }
        }
        return new T(y, x.n(), k, oh, ow);
    }

    T batchNorm(String name, T x, double eps) {
        double[] gamma = p.get(name + ".weight");
        double[] beta = p.get(name + ".bias");
        double[] y = new double[x.v().length];
        int plane = x.h() * x.w();
        for (int c = 0; c < x.c(); c++) {
            double mean;
            double var;
            if (training) {
                double s = 0;
                for (int n = 0; n < x.n(); n++) {
                    for (int i = 0; i < plane; i++) {
                        s += x.v()[(n * x.c() + c) * plane + i];
                    }
                }
                mean = s / (x.n() * plane);
                double q = 0;
                for (int n = 0; n < x.n(); n++) {
                    for (int i = 0; i < plane; i++) {
                        double d = x.v()[(n * x.c() + c) * plane + i] - mean;
                        q += d * d;
                    }
                }
                var = q / (x.n() * plane); // the biased variance normalises in training
            } else {
                mean = p.get(name + ".running_mean")[c];
                var = p.get(name + ".running_var")[c];
            }
            for (int n = 0; n < x.n(); n++) {
                for (int i = 0; i < plane; i++) {
                    int at = (n * x.c() + c) * plane + i;
                    y[at] = gamma[c] * (x.v()[at] - mean) / Math.sqrt(var + eps) + beta[c];
                }
            }
        }
        return new T(y, x.n(), x.c(), x.h(), x.w());
    }

    T linear(String name, T x) {
        double[] w = p.get(name + ".weight");
        double[] b = p.get(name + ".bias");
        int in = x.c();
        int out = w.length / in;
        double[] y = new double[x.n() * out];
        for (int n = 0; n < x.n(); n++) {
            for (int o = 0; o < out; o++) {
                double s = b[o];
                for (int i = 0; i < in; i++) {
                    s += w[o * in + i] * x.v()[n * in + i];
                }
                y[n * out + o] = s;
            }
        }
        return new T(y, x.n(), out, 1, 1);
    }

    static T relu(T x) {
        double[] y = x.v().clone();
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(0, y[i]);
        }
        return new T(y, x.n(), x.c(), x.h(), x.w());
    }

    static T add(T a, T b) {
        double[] y = a.v().clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += b.v()[i];
        }
        return new T(y, a.n(), a.c(), a.h(), a.w());
    }

    static T concat(T... parts) {
        int channels = 0;
        for (T t : parts) {
            channels += t.c();
        }
        T first = parts[0];
        double[] y = new double[first.n() * channels * first.h() * first.w()];
        int plane = first.h() * first.w();
        for (int n = 0; n < first.n(); n++) {
            int c0 = 0;
            for (T t : parts) {
                System.arraycopy(t.v(), n * t.c() * plane, y, (n * channels + c0) * plane, t.c() * plane);
                c0 += t.c();
            }
        }
        return new T(y, first.n(), channels, first.h(), first.w());
    }

    /** The inception's pooling branch: 3x3 windows, stride 1, padding 1 that never wins. */
    static T maxPool3x3Stride1Pad1(T x) {
        double[] y = new double[x.v().length];
        for (int n = 0; n < x.n(); n++) {
            for (int c = 0; c < x.c(); c++) {
                for (int i = 0; i < x.h(); i++) {
                    for (int j = 0; j < x.w(); j++) {
                        double best = Double.NEGATIVE_INFINITY;
                        for (int a = i - 1; a <= i + 1; a++) {
                            for (int b = j - 1; b <= j + 1; b++) {
                                if (a >= 0 && a < x.h() && b >= 0 && b < x.w()) {
                                    best = Math.max(best, x.at(n, c, a, b));
                                }
                            }
                        }
                        y[((n * x.c() + c) * x.h() + i) * x.w() + j] = best;
                    }
                }
            }
        }
        return new T(y, x.n(), x.c(), x.h(), x.w());
    }

    /** PyTorch's adaptive windows: rows floor(i H / out) up to ceil((i + 1) H / out). */
    static T adaptiveAverage(T x, int outH, int outW) {
        double[] y = new double[x.n() * x.c() * outH * outW];
        for (int n = 0; n < x.n(); n++) {
            for (int c = 0; c < x.c(); c++) {
                for (int i = 0; i < outH; i++) {
                    for (int j = 0; j < outW; j++) {
                        double s = 0;
                        int count = 0;
                        for (int a = i * x.h() / outH; a < -Math.floorDiv(-(i + 1) * x.h(), outH); a++) {
                            for (int b = j * x.w() / outW; b < -Math.floorDiv(-(j + 1) * x.w(), outW); b++) {
                                s += x.at(n, c, a, b);
                                count++;
                            }
                        }
                        y[((n * x.c() + c) * outH + i) * outW + j] = s / count;
                    }
                }
            }
        }
        return new T(y, x.n(), x.c(), outH, outW);
    }
}
