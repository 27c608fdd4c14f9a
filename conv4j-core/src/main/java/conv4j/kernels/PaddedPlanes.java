package conv4j.kernels;

import java.util.Arrays;

/**
 * The zero-padded copy of one image that {@link DirectConv} reads in place of a column matrix, and where each tap of
 * the window starts in it.
 */
final class PaddedPlanes {
    final int channels;
    final int height;
    final int width;
    final int padTop;
    final int padLeft;
    final int paddedH;
    final int paddedW;
    final int outH;
    final int outW;
    final int paddedLength;
    /**
     * Offsets of the taps (c, kh, kw) in order, then zeros up to a multiple of the weight gradient's tap blocks (of
     * {@link ConvTiles#weightTaps} and of {@link ConvTiles#rowTaps}).
     */
    final int[] offsets;
    private final int kernelArea;

    PaddedPlanes(ConvTiles tiles, int channels, int height, int width, int padTop, int padBottom, int padLeft,
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
        this.offsets = new int[Math.max(DirectConv.roundUp(depth, tiles.weightTaps()),
                DirectConv.roundUp(depth, tiles.rowTaps()))];
        for (int c = 0, p = 0; c < channels; c++) {
            for (int kh = 0; kh < kernelH; kh++) {
                for (int kw = 0; kw < kernelW; kw++, p++) {
                    offsets[p] = (c * paddedH + kh) * paddedW + kw;
                }
            }
        }
        // Every output row, each padded to Wp columns, in tiles of nr (or a row at a time, rowLanes columns
        // at once); the last tiles may read past the last plane into a zeroed tail.
        int planes = channels * paddedH * paddedW;
        int tileReach = Math.max(DirectConv.roundUp(outH * paddedW, tiles.nr()),
                DirectConv.roundUp(outH * paddedW, tiles.wideNr()));
        int rowReach = (outH - 1) * paddedW + DirectConv.roundUp(outW, tiles.rowLanes());
        this.paddedLength = Math.max(planes, offsets[depth - 1] + Math.max(tileReach, rowReach));
    }

    int depth() {
        return channels * kernelArea;
    }

    /**
     * Copies the C planes of x from {@code from} inside the borders. The borders and the tail past the planes
     * are never written, so {@link #clear} once before a run of images keeps them zero.
     */
    void pad(float[] x, int from, float[] padded) {
        if (paddedH == height && paddedW == width) {
            System.arraycopy(x, from, padded, 0, channels * height * width);
            return;
        }
        for (int c = 0; c < channels; c++) {
            int row = (c * paddedH + padTop) * paddedW + padLeft;
            int src = from + c * height * width;
            for (int h = 0; h < height; h++, row += paddedW, src += width) {
                System.arraycopy(x, src, padded, row, width);
            }
        }
    }

    /** Zeros the buffer: the borders, and the tail that the last tiles read but no kept output uses. */
    void clear(float[] padded) {
        Arrays.fill(padded, 0, paddedLength, 0f);
    }
}
