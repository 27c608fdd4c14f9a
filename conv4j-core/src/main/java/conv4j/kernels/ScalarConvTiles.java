package conv4j.kernels;

/**
 * The plain-Java twin of {@link VectorConvTiles}, used when the Vector API module is not loaded or the scalar GEMM is
 * forced: the same fused multiply-adds in the same order, one element at a time.
 */
final class ScalarConvTiles implements ConvTiles {
    static final int MR = 4;
    static final int NR = 8;
    static final int CHANNEL_BLOCK = 4;
    static final int WEIGHT_TAPS = 4;
    static final int ROW_LANES = 4;
    static final int ROW_CHANNELS = 4;
    static final int ROW_TAPS = 4;
    static final int WIDE_MR = 6;
    static final int WIDE_NR = 8;

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public int channelBlock() {
        return CHANNEL_BLOCK;
    }

    @Override
    public int wideMr() {
        return WIDE_MR;
    }

    @Override
    public int wideNr() {
        return WIDE_NR;
    }

    @Override
    public int weightTaps() {
        return WEIGHT_TAPS;
    }

    @Override
    public int rowLanes() {
        return ROW_LANES;
    }

    @Override
    public int rowChannels() {
        return ROW_CHANNELS;
    }

    @Override
    public int rowTaps() {
        return ROW_TAPS;
    }

    @Override
    public String name() {
        return "scalar " + MR + "x" + NR;
    }

    @Override
    public void forwardTile(int depth, float[] w, int wOffset, float[] x, int xBase, int[] offsets, float[] out,
                            int outOffset, int ldOut) {
        tile(MR, NR, depth, w, wOffset, x, xBase, offsets, out, outOffset, ldOut);
    }

    @Override
    public void forwardTileWide(int depth, float[] w, int wOffset, float[] x, int xBase, int[] offsets,
                                float[] out, int outOffset, int ldOut) {
        tile(WIDE_MR, WIDE_NR, depth, w, wOffset, x, xBase, offsets, out, outOffset, ldOut);
    }

    private static void tile(int mr, int nr, int depth, float[] w, int wOffset, float[] x, int xBase, int[] offsets,
                             float[] out, int outOffset, int ldOut) {
        for (int i = 0; i < mr; i++) {
            for (int j = 0; j < nr; j++) {
                float sum = 0f;
                for (int p = 0; p < depth; p++) {
                    sum = Math.fma(w[wOffset + p * mr + i], x[xBase + offsets[p] + j], sum);
                }
                out[outOffset + i * ldOut + j] = sum;
            }
        }
    }

    @Override
    public void storeRows(float[] src, int srcOffset, int srcStride, float[] dst, int dstOffset, int rows,
                          int width, boolean addBias, float bias) {
        for (int r = 0; r < rows; r++) {
            int s = srcOffset + r * srcStride;
            int d = dstOffset + r * width;
            for (int j = 0; j < width; j++) {
                dst[d + j] = addBias ? src[s + j] + bias : src[s + j];
            }
        }
    }

    @Override
    public void weightTile(int count, int[] positions, float[] x, int xBase, int[] offsets, int p0, float[] dy,
                           int dyOffset, int dyStride, float[] acc, int accOffset, int accStride) {
        for (int i = 0; i < WEIGHT_TAPS; i++) {
            int tap = xBase + offsets[p0 + i];
            for (int k = 0; k < CHANNEL_BLOCK; k++) {
                float sum = acc[accOffset + i * accStride + k];
                for (int q = 0; q < count; q++) {
                    sum = Math.fma(x[tap + positions[q]], dy[dyOffset + q * dyStride + k], sum);
                }
                acc[accOffset + i * accStride + k] = sum;
            }
        }
    }

    @Override
    public void rowTile(int rows, float[] x, int xBase, int rowStride, int[] offsets, int p0, float[] dy,
                        int dyOffset, int dyChannelStride, int dyRowStride, float[] acc, int accOffset,
                        int accChannelStride, int accTapStride) {
        for (int j = 0; j < ROW_CHANNELS; j++) {
            for (int i = 0; i < ROW_TAPS; i++) {
                int tap = xBase + offsets[p0 + i];
                for (int l = 0; l < ROW_LANES; l++) {
                    int at = accOffset + j * accChannelStride + i * accTapStride + l;
                    float sum = acc[at];
                    for (int r = 0; r < rows; r++) {
                        sum = Math.fma(x[tap + r * rowStride + l], dy[dyOffset + j * dyChannelStride
                                + r * dyRowStride + l], sum);
                    }
                    acc[at] = sum;
                }
            }
        }
    }
}
