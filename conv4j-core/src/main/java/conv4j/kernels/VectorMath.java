package conv4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link FloatMath}'s exp and tanh lane by lane, step for step, so that a value comes out with the same bits whatever
 * the vector width, and whether the loop runs interpreted or compiled. Loaded only when the incubator module is
 * present.
 */
final class VectorMath {
    private VectorMath() {
    }

    /** e^x in every lane; NaN stays NaN. */
    static FloatVector exp(FloatVector x) {
        FloatVector c = x.min(FloatMath.EXP_HIGH + 0.01f).max(FloatMath.EXP_LOW - 0.01f);
        FloatVector n = c.mul(FloatMath.LOG2E).add(FloatMath.ROUND).sub(FloatMath.ROUND);
        FloatVector r = n.fma(FloatVector.broadcast(x.species(), -FloatMath.LN2_HI), c);
        r = n.fma(FloatVector.broadcast(x.species(), -FloatMath.LN2_LO), r);
        float[] poly = FloatMath.EXP_POLY;
        FloatVector p = FloatVector.broadcast(x.species(), poly[0]);
        for (int i = 1; i < poly.length; i++) {
            p = p.fma(r, FloatVector.broadcast(x.species(), poly[i]));
        }
        p = p.fma(r.mul(r), r).add(1f);
        IntVector k = (IntVector) n.convert(VectorOperators.F2I, 0);
        IntVector k1 = k.lanewise(VectorOperators.ASHR, 1);
        FloatVector half1 = k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector half2 = k.sub(k1).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(half1).mul(half2).blend(x, x.test(VectorOperators.IS_NAN));
    }

    /** tanh x in every lane; NaN stays NaN. */
    static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector z = x.mul(x);
        float[] poly = FloatMath.TANH_POLY;
        FloatVector p = FloatVector.broadcast(x.species(), poly[0]);
        for (int i = 1; i < poly.length; i++) {
            p = p.fma(z, FloatVector.broadcast(x.species(), poly[i]));
        }
        FloatVector small = p.mul(z).fma(x, x);
        FloatVector one = FloatVector.broadcast(x.species(), 1f);
        FloatVector e = exp(a.mul(2f));
        FloatVector t = one.sub(FloatVector.broadcast(x.species(), 2f).div(e.add(1f)))
                .blend(one, a.compare(VectorOperators.GE, FloatMath.TANH_ONE));
        FloatVector large = t.blend(t.neg(), x.compare(VectorOperators.LT, 0f));
        return large.blend(small, a.compare(VectorOperators.LT, FloatMath.TANH_SMALL));
    }
}
