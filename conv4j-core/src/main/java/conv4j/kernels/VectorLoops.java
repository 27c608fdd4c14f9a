package conv4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loops behind {@link Loops}, over {@code [from, to)}; loaded only when the incubator module is
 * present. Every result has the bits of {@link ScalarLoops}' at any vector width, compiled or interpreted: the
 * elementwise loops do the same float steps per element, and the sums add the same values in the same order.
 */
final class VectorLoops {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Vectors that hold ScalarLoops' 16 lanes of a sum. */
    private static final int GROUPS = ScalarLoops.LANES / LANES;
    static final int BLOCK = ScalarLoops.BLOCK;
    /** Where a block's lanes are stored to be added one by one: a lane read at a varying index would box. */
    private static final Scratch LANE_VALUES = new Scratch();

    private VectorLoops() {
    }

    static void reluBackward(float[] x, float[] dy, float[] dx, int from, int to) {
        int bound = from + SPECIES.loopBound(to - from);
        FloatVector zero = FloatVector.zero(SPECIES);
        int i = from;
        for (; i < bound; i += LANES) {
            VectorMask<Float> positive = FloatVector.fromArray(SPECIES, x, i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(SPECIES, dy, i), positive).intoArray(dx, i);
        }
        ScalarLoops.reluBackward(x, dy, dx, i, to);
    }

    static void leakyRelu(float alpha, float[] x, float[] y, int from, int to) {
        int bound = from + SPECIES.loopBound(to - from);
        int i = from;
        for (; i < bound; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, i);
            v.mul(alpha).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, i);
        }
        ScalarLoops.leakyRelu(alpha, x, y, i, to);
    }

    static void leakyReluBackward(float alpha, float[] x, float[] dy, float[] dx, int from, int to) {
        int bound = from + SPECIES.loopBound(to - from);
        int i = from;
        for (; i < bound; i += LANES) {
            VectorMask<Float> positive = FloatVector.fromArray(SPECIES, x, i).compare(VectorOperators.GT, 0f);
            FloatVector g = FloatVector.fromArray(SPECIES, dy, i);
            g.mul(alpha).blend(g, positive).intoArray(dx, i);
        }
        ScalarLoops.leakyReluBackward(alpha, x, dy, dx, i, to);
    }

    static void sigmoid(float[] x, float[] y, int from, int to) {
        int bound = from + SPECIES.loopBound(to - from);
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        int i = from;
        for (; i < bound; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, i);
            FloatVector e = VectorMath.exp(v.abs().neg());
            FloatVector r = one.div(one.add(e));
            // For x < 0, sigmoid(x) = e^x / (1 + e^x) = e * r with e = e^-|x|.
            r.mul(e).blend(r, v.compare(VectorOperators.GE, 0f)).intoArray(y, i);
        }
        ScalarLoops.sigmoid(x, y, i, to);
    }

    static void tanh(float[] x, float[] y, int from, int to) {
        int bound = from + SPECIES.loopBound(to - from);
        int i = from;
        for (; i < bound; i += LANES) {
            VectorMath.tanh(FloatVector.fromArray(SPECIES, x, i)).intoArray(y, i);
        }
        ScalarLoops.tanh(x, y, i, to);
    }

    static float max(float[] x, int from, int to) {
        int bound = from + SPECIES.loopBound(to - from);
        FloatVector m = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        int i = from;
        for (; i < bound; i += LANES) {
            m = m.max(FloatVector.fromArray(SPECIES, x, i));
        }
        // a maximum does not depend on the order it is taken in (NaN wins either way)
        return Math.max(m.reduceLanes(VectorOperators.MAX), ScalarLoops.max(x, i, to));
    }

    // The sums below follow ScalarLoops' order exactly (see there): element i goes to lane (i - from) % 16 of 16 float
    // lanes, held here as GROUPS vectors (one at 512 bits, two at 256, four at 128); the vectors take the whole
    // chunks of 16 of a block, a block's tail goes into its lanes one element at a time, and the lanes are added in
    // lane order into a double. The accumulators start from FloatVector.zero, not from a constant vector in a field:
    // C2 would box the sum at every step of a loop that starts from an object.

    static double expShifted(float[] x, int from, int to, float shift, float[] y, int yFrom) {
        double sum = 0;
        float[] lanes = LANE_VALUES.get(ScalarLoops.LANES);
        int o = yFrom - from;
        for (int start = from; start < to; start += BLOCK) {
            int end = Math.min(to, start + BLOCK);
            int chunks = start + (end - start) / ScalarLoops.LANES * ScalarLoops.LANES;
            FloatVector s0 = FloatVector.zero(SPECIES);
            FloatVector s1 = FloatVector.zero(SPECIES);
            FloatVector s2 = FloatVector.zero(SPECIES);
            FloatVector s3 = FloatVector.zero(SPECIES);
            for (int i = start; i < chunks; i += ScalarLoops.LANES) {
                s0 = s0.add(expInto(x, i, shift, y, o));
                if (GROUPS > 1) {
                    s1 = s1.add(expInto(x, i + LANES, shift, y, o));
                }
                if (GROUPS > 2) {
                    s2 = s2.add(expInto(x, i + 2 * LANES, shift, y, o));
                    s3 = s3.add(expInto(x, i + 3 * LANES, shift, y, o));
                }
            }
            store(lanes, s0, s1, s2, s3);
            for (int i = chunks, lane = 0; i < end; i++, lane++) {
                float e = FloatMath.exp(x[i] - shift);
                y[i + o] = e;
                lanes[lane] += e;
            }
            sum = add(sum, lanes);
        }
        return sum;
    }

    private static FloatVector expInto(float[] x, int i, float shift, float[] y, int o) {
        FloatVector e = VectorMath.exp(FloatVector.fromArray(SPECIES, x, i).sub(shift));
        e.intoArray(y, i + o);
        return e;
    }

    static double sumExpShifted(float[] x, int from, int to, float shift) {
        double sum = 0;
        float[] lanes = LANE_VALUES.get(ScalarLoops.LANES);
        for (int start = from; start < to; start += BLOCK) {
            int end = Math.min(to, start + BLOCK);
            int chunks = start + (end - start) / ScalarLoops.LANES * ScalarLoops.LANES;
            FloatVector s0 = FloatVector.zero(SPECIES);
            FloatVector s1 = FloatVector.zero(SPECIES);
            FloatVector s2 = FloatVector.zero(SPECIES);
            FloatVector s3 = FloatVector.zero(SPECIES);
            for (int i = start; i < chunks; i += ScalarLoops.LANES) {
                s0 = s0.add(VectorMath.exp(FloatVector.fromArray(SPECIES, x, i).sub(shift)));
                if (GROUPS > 1) {
                    s1 = s1.add(VectorMath.exp(FloatVector.fromArray(SPECIES, x, i + LANES).sub(shift)));
                }
                if (GROUPS > 2) {
                    s2 = s2.add(VectorMath.exp(FloatVector.fromArray(SPECIES, x, i + 2 * LANES).sub(shift)));
                    s3 = s3.add(VectorMath.exp(FloatVector.fromArray(SPECIES, x, i + 3 * LANES).sub(shift)));
                }
            }
            store(lanes, s0, s1, s2, s3);
            for (int i = chunks, lane = 0; i < end; i++, lane++) {
                lanes[lane] += FloatMath.exp(x[i] - shift);
            }
            sum = add(sum, lanes);
        }
        return sum;
    }

    static double sum(float[] x, int from, int to) {
        double sum = 0;
        float[] lanes = LANE_VALUES.get(ScalarLoops.LANES);
        for (int start = from; start < to; start += BLOCK) {
            int end = Math.min(to, start + BLOCK);
            int chunks = start + (end - start) / ScalarLoops.LANES * ScalarLoops.LANES;
            FloatVector s0 = FloatVector.zero(SPECIES);
            FloatVector s1 = FloatVector.zero(SPECIES);
            FloatVector s2 = FloatVector.zero(SPECIES);
            FloatVector s3 = FloatVector.zero(SPECIES);
            for (int i = start; i < chunks; i += ScalarLoops.LANES) {
                s0 = s0.add(FloatVector.fromArray(SPECIES, x, i));
                if (GROUPS > 1) {
                    s1 = s1.add(FloatVector.fromArray(SPECIES, x, i + LANES));
                }
                if (GROUPS > 2) {
                    s2 = s2.add(FloatVector.fromArray(SPECIES, x, i + 2 * LANES));
                    s3 = s3.add(FloatVector.fromArray(SPECIES, x, i + 3 * LANES));
                }
            }
            store(lanes, s0, s1, s2, s3);
            for (int i = chunks, lane = 0; i < end; i++, lane++) {
                lanes[lane] += x[i];
            }
            sum = add(sum, lanes);
        }
        return sum;
    }

    static double sumSquaredDeviation(float[] x, int from, int to, float mean) {
        double sum = 0;
        float[] lanes = LANE_VALUES.get(ScalarLoops.LANES);
        for (int start = from; start < to; start += BLOCK) {
            int end = Math.min(to, start + BLOCK);
            int chunks = start + (end - start) / ScalarLoops.LANES * ScalarLoops.LANES;
            FloatVector s0 = FloatVector.zero(SPECIES);
            FloatVector s1 = FloatVector.zero(SPECIES);
            FloatVector s2 = FloatVector.zero(SPECIES);
            FloatVector s3 = FloatVector.zero(SPECIES);
            for (int i = start; i < chunks; i += ScalarLoops.LANES) {
                FloatVector d0 = FloatVector.fromArray(SPECIES, x, i).sub(mean);
                s0 = d0.fma(d0, s0);
                if (GROUPS > 1) {
                    FloatVector d1 = FloatVector.fromArray(SPECIES, x, i + LANES).sub(mean);
                    s1 = d1.fma(d1, s1);
                }
                if (GROUPS > 2) {
                    FloatVector d2 = FloatVector.fromArray(SPECIES, x, i + 2 * LANES).sub(mean);
                    s2 = d2.fma(d2, s2);
                    FloatVector d3 = FloatVector.fromArray(SPECIES, x, i + 3 * LANES).sub(mean);
                    s3 = d3.fma(d3, s3);
                }
            }
            store(lanes, s0, s1, s2, s3);
            for (int i = chunks, lane = 0; i < end; i++, lane++) {
                float d = x[i] - mean;
                lanes[lane] = Math.fma(d, d, lanes[lane]);
            }
            sum = add(sum, lanes);
        }
        return sum;
    }

    static double sumProductDeviation(float[] g, float[] x, int from, int to, float mean) {
        double sum = 0;
        float[] lanes = LANE_VALUES.get(ScalarLoops.LANES);
        for (int start = from; start < to; start += BLOCK) {
            int end = Math.min(to, start + BLOCK);
            int chunks = start + (end - start) / ScalarLoops.LANES * ScalarLoops.LANES;
            FloatVector s0 = FloatVector.zero(SPECIES);
            FloatVector s1 = FloatVector.zero(SPECIES);
            FloatVector s2 = FloatVector.zero(SPECIES);
            FloatVector s3 = FloatVector.zero(SPECIES);
            for (int i = start; i < chunks; i += ScalarLoops.LANES) {
                s0 = FloatVector.fromArray(SPECIES, x, i).sub(mean).fma(FloatVector.fromArray(SPECIES, g, i), s0);
                if (GROUPS > 1) {
                    int j = i + LANES;
                    s1 = FloatVector.fromArray(SPECIES, x, j).sub(mean).fma(FloatVector.fromArray(SPECIES, g, j), s1);
                }
                if (GROUPS > 2) {
                    int j = i + 2 * LANES;
                    s2 = FloatVector.fromArray(SPECIES, x, j).sub(mean).fma(FloatVector.fromArray(SPECIES, g, j), s2);
                    j += LANES;
                    s3 = FloatVector.fromArray(SPECIES, x, j).sub(mean).fma(FloatVector.fromArray(SPECIES, g, j), s3);
                }
            }
            store(lanes, s0, s1, s2, s3);
            for (int i = chunks, lane = 0; i < end; i++, lane++) {
                lanes[lane] = Math.fma(x[i] - mean, g[i], lanes[lane]);
            }
            sum = add(sum, lanes);
        }
        return sum;
    }

    /** The 16 lanes of the accumulators, lane 0 first. */
    private static void store(float[] lanes, FloatVector s0, FloatVector s1, FloatVector s2, FloatVector s3) {
        s0.intoArray(lanes, 0);
        if (GROUPS > 1) {
            s1.intoArray(lanes, LANES);
        }
        if (GROUPS > 2) {
            s2.intoArray(lanes, 2 * LANES);
            s3.intoArray(lanes, 3 * LANES);
        }
    }

    /** {@code sum} plus the 16 lanes, one after another in lane order, as ScalarLoops adds them. */
    private static double add(double sum, float[] lanes) {
        for (int l = 0; l < ScalarLoops.LANES; l++) {
            sum += lanes[l];
        }
        return sum;
    }

    static void scaleByMask(boolean[] keep, float scale, float[] x, float[] y, int from, int to) {
        int bound = from + SPECIES.loopBound(to - from);
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector scaleLanes = FloatVector.broadcast(SPECIES, scale);
        int i = from;
        for (; i < bound; i += LANES) {
            FloatVector factor = zero.blend(scaleLanes, VectorMask.fromArray(SPECIES, keep, i));
            FloatVector.fromArray(SPECIES, x, i).mul(factor).intoArray(y, i);
        }
        ScalarLoops.scaleByMask(keep, scale, x, y, i, to);
    }
}
