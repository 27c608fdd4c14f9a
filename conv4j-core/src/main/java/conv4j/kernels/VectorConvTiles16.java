package conv4j.kernels;

import static conv4j.kernels.VectorConvTiles.SPECIES;
import static conv4j.kernels.VectorConvTiles.V;

import jdk.incubator.vector.FloatVector;

/**
 * Tiles for 16 vector registers (AVX2), where each inner loop must hold its accumulators, the vectors it loads and one
 * broadcast value. Forward: 6 output channels x 2 vectors (12 accumulators, 15 registers); 4 x 3 vectors would need
 * all 16 and spilled (ResNet 8x64x56x56 k64: 52.6 against 10.8 ms for 6 x 2), as did 3 x 4. Weight gradient: 8 taps x
 * one vector (10 registers); 12 taps were no faster. Rows: 2 channels x 5 taps (16 registers), which fits LeNet C1's
 * 6 channels and 5x5 window with no padding; 3 x 3 and 6 x 2 were as fast on C1, 2 x 5 faster on 8 channels 3x3.
 */
final class VectorConvTiles16 extends VectorConvTiles {
    static final int MR = 6;
    static final int NR = 2 * V;
    static final int ROW_CHANNELS = 2;
    static final int ROW_TAPS = 5;

    VectorConvTiles16() {
        super(16);
    }

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public int wideMr() {
        return MR;
    }

    @Override
    public int wideNr() {
        return NR;
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
    }

    // The 6-row tile is the one tile: 6 x 4 vectors would need 29 registers, and for 8 or 16 channels 4 x 2 vectors
    // (8 accumulators) are slower than 6 x 2 with its padded rows (LeNet C3, 16 channels: 0.44 against 0.32 ms).
    @Override
    public void forwardTileWide(int depth, float[] w, int wOffset, float[] x, int xBase, int[] offsets,
                                float[] out, int outOffset, int ldOut) {
        forwardTile(depth, w, wOffset, x, xBase, offsets, out, outOffset, ldOut);
    }

    @Override
    public void rowTile(int rows, float[] x, int xBase, int rowStride, int[] offsets, int p0, float[] dy,
                        int dyOffset, int dyChannelStride, int dyRowStride, float[] acc, int accOffset,
                        int accChannelStride, int accTapStride) {
        int t0 = xBase + offsets[p0];
        int t1 = xBase + offsets[p0 + 1];
        int t2 = xBase + offsets[p0 + 2];
        int t3 = xBase + offsets[p0 + 3];
        int t4 = xBase + offsets[p0 + 4];
        int c0 = accOffset;
        int c1 = c0 + accChannelStride;
        FloatVector a00 = FloatVector.fromArray(SPECIES, acc, c0);
        FloatVector a01 = FloatVector.fromArray(SPECIES, acc, c0 + accTapStride);
        FloatVector a02 = FloatVector.fromArray(SPECIES, acc, c0 + 2 * accTapStride);
        FloatVector a03 = FloatVector.fromArray(SPECIES, acc, c0 + 3 * accTapStride);
        FloatVector a04 = FloatVector.fromArray(SPECIES, acc, c0 + 4 * accTapStride);
        FloatVector a10 = FloatVector.fromArray(SPECIES, acc, c1);
        FloatVector a11 = FloatVector.fromArray(SPECIES, acc, c1 + accTapStride);
        FloatVector a12 = FloatVector.fromArray(SPECIES, acc, c1 + 2 * accTapStride);
        FloatVector a13 = FloatVector.fromArray(SPECIES, acc, c1 + 3 * accTapStride);
        FloatVector a14 = FloatVector.fromArray(SPECIES, acc, c1 + 4 * accTapStride);
        int r = 0;
        do {
            int xr = r * rowStride;
            int d = dyOffset + r * dyRowStride;
            FloatVector x0 = FloatVector.fromArray(SPECIES, x, t0 + xr);
            FloatVector x1 = FloatVector.fromArray(SPECIES, x, t1 + xr);
            FloatVector x2 = FloatVector.fromArray(SPECIES, x, t2 + xr);
            FloatVector x3 = FloatVector.fromArray(SPECIES, x, t3 + xr);
            FloatVector x4 = FloatVector.fromArray(SPECIES, x, t4 + xr);
            FloatVector g = FloatVector.fromArray(SPECIES, dy, d);
            a00 = x0.fma(g, a00);
            a01 = x1.fma(g, a01);
            a02 = x2.fma(g, a02);
            a03 = x3.fma(g, a03);
            a04 = x4.fma(g, a04);
            g = FloatVector.fromArray(SPECIES, dy, d + dyChannelStride);
            a10 = x0.fma(g, a10);
            a11 = x1.fma(g, a11);
            a12 = x2.fma(g, a12);
            a13 = x3.fma(g, a13);
            a14 = x4.fma(g, a14);
        } while (++r < rows);
        a00.intoArray(acc, c0);
        a01.intoArray(acc, c0 + accTapStride);
        a02.intoArray(acc, c0 + 2 * accTapStride);
        a03.intoArray(acc, c0 + 3 * accTapStride);
        a04.intoArray(acc, c0 + 4 * accTapStride);
        a10.intoArray(acc, c1);
        a11.intoArray(acc, c1 + accTapStride);
        a12.intoArray(acc, c1 + 2 * accTapStride);
        a13.intoArray(acc, c1 + 3 * accTapStride);
        a14.intoArray(acc, c1 + 4 * accTapStride);
    }
}
