package conv4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loops behind {@link Loops}, over {@code [from, to)}; loaded only when the incubator module is
 * present. Sums run in float lanes for at most {@link #BLOCK} elements and are then added into a double, so long
 * sums stay accurate; the lane order is fixed, so results repeat exactly.
 */
final class VectorLoops {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    static final int BLOCK = 1024;

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
            FloatVector e = v.abs().neg().lanewise(VectorOperators.EXP);
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
            FloatVector.fromArray(SPECIES, x, i).lanewise(VectorOperators.TANH).intoArray(y, i);
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
        return Math.max(m.reduceLanes(VectorOperators.MAX), ScalarLoops.max(x, i, to));
    }

    static double expShifted(float[] x, int from, int to, float shift, float[] y, int yFrom) {
        int bound = from + SPECIES.loopBound(to - from);
        double sum = 0;
        int i = from;
        while (i < bound) {
            int blockEnd = Math.min(bound, i + BLOCK);
            FloatVector s = FloatVector.zero(SPECIES);
            for (; i < blockEnd; i += LANES) {
                FloatVector e = FloatVector.fromArray(SPECIES, x, i).sub(shift).lanewise(VectorOperators.EXP);
                e.intoArray(y, yFrom + (i - from));
                s = s.add(e);
            }
            sum += s.reduceLanes(VectorOperators.ADD);
        }
        return sum + ScalarLoops.expShifted(x, i, to, shift, y, yFrom + (i - from));
    }

    static double sumExpShifted(float[] x, int from, int to, float shift) {
        int bound = from + SPECIES.loopBound(to - from);
        double sum = 0;
        int i = from;
        while (i < bound) {
            int blockEnd = Math.min(bound, i + BLOCK);
            FloatVector s = FloatVector.zero(SPECIES);
            for (; i < blockEnd; i += LANES) {
                s = s.add(FloatVector.fromArray(SPECIES, x, i).sub(shift).lanewise(VectorOperators.EXP));
            }
            sum += s.reduceLanes(VectorOperators.ADD);
        }
        return sum + ScalarLoops.sumExpShifted(x, i, to, shift);
    }

    static double sum(float[] x, int from, int to) {
        int bound = from + SPECIES.loopBound(to - from);
        double sum = 0;
        int i = from;
        while (i < bound) {
            int blockEnd = Math.min(bound, i + BLOCK);
            FloatVector s = FloatVector.zero(SPECIES);
            for (; i < blockEnd; i += LANES) {
                s = s.add(FloatVector.fromArray(SPECIES, x, i));
            }
            sum += s.reduceLanes(VectorOperators.ADD);
        }
        return sum + ScalarLoops.sum(x, i, to);
    }

    static double sumSquaredDeviation(float[] x, int from, int to, float mean) {
        int bound = from + SPECIES.loopBound(to - from);
        double sum = 0;
        int i = from;
        while (i < bound) {
            int blockEnd = Math.min(bound, i + BLOCK);
            FloatVector s = FloatVector.zero(SPECIES);
            for (; i < blockEnd; i += LANES) {
                FloatVector d = FloatVector.fromArray(SPECIES, x, i).sub(mean);
                s = d.fma(d, s);
            }
            sum += s.reduceLanes(VectorOperators.ADD);
        }
        return sum + ScalarLoops.sumSquaredDeviation(x, i, to, mean);
    }

    static double sumProductDeviation(float[] g, float[] x, int from, int to, float mean) {
        int bound = from + SPECIES.loopBound(to - from);
        double sum = 0;
        int i = from;
        while (i < bound) {
            int blockEnd = Math.min(bound, i + BLOCK);
            FloatVector s = FloatVector.zero(SPECIES);
            for (; i < blockEnd; i += LANES) {
                FloatVector d = FloatVector.fromArray(SPECIES, x, i).sub(mean);
                s = d.fma(FloatVector.fromArray(SPECIES, g, i), s);
            }
            sum += s.reduceLanes(VectorOperators.ADD);
        }
        return sum + ScalarLoops.sumProductDeviation(g, x, i, to, mean);
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
