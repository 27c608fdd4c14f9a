package conv4j.kernels;

/**
 * exp and tanh in float arithmetic alone (adds, multiplies, fused multiply-adds and exponent bits), so that
 * {@link VectorMath}, which does the same steps lane by lane, gives the same bits at every vector width, in the
 * interpreter and in compiled code. {@code Math.exp} cannot be the scalar twin of a vector exp: the JIT's vector
 * exp is another approximation, and which one runs would depend on when a loop is compiled. Cephes' single-precision
 * polynomials; both functions are within 2 ulp of the exact value over the float range.
 */
final class FloatMath {
    /** Above this, e^x overflows to infinity; below {@link #EXP_LOW}, it is zero. */
    static final float EXP_HIGH = 88.7228394f;
    static final float EXP_LOW = -103.972084f;
    static final float LOG2E = 1.44269504088896341f;
    /** ln 2 split in two: n * LN2_HI is exact for the n that occur, so x - n ln 2 loses nothing. */
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    /** 1.5 * 2^23: adding and subtracting it rounds a float below 2^22 to the nearest integer, ties to even. */
    static final float ROUND = 12582912f;
    static final float[] EXP_POLY = {1.9875691500e-4f, 1.3981999507e-3f, 8.3334519073e-3f, 4.1665795894e-2f,
        1.6666665459e-1f, 5.0000001201e-1f};
    /** Below this |x|, tanh is an odd polynomial; above it, 1 - 2 / (e^2|x| + 1) loses too little to cancellation. */
    static final float TANH_SMALL = 0.625f;
    /** From this |x| on, tanh rounds to 1 in float: 1 - tanh x = 2 / (e^2x + 1) < 2^-25 once x > 13 ln 2. */
    static final float TANH_ONE = 9.01091290f;
    static final float[] TANH_POLY = {-5.70498872745e-3f, 2.06390887954e-2f, -5.37397155531e-2f, 1.33314422036e-1f,
        -3.33332819422e-1f};

    private FloatMath() {
    }

    /** e^x; NaN for NaN. */
    static float exp(float x) {
        if (x != x) {
            return x;
        }
        float c = Math.max(Math.min(x, EXP_HIGH + 0.01f), EXP_LOW - 0.01f);
        float n = (c * LOG2E + ROUND) - ROUND;
        float r = Math.fma(n, -LN2_HI, c);
        r = Math.fma(n, -LN2_LO, r);
        float p = EXP_POLY[0];
        for (int i = 1; i < EXP_POLY.length; i++) {
            p = Math.fma(p, r, EXP_POLY[i]);
        }
        p = Math.fma(p, r * r, r) + 1f;
        // 2^n in two halves, each a normal float, so results near overflow and in the subnormals come out right
        int k = (int) n;
        int k1 = k >> 1;
        return p * Float.intBitsToFloat((k1 + 127) << 23) * Float.intBitsToFloat((k - k1 + 127) << 23);
    }

    /** tanh x; NaN for NaN. */
    static float tanh(float x) {
        float a = Math.abs(x);
        if (a < TANH_SMALL) {
            float z = x * x;
            float p = TANH_POLY[0];
            for (int i = 1; i < TANH_POLY.length; i++) {
                p = Math.fma(p, z, TANH_POLY[i]);
            }
            return Math.fma(p * z, x, x);
        }
        float t = a >= TANH_ONE ? 1f : 1f - 2f / (exp(2f * a) + 1f);
        return Math.copySign(t, x); // NaN (a is NaN) falls through to here and stays NaN
    }
}
