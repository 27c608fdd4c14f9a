package conv4j.kernels;

import static conv4j.kernels.VectorConvTiles.SPECIES;
import static conv4j.kernels.VectorConvTiles.V;

import jdk.incubator.vector.FloatVector;

/**
 * Tiles for 32 vector registers (AVX-512, 256-bit vectors on it, and ARM's NEON). Forward: 8 output channels x 2
 * vectors in sixteen accumulators; 6 x 4 vectors (24) for 6 or 12 channels. Weight gradient: 8 taps x one vector
 * of channels, as with 16 registers. 16 taps were 5 to 10 % faster on 64-channel 3x3 layers (ResNet 8x64x56x56
 * k64: 10.1 against 11.2 ms), but in about one JVM of four C2 compiled that loop without the Vector API's
 * intrinsics, every operation then allocating: ResNet-18's CIFAR training step (batch 64) took 170 to 390 ms instead
 * of 90, while 8 taps gave 85 to 106 in eight JVMs of eight. Rows: 4 channels x 4 taps
 * (21 registers with the four input vectors and a gradient vector): LeNet C1's weight gradient (64x1x28x28 k6 5x5,
 * Conv2dBench backwardWeight at 512 bits, medians of 12) took 0.19 ms against 0.24 for 3 x 5, although 3 x 5 pads
 * neither its 6 channels nor its 25 taps.
 */
final class VectorConvTiles32 extends VectorConvTiles {
    static final int MR = 8;
    static final int NR = 2 * V;
    static final int WIDE_MR = 6;
    static final int WIDE_NR = 4 * V;
    static final int ROW_CHANNELS = 4;
    static final int ROW_TAPS = 4;

    VectorConvTiles32() {
        super(32);
    }

    @Override
    public final int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public final int wideMr() {
        return WIDE_MR;
    }

    @Override
    public final int wideNr() {
        return WIDE_NR;
    }

    @Override
    public final int rowChannels() {
        return ROW_CHANNELS;
    }

    @Override
    public final int rowTaps() {
        return ROW_TAPS;
    }

    @Override
    public void forwardTile(int depth, float[] w, int wOffset, float[] x, int xBase, int[] offsets,
                            float[] out, int outOffset, int ldOut) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c51 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES);
        FloatVector c61 = FloatVector.zero(SPECIES);
        FloatVector c70 = FloatVector.zero(SPECIES);
        FloatVector c71 = FloatVector.zero(SPECIES);
        int p = 0;
        do {
            int xRow = xBase + offsets[p];
            int wCol = wOffset + p * MR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, x, xRow);
            FloatVector b1 = FloatVector.fromArray(SPECIES, x, xRow + V);
            FloatVector a = FloatVector.broadcast(SPECIES, w[wCol]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(SPECIES, w[wCol + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(SPECIES, w[wCol + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(SPECIES, w[wCol + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(SPECIES, w[wCol + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(SPECIES, w[wCol + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(SPECIES, w[wCol + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(SPECIES, w[wCol + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
        } while (++p < depth);
        int r = outOffset;
        c00.intoArray(out, r);
        c01.intoArray(out, r + V);
        r += ldOut;
        c10.intoArray(out, r);
        c11.intoArray(out, r + V);
        r += ldOut;
        c20.intoArray(out, r);
        c21.intoArray(out, r + V);
        r += ldOut;
        c30.intoArray(out, r);
        c31.intoArray(out, r + V);
        r += ldOut;
        c40.intoArray(out, r);
        c41.intoArray(out, r + V);
        r += ldOut;
        c50.intoArray(out, r);
        c51.intoArray(out, r + V);
        r += ldOut;
        c60.intoArray(out, r);
        c61.intoArray(out, r + V);
        r += ldOut;
        c70.intoArray(out, r);
        c71.intoArray(out, r + V);
    }

    @Override
    public void forwardTileWide(int depth, float[] w, int wOffset, float[] x, int xBase, int[] offsets,
                                float[] out, int outOffset, int ldOut) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c02 = FloatVector.zero(SPECIES);
        FloatVector c03 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c12 = FloatVector.zero(SPECIES);
        FloatVector c13 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c22 = FloatVector.zero(SPECIES);
        FloatVector c23 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c32 = FloatVector.zero(SPECIES);
        FloatVector c33 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c42 = FloatVector.zero(SPECIES);
        FloatVector c43 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c51 = FloatVector.zero(SPECIES);
        FloatVector c52 = FloatVector.zero(SPECIES);
        FloatVector c53 = FloatVector.zero(SPECIES);
        int p = 0;
        do {
            int xRow = xBase + offsets[p];
            int wCol = wOffset + p * WIDE_MR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, x, xRow);
            FloatVector b1 = FloatVector.fromArray(SPECIES, x, xRow + V);
            FloatVector b2 = FloatVector.fromArray(SPECIES, x, xRow + 2 * V);
            FloatVector b3 = FloatVector.fromArray(SPECIES, x, xRow + 3 * V);
            FloatVector a = FloatVector.broadcast(SPECIES, w[wCol]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            c02 = a.fma(b2, c02);
            c03 = a.fma(b3, c03);
            a = FloatVector.broadcast(SPECIES, w[wCol + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            c12 = a.fma(b2, c12);
            c13 = a.fma(b3, c13);
            a = FloatVector.broadcast(SPECIES, w[wCol + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            c22 = a.fma(b2, c22);
            c23 = a.fma(b3, c23);
            a = FloatVector.broadcast(SPECIES, w[wCol + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            c32 = a.fma(b2, c32);
            c33 = a.fma(b3, c33);
            a = FloatVector.broadcast(SPECIES, w[wCol + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            c42 = a.fma(b2, c42);
            c43 = a.fma(b3, c43);
            a = FloatVector.broadcast(SPECIES, w[wCol + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            c52 = a.fma(b2, c52);
            c53 = a.fma(b3, c53);
        } while (++p < depth);
        int r = outOffset;
        c00.intoArray(out, r);
        c01.intoArray(out, r + V);
        c02.intoArray(out, r + 2 * V);
        c03.intoArray(out, r + 3 * V);
        r += ldOut;
        c10.intoArray(out, r);
        c11.intoArray(out, r + V);
        c12.intoArray(out, r + 2 * V);
        c13.intoArray(out, r + 3 * V);
        r += ldOut;
        c20.intoArray(out, r);
        c21.intoArray(out, r + V);
        c22.intoArray(out, r + 2 * V);
        c23.intoArray(out, r + 3 * V);
        r += ldOut;
        c30.intoArray(out, r);
        c31.intoArray(out, r + V);
        c32.intoArray(out, r + 2 * V);
        c33.intoArray(out, r + 3 * V);
        r += ldOut;
        c40.intoArray(out, r);
        c41.intoArray(out, r + V);
        c42.intoArray(out, r + 2 * V);
        c43.intoArray(out, r + 3 * V);
        r += ldOut;
        c50.intoArray(out, r);
        c51.intoArray(out, r + V);
        c52.intoArray(out, r + 2 * V);
        c53.intoArray(out, r + 3 * V);
    }

    @Override
    public void rowTile(int rows, float[] x, int xBase, int rowStride, int[] offsets, int p0, float[] dy,
                        int dyOffset, int dyChannelStride, int dyRowStride, float[] acc, int accOffset,
                        int accChannelStride, int accTapStride) {
        int t0 = xBase + offsets[p0];
        int t1 = xBase + offsets[p0 + 1];
        int t2 = xBase + offsets[p0 + 2];
        int t3 = xBase + offsets[p0 + 3];
        int c0 = accOffset;
        int c1 = c0 + accChannelStride;
        int c2 = c1 + accChannelStride;
        int c3 = c2 + accChannelStride;
        FloatVector a00 = FloatVector.fromArray(SPECIES, acc, c0);
        FloatVector a01 = FloatVector.fromArray(SPECIES, acc, c0 + accTapStride);
        FloatVector a02 = FloatVector.fromArray(SPECIES, acc, c0 + 2 * accTapStride);
        FloatVector a03 = FloatVector.fromArray(SPECIES, acc, c0 + 3 * accTapStride);
        FloatVector a10 = FloatVector.fromArray(SPECIES, acc, c1);
        FloatVector a11 = FloatVector.fromArray(SPECIES, acc, c1 + accTapStride);
        FloatVector a12 = FloatVector.fromArray(SPECIES, acc, c1 + 2 * accTapStride);
        FloatVector a13 = FloatVector.fromArray(SPECIES, acc, c1 + 3 * accTapStride);
        FloatVector a20 = FloatVector.fromArray(SPECIES, acc, c2);
        FloatVector a21 = FloatVector.fromArray(SPECIES, acc, c2 + accTapStride);
        FloatVector a22 = FloatVector.fromArray(SPECIES, acc, c2 + 2 * accTapStride);
        FloatVector a23 = FloatVector.fromArray(SPECIES, acc, c2 + 3 * accTapStride);
        FloatVector a30 = FloatVector.fromArray(SPECIES, acc, c3);
        FloatVector a31 = FloatVector.fromArray(SPECIES, acc, c3 + accTapStride);
        FloatVector a32 = FloatVector.fromArray(SPECIES, acc, c3 + 2 * accTapStride);
        FloatVector a33 = FloatVector.fromArray(SPECIES, acc, c3 + 3 * accTapStride);
        int r = 0;
        do {
            int xr = r * rowStride;
            int d = dyOffset + r * dyRowStride;
            FloatVector x0 = FloatVector.fromArray(SPECIES, x, t0 + xr);
            FloatVector x1 = FloatVector.fromArray(SPECIES, x, t1 + xr);
            FloatVector x2 = FloatVector.fromArray(SPECIES, x, t2 + xr);
            FloatVector x3 = FloatVector.fromArray(SPECIES, x, t3 + xr);
            FloatVector g = FloatVector.fromArray(SPECIES, dy, d);
            a00 = x0.fma(g, a00);
            a01 = x1.fma(g, a01);
            a02 = x2.fma(g, a02);
            a03 = x3.fma(g, a03);
            g = FloatVector.fromArray(SPECIES, dy, d + dyChannelStride);
            a10 = x0.fma(g, a10);
            a11 = x1.fma(g, a11);
            a12 = x2.fma(g, a12);
            a13 = x3.fma(g, a13);
            g = FloatVector.fromArray(SPECIES, dy, d + 2 * dyChannelStride);
            a20 = x0.fma(g, a20);
            a21 = x1.fma(g, a21);
            a22 = x2.fma(g, a22);
            a23 = x3.fma(g, a23);
            g = FloatVector.fromArray(SPECIES, dy, d + 3 * dyChannelStride);
            a30 = x0.fma(g, a30);
            a31 = x1.fma(g, a31);
            a32 = x2.fma(g, a32);
            a33 = x3.fma(g, a33);
        } while (++r < rows);
        a00.intoArray(acc, c0);
        a01.intoArray(acc, c0 + accTapStride);
        a02.intoArray(acc, c0 + 2 * accTapStride);
        a03.intoArray(acc, c0 + 3 * accTapStride);
        a10.intoArray(acc, c1);
        a11.intoArray(acc, c1 + accTapStride);
        a12.intoArray(acc, c1 + 2 * accTapStride);
        a13.intoArray(acc, c1 + 3 * accTapStride);
        a20.intoArray(acc, c2);
        a21.intoArray(acc, c2 + accTapStride);
        a22.intoArray(acc, c2 + 2 * accTapStride);
        a23.intoArray(acc, c2 + 3 * accTapStride);
        a30.intoArray(acc, c3);
        a31.intoArray(acc, c3 + accTapStride);
        a32.intoArray(acc, c3 + 2 * accTapStride);
        a33.intoArray(acc, c3 + 3 * accTapStride);
    }
}
