package conv4j.kernels;

/**
 * The plain-Java twin of {@link VectorConvTiles}, used when the Vector API module is not loaded or the scalar GEMM is
 * forced: the same fused multiply-adds in the same order, one element at a time.
 */
final class ScalarConvTiles implements ConvTiles {
    static final int MR = 4;
    static final int NR = 8;
    static final int CHANNEL_BLOCK = 4;

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
    public String name() {
        return "scalar " + MR + "x" + NR;
    }

    @Override
    public void forwardTile(int depth, float[] w, int wOffset, float[] x, int xBase, int[] offsets, float[] out,
                            int outOffset, int ldOut) {
        for (int i = 0; i < MR; i++) {
            for (int j = 0; j < NR; j++) {
                float sum = 0f;
                for (int p = 0; p < depth; p++) {
                    sum = Math.fma(w[wOffset + p * MR + i], x[xBase + offsets[p] + j], sum);
                }
                out[outOffset + i * ldOut + j] = sum;
            }
        }
    }

    @Override
    public void weightTile(int count, int[] positions, float[] x, int xBase, int[] offsets, int p0, float[] dy,
                           int dyOffset, int dyStride, float[] acc, int accOffset, int accStride) {
        for (int i = 0; i < MR; i++) {
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
}
