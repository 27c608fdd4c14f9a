package conv4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API tiles of {@link DirectConv}. Forward: 8 output channels x 2 vectors of output positions held in
 * sixteen accumulators, as in the GEMM micro-kernel, but each depth step loads its two vectors from the padded image
 * at {@code offsets[p]} instead of from a packed panel, so nothing is unfolded. Weight gradient: 8 taps x one vector
 * of output channels; each output position broadcasts one input value per tap against that position's vector of
 * channel gradients, so every sum runs along the output positions in order, with no reduction across lanes.
 *
 * <p>Loaded only by name, after checking that the incubator module is present (see {@link DirectConv}).
 */
final class VectorConvTiles implements ConvTiles {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int V = SPECIES.length();
    static final int MR = 8;
    static final int NR = 2 * V;

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
        return V;
    }

    @Override
    public String name() {
        return "vector " + MR + "x" + NR + " (" + SPECIES.vectorBitSize() + "-bit)";
    }

    @Override
    public void forwardTile(int depth, float[] w, int wOffset, float[] x, int xBase, int[] offsets, float[] out,
                            int outOffset, int ldOut) {
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
        for (int p = 0; p < depth; p++) {
            int xRow = xBase + offsets[p];
            int wCol = wOffset + p * MR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, x, xRow);
            FloatVector b1 = FloatVector.fromArray(SPECIES, x, xRow + V);
            FloatVector a0 = FloatVector.broadcast(SPECIES, w[wCol]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, w[wCol + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, w[wCol + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, w[wCol + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(SPECIES, w[wCol + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(SPECIES, w[wCol + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(SPECIES, w[wCol + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(SPECIES, w[wCol + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
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
    public void weightTile(int count, int[] positions, float[] x, int xBase, int[] offsets, int p0, float[] dy,
                           int dyOffset, int dyStride, float[] acc, int accOffset, int accStride) {
        int t0 = xBase + offsets[p0];
        int t1 = xBase + offsets[p0 + 1];
        int t2 = xBase + offsets[p0 + 2];
        int t3 = xBase + offsets[p0 + 3];
        int t4 = xBase + offsets[p0 + 4];
        int t5 = xBase + offsets[p0 + 5];
        int t6 = xBase + offsets[p0 + 6];
        int t7 = xBase + offsets[p0 + 7];
        FloatVector a0 = FloatVector.fromArray(SPECIES, acc, accOffset);
        FloatVector a1 = FloatVector.fromArray(SPECIES, acc, accOffset + accStride);
        FloatVector a2 = FloatVector.fromArray(SPECIES, acc, accOffset + 2 * accStride);
        FloatVector a3 = FloatVector.fromArray(SPECIES, acc, accOffset + 3 * accStride);
        FloatVector a4 = FloatVector.fromArray(SPECIES, acc, accOffset + 4 * accStride);
        FloatVector a5 = FloatVector.fromArray(SPECIES, acc, accOffset + 5 * accStride);
        FloatVector a6 = FloatVector.fromArray(SPECIES, acc, accOffset + 6 * accStride);
        FloatVector a7 = FloatVector.fromArray(SPECIES, acc, accOffset + 7 * accStride);
        // One flat loop over the positions: C2 keeps vectors in registers through a single loop, but boxes them
        // (an allocation per operation) where they pass through the phis of nested loops.
        for (int i = 0, d = dyOffset; i < count; i++, d += dyStride) {
            FloatVector g = FloatVector.fromArray(SPECIES, dy, d);
            int q = positions[i];
            a0 = FloatVector.broadcast(SPECIES, x[t0 + q]).fma(g, a0);
            a1 = FloatVector.broadcast(SPECIES, x[t1 + q]).fma(g, a1);
            a2 = FloatVector.broadcast(SPECIES, x[t2 + q]).fma(g, a2);
            a3 = FloatVector.broadcast(SPECIES, x[t3 + q]).fma(g, a3);
            a4 = FloatVector.broadcast(SPECIES, x[t4 + q]).fma(g, a4);
            a5 = FloatVector.broadcast(SPECIES, x[t5 + q]).fma(g, a5);
            a6 = FloatVector.broadcast(SPECIES, x[t6 + q]).fma(g, a6);
            a7 = FloatVector.broadcast(SPECIES, x[t7 + q]).fma(g, a7);
        }
        a0.intoArray(acc, accOffset);
        a1.intoArray(acc, accOffset + accStride);
        a2.intoArray(acc, accOffset + 2 * accStride);
        a3.intoArray(acc, accOffset + 3 * accStride);
        a4.intoArray(acc, accOffset + 4 * accStride);
        a5.intoArray(acc, accOffset + 5 * accStride);
        a6.intoArray(acc, accOffset + 6 * accStride);
        a7.intoArray(acc, accOffset + 7 * accStride);
    }
}
