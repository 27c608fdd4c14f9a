package conv4j.kernels;

/**
 * The two innermost loops of {@link DirectConv}, which reads its operands straight from a zero-padded image instead
 * of an unfolded column matrix. Row {@code p} of that virtual column matrix, tap (c, kh, kw) of the window, is the
 * padded image read from {@code offsets[p]} on: at row stride Wp, output position q = oh * Wp + ow reads
 * {@code x[base + offsets[p] + q]}.
 *
 * <p>Every implementation must produce the same bits: each element is a chain of fused multiply-adds in a fixed order
 * (over p for {@link #forwardTile}, over the output positions for {@link #weightTile}, over the rows for
 * {@link #rowTile}), so tile shapes and the choice of implementation never change a result.
 */
interface ConvTiles {

    /** Output channels of a forward tile, and of a packed weight panel. */
    int mr();

    /** Output positions of a forward tile. */
    int nr();

    /**
     * Output channels of the second forward tile shape, for channel counts that {@link #mr()} rows would pad more:
     * 6 rows for LeNet's 6 and 12 channels, against 8 or 4.
     */
    int wideMr();

    /** Output positions of the second forward tile shape. */
    int wideNr();

    /** {@link #forwardTile} for a {@code wideMr() x wideNr()} tile; the weights are packed in panels of wideMr(). */
    void forwardTileWide(int depth, float[] w, int wOffset, float[] x, int xBase, int[] offsets, float[] out,
                         int outOffset, int ldOut);

    /**
     * {@code dst[dstOffset + r * width + j] = src[srcOffset + r * srcStride + j]}, plus {@code bias} when
     * {@code addBias}, for r < rows and j < width: the kept columns of a forward tile into the output. It may read up
     * to {@code nr()} values past a row's end of {@code src}, and writes nothing outside the {@code rows * width}
     * destination values.
     */
    void storeRows(float[] src, int srcOffset, int srcStride, float[] dst, int dstOffset, int rows, int width,
                   boolean addBias, float bias);

    /** Output channels handled together by {@link #weightTile}; the channel stride of its arrays is a multiple. */
    int channelBlock();

    /** Taps handled together by {@link #weightTile}. */
    int weightTaps();

    /**
     * {@code out[outOffset + i * ldOut + j] = sum_p w[wOffset + p * mr() + i] * x[xBase + offsets[p] + j]} for
     * i < mr(), j < nr(), p < depth, summed in p order from zero.
     */
    void forwardTile(int depth, float[] w, int wOffset, float[] x, int xBase, int[] offsets, float[] out,
                     int outOffset, int ldOut);

    /**
     * For the {@code weightTaps()} taps {@code offsets[p0 ..]} and the {@code channelBlock()} channels from
     * {@code dyOffset}: {@code acc[accOffset + i * accStride + k] += sum_q x[xBase + offsets[p0 + i] + positions[q]]
     * * dy[dyOffset + q * dyStride + k]}, over q < count in order. {@code positions[q]} is output position q in the
     * padded layout (oh * Wp + ow); {@code dy} is the output gradient with the channels innermost.
     */
    void weightTile(int count, int[] positions, float[] x, int xBase, int[] offsets, int p0, float[] dy,
                    int dyOffset, int dyStride, float[] acc, int accOffset, int accStride);

    /** Output columns handled together by {@link #rowTile}. */
    int rowLanes();

    /** Output channels handled together by {@link #rowTile}. */
    int rowChannels();

    /** Taps handled together by {@link #rowTile}. */
    int rowTaps();

    /**
     * For {@code rowChannels()} channels, {@code rowTaps()} taps and {@code rowLanes()} output columns: {@code
     * acc[accOffset + j * accChannelStride + i * accTapStride + l] += sum_r x[xBase + offsets[p0 + i] + r * rowStride
     * + l] * dy[dyOffset + j * dyChannelStride + r * dyRowStride + l]} for j < rowChannels(), i < rowTaps() and
     * l < rowLanes(), over the rows r < rows in order. Each column keeps its own chain, and the caller sums the
     * columns in column order, so neither the lane count nor the tile shape changes a result.
     */
    void rowTile(int rows, float[] x, int xBase, int rowStride, int[] offsets, int p0, float[] dy, int dyOffset,
                 int dyChannelStride, int dyRowStride, float[] acc, int accOffset, int accChannelStride,
                 int accTapStride);

    String name();
}
