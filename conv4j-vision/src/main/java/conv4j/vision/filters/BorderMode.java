package conv4j.vision.filters;

import java.util.Locale;

/**
 * What a kernel sees past the edge of the picture. For a row {@code a b c d}, two pixels out on each side:
 * zero {@code 0 0 | a b c d | 0 0}, replicate {@code a a | a b c d | d d}, reflect {@code c b | a b c d | c b}
 * (the mirror without repeating the edge pixel, as PyTorch's ReflectionPad2d and OpenCV's BORDER_REFLECT_101).
 */
public enum BorderMode {
    /** Black (and transparent) outside: the convolution's own zero padding. Edges of the output darken. */
    ZERO,
    /** The nearest edge pixel repeated: flat borders stay flat, the usual choice for photos. */
    REPLICATE,
    /** The picture mirrored at its edge pixel. */
    REFLECT;

    public static BorderMode parse(String text) {
        for (BorderMode m : values()) {
            if (m.name().equalsIgnoreCase(text.strip())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown border mode '" + text + "'; use zero, replicate or reflect");
    }

    /** The pixel, 0 .. n - 1, that position {@code i} (possibly outside) shows; undefined for ZERO. */
    int source(int i, int n) {
        if (this == ZERO) {
            throw new IllegalStateException("zero padding reads no pixel outside the picture");
        }
        if (i >= 0 && i < n) {
            return i;
        }
        if (this == REPLICATE || n == 1) {
            return i < 0 ? 0 : n - 1;
        }
        // Reflection repeats with period 2 (n - 1): 0 1 .. n-1 n-2 .. 1, 0 1 ..; any padding, however wide, folds in.
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
