package conv4j.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Numbers of a worked example as a person writes them: 7, -0.5, 60.75, never 60.750004 or 7.0. */
final class Numbers {
    /** float32 holds about 7 significant digits; the 7th is noise of the arithmetic, not of the example. */
    private static final MathContext DIGITS = new MathContext(6, RoundingMode.HALF_EVEN);

    private Numbers() {
    }

    static String text(double v) {
        if (v == 0) {
            return "0"; // -0 too: a sum of products that came out as -0 reads as 0 on a slide
        }
        return new BigDecimal(v).round(DIGITS).stripTrailingZeros().toPlainString();
    }

    /** A factor of a product: a negative one in parentheses, as in {@code 3x(-1)}. */
    static String factor(double v) {
        String t = text(v);
        return t.startsWith("-") ? "(" + t + ")" : t;
    }

    /** The products of two lists, written out: {@code 4x1 + 3x0 + 2x(-1)}. */
    static String products(float[] a, float[] b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < a.length; i++) {
            s.append(i == 0 ? "" : " + ").append(factor(a[i])).append('x').append(factor(b[i]));
        }
        return s.toString();
    }
}
