package conv4j.kernels;

import java.util.Arrays;

/**
 * The kernel rows and columns that read nothing but padding, cut off. A 3x3 convolution padded by 1 on a 1x1 map
 * (ResNet's last stage on 32x32 inputs) multiplies eight of its nine taps by zeros at every output position: it is a
 * 1x1 convolution of the centre taps, with a ninth of the work. Taps {@code [kh0, kh1) x [kw0, kw1)} are kept, the
 * first and last along each axis that reach the input for some output position; the cropped convolution keeps the
 * output size, with the padding reduced by the rows and columns cut, and reads every kept tap where the whole kernel
 * read it. Dropped taps add zeros to the output, nothing to the input gradient, and have a zero weight gradient.
 */
record KernelCrop(Conv2dGeometry cropped, int kh0, int kh1, int kw0, int kw1) {

    /** The crop of {@code g}, or null when every kernel row and column reaches the input (or none does). */
    static KernelCrop of(Conv2dGeometry g) {
        int[] rows = reaching(g.kernelH(), g.dilationH(), g.padTop(), g.strideH(), g.outHeight(), g.inHeight());
        int[] cols = reaching(g.kernelW(), g.dilationW(), g.padLeft(), g.strideW(), g.outWidth(), g.inWidth());
        if (rows == null || cols == null) {
            return null;
        }
        int padTop = g.padTop() - rows[0] * g.dilationH();
        int padBottom = g.padBottom() - (g.kernelH() - rows[1]) * g.dilationH();
        int padLeft = g.padLeft() - cols[0] * g.dilationW();
        int padRight = g.padRight() - (g.kernelW() - cols[1]) * g.dilationW();
        boolean smaller = rows[1] - rows[0] < g.kernelH() || cols[1] - cols[0] < g.kernelW();
        if (!smaller || padTop < 0 || padBottom < 0 || padLeft < 0 || padRight < 0) {
            return null;
        }
        Conv2dGeometry cropped = new Conv2dGeometry(g.batch(), g.inChannels(), g.inHeight(), g.inWidth(),
                g.outChannels(), rows[1] - rows[0], cols[1] - cols[0], g.strideH(), g.strideW(), padTop, padBottom,
                padLeft, padRight, g.dilationH(), g.dilationW(), g.groups());
        return new KernelCrop(cropped, rows[0], rows[1], cols[0], cols[1]);
    }

    /** {first, end} of the taps along one axis that read an input row for some output row; null if none does. */
    private static int[] reaching(int kernel, int dilation, int padBefore, int stride, int outSize, int inSize) {
        int first = -1;
        int end = -1;
        for (int t = 0; t < kernel; t++) {
            for (int o = 0; o < outSize; o++) {
                int i = o * stride + t * dilation - padBefore;
                if (i >= 0 && i < inSize) {
                    if (first < 0) {
                        first = t;
                    }
                    end = t + 1;
                    break;
                }
            }
        }
        return first < 0 ? null : new int[] {first, end};
    }

    private int croppedH() {
        return kh1 - kh0;
    }

    private int croppedW() {
        return kw1 - kw0;
    }

    /** Planes (one output and one input channel) per chunk when copying between the whole and the cropped kernel. */
    private static final int PLANE_GRAIN = 1 << 13;

    /** The kept taps of {@code weight} (K x C/groups x kH x kW) into {@code out}, as the cropped layer's weight. */
    void cropWeights(Conv2dGeometry g, float[] weight, float[] out) {
        int planes = g.outChannels() * g.inChannelsPerGroup();
        // The copy reads the whole kernel (every cache line of a 3x3 kernel holds a kept tap): split it over the pool.
        Parallel.forRange(planes, PLANE_GRAIN, (chunk, start, end) -> crop(g, weight, out, start, end));
    }

    private void crop(Conv2dGeometry g, float[] weight, float[] out, int firstPlane, int endPlane) {
        int kh = g.kernelH();
        int kw = g.kernelW();
        int h = croppedH();
        int w = croppedW();
        if (h == 1 && w == 1) {
            // One tap kept (a 3x3 kernel on a 1x1 map): a strided gather, the common case worth its own loop.
            int window = kh * kw;
            for (int plane = firstPlane, from = plane * window + kh0 * kw + kw0; plane < endPlane;
                 plane++, from += window) {
                out[plane] = weight[from];
            }
            return;
        }
        for (int plane = firstPlane; plane < endPlane; plane++) {
            for (int i = 0; i < h; i++) {
                int from = (plane * kh + kh0 + i) * kw + kw0;
                int to = (plane * h + i) * w;
                for (int j = 0; j < w; j++) {
                    out[to + j] = weight[from + j];
                }
            }
        }
    }

    /** The full weight gradient from the cropped one: the kept taps' values, zeros elsewhere. */
    void expandGradient(Conv2dGeometry g, float[] croppedGradient, float[] dWeight) {
        int planes = g.outChannels() * g.inChannelsPerGroup();
        Parallel.forRange(planes, PLANE_GRAIN, (chunk, start, end) -> expand(g, croppedGradient, dWeight, start,
                end));
    }

    private void expand(Conv2dGeometry g, float[] croppedGradient, float[] dWeight, int firstPlane, int endPlane) {
        int kh = g.kernelH();
        int kw = g.kernelW();
        int h = croppedH();
        int w = croppedW();
        int window = kh * kw;
        if (h == 1 && w == 1) {
            Arrays.fill(dWeight, firstPlane * window, endPlane * window, 0f);
            for (int plane = firstPlane, to = plane * window + kh0 * kw + kw0; plane < endPlane;
                 plane++, to += window) {
                dWeight[to] = croppedGradient[plane];
            }
            return;
        }
        for (int plane = firstPlane; plane < endPlane; plane++) {
            int first = plane * window;
            Arrays.fill(dWeight, first, first + window, 0f);
            for (int i = 0; i < h; i++) {
                int from = (plane * h + i) * w;
                int to = first + (kh0 + i) * kw + kw0;
                for (int j = 0; j < w; j++) {
                    dWeight[to + j] = croppedGradient[from + j];
                }
            }
        }
    }
}
