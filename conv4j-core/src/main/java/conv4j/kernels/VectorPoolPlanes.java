package conv4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max pooling of narrow planes (LeNet's 14 and 5 wide outputs, too narrow for {@link VectorPoolRows}) a vector of
 * outputs at a time, the outputs of consecutive planes taken as one sequence. A block of planes whose output count is
 * a multiple of the vector length has a table of each output's window corner; each window tap is then one gather.
 * Taps are visited in the scalar loop's order and a later value must be strictly larger (or NaN) to win, so the
 * argmax matches {@link PoolRows}. Padded windows (ResNet's 3x3 stride 2 stem pooling on a CIFAR batch, 8 wide) gather
 * each tap under a mask of the outputs whose window it reads inside. Loaded only when the incubator module is
 * present.
 */
final class VectorPoolPlanes {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, FLOATS.vectorShape());
    static final int LANES = FLOATS.length();

    private VectorPoolPlanes() {
    }

    /**
     * Blocks {@code [from, to)} of {@code corners.length} outputs each; {@code corners[i]} is output i's window
     * corner relative to the block's first input, {@code taps} the window's offsets from its corner. With padding,
     * {@code inside[t * outputs + i]} says whether tap t of output i reads the input (padding reads as minus
     * infinity, so it never wins) and {@code first[i]} is the input that output i takes when nothing beats minus
     * infinity: its window's first input; without padding both are null.
     */
    static void max(float[] x, float[] y, int[] argmax, int[] corners, int[] taps, boolean[] inside, int[] first,
                    int blockInput, int from, int to) {
        int blockOutput = corners.length;
        for (int block = from; block < to; block++) {
            int xBase = block * blockInput;
            int o = block * blockOutput;
            for (int i = 0; i < blockOutput; i += LANES) {
                if (inside == null) {
                    maxVector(x, y, argmax, corners, i, taps, xBase, o + i);
                } else {
                    maxVectorPadded(x, y, argmax, corners, i, taps, inside, first, xBase, o + i);
                }
            }
        }
    }

    // One vector of outputs; the taps run in a single loop so that C2 keeps max and its index in registers.
    private static void maxVector(float[] x, float[] y, int[] argmax, int[] corners, int i, int[] taps, int xBase,
                                  int o) {
        IntVector corner = IntVector.fromArray(INTS, corners, i).add(xBase);
        FloatVector max = FloatVector.broadcast(FLOATS, Float.NEGATIVE_INFINITY);
        IntVector best = corner.add(taps[0]);
        for (int t = 0; t < taps.length; t++) {
            FloatVector v = FloatVector.fromArray(FLOATS, x, xBase + taps[t], corners, i);
            VectorMask<Float> take = v.compare(VectorOperators.GT, max).or(v.test(VectorOperators.IS_NAN));
            max = max.blend(v, take);
            best = best.blend(corner.add(taps[t]), take.cast(INTS));
        }
        max.intoArray(y, o);
        best.intoArray(argmax, o);
    }

    // As maxVector, each tap gathered only where it reads the input.
    private static void maxVectorPadded(float[] x, float[] y, int[] argmax, int[] corners, int i, int[] taps,
                                        boolean[] inside, int[] first, int xBase, int o) {
        int outputs = corners.length;
        IntVector corner = IntVector.fromArray(INTS, corners, i).add(xBase);
        FloatVector max = FloatVector.broadcast(FLOATS, Float.NEGATIVE_INFINITY);
        IntVector best = IntVector.fromArray(INTS, first, i).add(xBase);
        for (int t = 0; t < taps.length; t++) {
            VectorMask<Float> in = VectorMask.fromArray(FLOATS, inside, t * outputs + i);
            FloatVector v = FloatVector.fromArray(FLOATS, x, xBase + taps[t], corners, i, in);
            VectorMask<Float> take = v.compare(VectorOperators.GT, max).or(v.test(VectorOperators.IS_NAN)).and(in);
            max = max.blend(v, take);
            best = best.blend(corner.add(taps[t]), take.cast(INTS));
        }
        max.intoArray(y, o);
        best.intoArray(argmax, o);
    }
}
