package conv4j.kernels;

import static conv4j.kernels.VectorConvTiles.SPECIES;
import static conv4j.kernels.VectorConvTiles.V;

import jdk.incubator.vector.FloatVector;

/**
 * {@link VectorConvTiles32} for 32 registers of 128 bits (ARM's NEON): forward tiles of 8 output channels x 3 vectors
 * (24 accumulators, 28 registers). With 4 lanes, 12 columns pad a row no more than 8 do at 512 bits, and each weight
 * broadcast serves 3 products instead of 2.
 */
final class VectorConvTiles32Narrow extends VectorConvTiles32 {
    static final int NR = 3 * V;

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public void forwardTile(int depth, float[] w, int wOffset, float[] x, int xBase, int[] offsets,
                            float[] out, int outOffset, int ldOut) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c02 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c12 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c22 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c32 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c42 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c51 = FloatVector.zero(SPECIES);
        FloatVector c52 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES);
        FloatVector c61 = FloatVector.zero(SPECIES);
        FloatVector c62 = FloatVector.zero(SPECIES);
        FloatVector c70 = FloatVector.zero(SPECIES);
        FloatVector c71 = FloatVector.zero(SPECIES);
        FloatVector c72 = FloatVector.zero(SPECIES);
        int p = 0;
        do {
            int xRow = xBase + offsets[p];
            int wCol = wOffset + p * MR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, x, xRow);
            FloatVector b1 = FloatVector.fromArray(SPECIES, x, xRow + V);
            FloatVector b2 = FloatVector.fromArray(SPECIES, x, xRow + 2 * V);
            FloatVector a = FloatVector.broadcast(SPECIES, w[wCol]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            c02 = a.fma(b2, c02);
            a = FloatVector.broadcast(SPECIES, w[wCol + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            c12 = a.fma(b2, c12);
            a = FloatVector.broadcast(SPECIES, w[wCol + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            c22 = a.fma(b2, c22);
            a = FloatVector.broadcast(SPECIES, w[wCol + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            c32 = a.fma(b2, c32);
            a = FloatVector.broadcast(SPECIES, w[wCol + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            c42 = a.fma(b2, c42);
            a = FloatVector.broadcast(SPECIES, w[wCol + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            c52 = a.fma(b2, c52);
            a = FloatVector.broadcast(SPECIES, w[wCol + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            c62 = a.fma(b2, c62);
            a = FloatVector.broadcast(SPECIES, w[wCol + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
            c72 = a.fma(b2, c72);
        } while (++p < depth);
        int r = outOffset;
        c00.intoArray(out, r);
        c01.intoArray(out, r + V);
        c02.intoArray(out, r + 2 * V);
        r += ldOut;
        c10.intoArray(out, r);
        c11.intoArray(out, r + V);
        c12.intoArray(out, r + 2 * V);
        r += ldOut;
        c20.intoArray(out, r);
        c21.intoArray(out, r + V);
        c22.intoArray(out, r + 2 * V);
        r += ldOut;
        c30.intoArray(out, r);
        c31.intoArray(out, r + V);
        c32.intoArray(out, r + 2 * V);
        r += ldOut;
        c40.intoArray(out, r);
        c41.intoArray(out, r + V);
        c42.intoArray(out, r + 2 * V);
        r += ldOut;
        c50.intoArray(out, r);
        c51.intoArray(out, r + V);
        c52.intoArray(out, r + 2 * V);
        r += ldOut;
        c60.intoArray(out, r);
        c61.intoArray(out, r + V);
        c62.intoArray(out, r + 2 * V);
        r += ldOut;
        c70.intoArray(out, r);
        c71.intoArray(out, r + V);
        c72.intoArray(out, r + 2 * V);
    }
}
