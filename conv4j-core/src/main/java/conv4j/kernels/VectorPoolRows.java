package conv4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One output row of max pooling on the Vector API, a vector of neighbouring outputs at a time: for each window
 * offset (kh, kw) the inputs of those outputs lie {@code stride} apart, so one gather fetches them. Offsets are
 * visited in the scalar loop's order (row by row, left to right), so ties and NaN pick the same argmax as
 * {@link PoolRows}. Loaded only when the incubator module is present. Measured 2.7 to 3.5 times faster than the
 * scalar row (whose data-dependent branches mispredict) for 3x3 and 2x2 windows on 28 to 112 wide planes; the same
 * scheme for average pooling was slower than the branch-free scalar loop, so that one stays scalar.
 */
final class VectorPoolRows {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, FLOATS.vectorShape());
    static final int LANES = FLOATS.length();
    private static final IntVector LANE = IntVector.zero(INTS).addIndex(1);

    private VectorPoolRows() {
    }

    /** Lane i holds i * stride: the gather offsets of neighbouring outputs. */
    static int[] gatherOffsets(int stride) {
        int[] offsets = new int[LANES];
        for (int i = 0; i < LANES; i++) {
            offsets[i] = i * stride;
        }
        return offsets;
    }

    static void maxRow(Pool2dGeometry g, float[] x, int xBase, int oh, float[] y, int[] argmax, int o0,
                       int[] offsets) {
        int inW = g.inW();
        int outW = g.outW();
        int stride = g.strideW();
        int hStart = oh * g.strideH() - g.padH();
        int hEnd = Math.min(hStart + g.kernelH(), g.inH());
        hStart = Math.max(hStart, 0);
        // Every window holds an input element, so its first one stands in until a larger value shows up.
        for (int ow = 0; ow < outW; ow++) {
            y[o0 + ow] = Float.NEGATIVE_INFINITY;
            argmax[o0 + ow] = xBase + hStart * inW + Math.max(ow * stride - g.padW(), 0);
        }
        IntVector strideLanes = LANE.mul(stride);
        for (int h = hStart; h < hEnd; h++) {
            int row = xBase + h * inW;
            for (int kw = 0; kw < g.kernelW(); kw++) {
                int shift = kw - g.padW(); // input column of output ow is ow * stride + shift
                int owLo = Math.max(0, -Math.floorDiv(shift, stride));
                int owHi = Math.min(outW, Math.floorDiv(inW - 1 - shift, stride) + 1);
                int ow = owLo;
                for (; ow + LANES <= owHi; ow += LANES) {
                    maxStep(x, row + ow * stride + shift, y, argmax, o0 + ow, offsets, strideLanes,
                            FLOATS.maskAll(true));
                }
                if (ow < owHi && owHi - owLo >= LANES) {
                    // A last vector ending at owHi; its lanes before ow were done above.
                    int start = owHi - LANES;
                    VectorMask<Float> fresh = LANE.compare(VectorOperators.GE, ow - start).cast(FLOATS);
                    maxStep(x, row + start * stride + shift, y, argmax, o0 + start, offsets, strideLanes, fresh);
                } else {
                    for (; ow < owHi; ow++) {
                        int i = row + ow * stride + shift;
                        float v = x[i];
                        if (v > y[o0 + ow] || Float.isNaN(v)) {
                            y[o0 + ow] = v;
                            argmax[o0 + ow] = i;
                        }
                    }
                }
            }
        }
    }

    private static void maxStep(float[] x, int first, float[] y, int[] argmax, int o, int[] offsets,
                                IntVector strideLanes, VectorMask<Float> lanes) {
        FloatVector v = FloatVector.fromArray(FLOATS, x, first, offsets, 0);
        FloatVector max = FloatVector.fromArray(FLOATS, y, o);
        VectorMask<Float> take = v.compare(VectorOperators.GT, max).or(v.test(VectorOperators.IS_NAN)).and(lanes);
        max.blend(v, take).intoArray(y, o);
        IntVector.fromArray(INTS, argmax, o).blend(strideLanes.add(first), take.cast(INTS)).intoArray(argmax, o);
    }
}
