package conv4j.nn;

/**
 * The sliding window of a convolution or pooling layer as the receptive-field arithmetic sees it: the effective
 * (dilated) kernel extent and the stride. A layer's receptive field is r_out = r_in + (k - 1) * j_in, its jump
 * j_out = j_in * s.
 */
public record Window(int kernelH, int kernelW, int strideH, int strideW) {
    public static final Window IDENTITY = new Window(1, 1, 1, 1);

    public Window {
        if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1) {
            throw new IllegalArgumentException("window sizes must be positive, received kernel " + kernelH + "x"
                    + kernelW + ", stride " + strideH + "x" + strideW);
        }
    }

    /** This window, then {@code next} on its output: the window the two layers slide together. */
    public Window then(Window next) {
        return new Window(
                Math.addExact(kernelH, Math.multiplyExact(next.kernelH - 1, strideH)),
                Math.addExact(kernelW, Math.multiplyExact(next.kernelW - 1, strideW)),
                Math.multiplyExact(strideH, next.strideH),
                Math.multiplyExact(strideW, next.strideW));
    }
}
