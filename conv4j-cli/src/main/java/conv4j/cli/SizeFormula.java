package conv4j.cli;

/**
 * The lecture's output size H' = (H + 2p - F)/s + 1 written out with one axis's numbers; where the window does not
 * divide the span, floor(...) as in the lecture's second form. The result printed is the layer's own.
 */
final class SizeFormula {
    private SizeFormula() {
    }

    /** With padding; where "same" pads one side more, both sides ({@code sides}) are written out. */
    static String axis(String out, String in, int size, int before, int after, String sides, int kernel, int stride,
                       int result) {
        boolean even = before == after;
        return write(out, "(" + in + (even ? " + 2p" : " + " + sides) + " - F)/s",
                "(" + size + (even ? " + 2x" + before : " + " + before + " + " + after) + " - " + kernel + ")/"
                        + stride, size + before + after - kernel, stride, result);
    }

    /** Without padding, as pooling has it: (H - F)/s + 1. */
    static String axis(String out, String in, int size, int kernel, int stride, int result) {
        return write(out, "(" + in + " - F)/s", "(" + size + " - " + kernel + ")/" + stride, size - kernel, stride,
                result);
    }

    private static String write(String out, String symbols, String numbers, int span, int stride, int result) {
        if (span % stride == 0) {
            return out + " = " + symbols + " + 1 = " + numbers + " + 1 = " + result;
        }
        return out + " = floor(" + symbols + ") + 1 = floor(" + numbers + ") + 1 = floor("
                + Numbers.text((double) span / stride) + ") + 1 = " + result;
    }
}
