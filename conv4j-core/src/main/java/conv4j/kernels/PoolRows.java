package conv4j.kernels;

/**
 * One output row of max or average pooling as plain loops, window by window. For max pooling this is the path
 * without the Vector API and for rows narrower than a vector. {@code xBase} is the start of the input plane,
 * {@code o0} the first output of the row.
 */
final class PoolRows {
    private PoolRows() {
    }

    static void maxRow(Pool2dGeometry g, float[] x, int xBase, int oh, float[] y, int[] argmax, int o0) {
        int inW = g.inW();
        int hStart = oh * g.strideH() - g.padH();
        int hEnd = Math.min(hStart + g.kernelH(), g.inH());
        hStart = Math.max(hStart, 0);
        for (int ow = 0, outW = g.outW(); ow < outW; ow++) {
            int wStart = ow * g.strideW() - g.padW();
            int wEnd = Math.min(wStart + g.kernelW(), inW);
            wStart = Math.max(wStart, 0);
            int best = xBase + hStart * inW + wStart;
            float max = Float.NEGATIVE_INFINITY;
            for (int h = hStart; h < hEnd; h++) {
                int row = xBase + h * inW;
                for (int w = wStart; w < wEnd; w++) {
                    float v = x[row + w];
                    if (v > max || Float.isNaN(v)) {
                        max = v;
                        best = row + w;
                    }
                }
            }
            y[o0 + ow] = max;
            argmax[o0 + ow] = best;
        }
    }

    static void averageRow(Pool2dGeometry g, boolean countIncludePad, float[] x, int xBase, int oh, float[] y,
                           int o0) {
        int inW = g.inW();
        int hStart = oh * g.strideH() - g.padH();
        int hEnd = Math.min(hStart + g.kernelH(), g.inH());
        hStart = Math.max(hStart, 0);
        for (int ow = 0, outW = g.outW(); ow < outW; ow++) {
            int wStart = Math.max(ow * g.strideW() - g.padW(), 0);
            int wEnd = Math.min(ow * g.strideW() - g.padW() + g.kernelW(), inW);
            float sum = 0f;
            for (int h = hStart; h < hEnd; h++) {
                int row = xBase + h * inW;
                for (int w = wStart; w < wEnd; w++) {
                    sum += x[row + w];
                }
            }
            y[o0 + ow] = sum / divisor(g, countIncludePad, oh, ow);
        }
    }

    /**
     * PyTorch's divisor: the window clipped to the padded input (a ceil-mode window may run past it), or with
     * {@code countIncludePad} false, clipped to the input itself.
     */
    static int divisor(Pool2dGeometry g, boolean countIncludePad, int oh, int ow) {
        int hStart = oh * g.strideH() - g.padH();
        int wStart = ow * g.strideW() - g.padW();
        int hPadEnd = Math.min(hStart + g.kernelH(), g.inH() + g.padH());
        int wPadEnd = Math.min(wStart + g.kernelW(), g.inW() + g.padW());
        if (countIncludePad) {
            return (hPadEnd - hStart) * (wPadEnd - wStart);
        }
        return (Math.min(hPadEnd, g.inH()) - Math.max(hStart, 0)) * (Math.min(wPadEnd, g.inW()) - Math.max(wStart, 0));
    }
}
