package conv4j.kernels;

/**
 * Max pooling of one plane without the argmax, for inference: the max over a window is the max over its rows of the
 * max over its columns, so each output row first takes, for every input column, the max over the window's rows (a
 * plain loop over whole rows that C2 vectorises), then the max over each window's columns of that one row. A 3x3
 * window costs four max operations an output instead of nine compare-and-branch steps. Math.max lets a NaN win, as
 * PyTorch does; windows that only reach padding cannot occur (the geometry keeps padding within half the kernel).
 */
final class SeparableMax {
    private SeparableMax() {
    }

    /** Output plane {@code yBase} from input plane {@code xBase}; {@code rows} holds at least inW floats. */
    static void plane(Pool2dGeometry g, float[] x, int xBase, float[] y, int yBase, float[] rows) {
        int inW = g.inW();
        int outW = g.outW();
        int strideW = g.strideW();
        int padW = g.padW();
        int kernelW = g.kernelW();
        for (int oh = 0, o = yBase; oh < g.outH(); oh++, o += outW) {
            int hStart = oh * g.strideH() - g.padH();
            int hEnd = Math.min(hStart + g.kernelH(), g.inH());
            hStart = Math.max(hStart, 0);
            int first = xBase + hStart * inW;
            System.arraycopy(x, first, rows, 0, inW);
            for (int h = hStart + 1; h < hEnd; h++) {
                int row = xBase + h * inW;
                for (int w = 0; w < inW; w++) {
                    rows[w] = Math.max(rows[w], x[row + w]);
                }
            }
            for (int ow = 0; ow < outW; ow++) {
                int wStart = ow * strideW - padW;
                int wEnd = Math.min(wStart + kernelW, inW);
                wStart = Math.max(wStart, 0);
                float max = rows[wStart];
                for (int w = wStart + 1; w < wEnd; w++) {
                    max = Math.max(max, rows[w]);
                }
                y[o + ow] = max;
            }
        }
    }
}
