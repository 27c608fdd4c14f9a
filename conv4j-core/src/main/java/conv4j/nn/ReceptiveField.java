package conv4j.nn;

/**
 * The patch of the input that one output unit sees ({@code height x width}) and the jump: how far apart, in input
 * pixels, two neighbouring output units look. Through a window of kernel k and stride s: r_out = r_in + (k - 1) * j_in,
 * j_out = j_in * s, separately for height and width. Padding moves the patch but does not change its size, so the
 * field may be larger than the input.
 *
 * <p>Once a layer's output is no longer a grid (after Flatten), every unit sees the whole input: {@code wholeInput}
 * is true, the size is the input's height and width, and the jumps are 0 because there is no grid to step along.
 */
public record ReceptiveField(int height, int width, int jumpH, int jumpW, boolean wholeInput) {
    /** The field of an input pixel itself. */
    public static final ReceptiveField PIXEL = new ReceptiveField(1, 1, 1, 1, false);

    public ReceptiveField {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("receptive field size must be positive, received " + height + "x"
                    + width);
        }
        if (wholeInput ? jumpH != 0 || jumpW != 0 : jumpH < 1 || jumpW < 1) {
            throw new IllegalArgumentException("receptive field jumps must be " + (wholeInput ? "0 for the whole input"
                    : "positive") + ", received " + jumpH + "x" + jumpW);
        }
    }

    public static ReceptiveField wholeInput(int height, int width) {
        return new ReceptiveField(height, width, 0, 0, true);
    }

    /** The field after one more layer with this window; the whole input stays the whole input. */
    public ReceptiveField through(Window window) {
        if (wholeInput) {
            return this;
        }
        return new ReceptiveField(
                Math.addExact(height, Math.multiplyExact(window.kernelH() - 1, jumpH)),
                Math.addExact(width, Math.multiplyExact(window.kernelW() - 1, jumpW)),
                Math.multiplyExact(jumpH, window.strideH()),
                Math.multiplyExact(jumpW, window.strideW()),
                false);
    }
}
