package conv4j.kernels;

/**
 * The two innermost loops of {@link DirectConv}, which reads its operands straight from a zero-padded image instead
 * of an unfolded column matrix. Row {@code p} of that virtual column matrix, tap (c, kh, kw) of the window, is the
 * padded image read from {@code offsets[p]} on: at row stride Wp, output position q = oh * Wp + ow reads
 * {@code x[base + offsets[p] + q]}.
 *
 * <p>Every implementation must produce the same bits: each element is a chain of fused multiply-adds in a fixed order
 * (over p for {@link #forwardTile}, over the output positions for {@link #weightTile}), so tile shapes and the choice
 * of implementation never change a result.
 */
interface ConvTiles {

    /** Output channels of a forward tile, and of a packed weight panel. */
    int mr();

    /** Output positions of a forward tile. */
    int nr();

    /** Output channels handled together by {@link #weightTile}; the channel stride of its arrays is a multiple. */
    int channelBlock();

    /**
     * {@code out[outOffset + i * ldOut + j] = sum_p w[wOffset + p * mr() + i] * x[xBase + offsets[p] + j]} for
     * i < mr(), j < nr(), p < depth, summed in p order from zero.
     */
    void forwardTile(int depth, float[] w, int wOffset, float[] x, int xBase, int[] offsets, float[] out,
                     int outOffset, int ldOut);

    /**
     * For the {@code mr()} taps {@code offsets[p0 ..]} and the {@code channelBlock()} channels from {@code dyOffset}:
     * {@code acc[accOffset + i * accStride + k] += sum_q x[xBase + offsets[p0 + i] + positions[q]]
     * * dy[dyOffset + q * dyStride + k]}, over q < count in order. {@code positions[q]} is output position q in the
     * padded layout (oh * Wp + ow); {@code dy} is the output gradient with the channels innermost.
     */
    void weightTile(int count, int[] positions, float[] x, int xBase, int[] offsets, int p0, float[] dy,
                    int dyOffset, int dyStride, float[] acc, int accOffset, int accStride);

    String name();
}
