package conv4j.kernels;

/**
 * Zero padding on the four sides of an image. "Same" padding with an even kernel or a stride needs an odd total, so
 * the sides may differ; the extra row or column goes to the bottom or right, as in PyTorch and TensorFlow.
 */
public record Padding(int top, int bottom, int left, int right) {

    public Padding {
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new IllegalArgumentException("padding must be non-negative, received top=" + top + ", bottom="
                    + bottom + ", left=" + left + ", right=" + right);
        }
    }

    /** No padding: the window only visits positions where it fits entirely inside the input. */
    public static Padding valid() {
        return new Padding(0, 0, 0, 0);
    }

    /** {@code padding} rows and columns of zeros on every side. */
    public static Padding of(int padding) {
        return new Padding(padding, padding, padding, padding);
    }

    public static Padding of(int paddingH, int paddingW) {
        return new Padding(paddingH, paddingH, paddingW, paddingW);
    }

    /**
     * The padding that gives an output of ceil(inSize / stride) along each axis. Along one axis the total is
     * max((ceil(n/s) - 1) * s + (k - 1) * d + 1 - n, 0): the extent the last window reaches past the input.
     */
    public static Padding same(int inHeight, int inWidth, int kernelH, int kernelW, int strideH, int strideW,
                               int dilationH, int dilationW) {
        int totalH = sameTotal("height", inHeight, kernelH, strideH, dilationH);
        int totalW = sameTotal("width", inWidth, kernelW, strideW, dilationW);
        return new Padding(totalH / 2, totalH - totalH / 2, totalW / 2, totalW - totalW / 2);
    }

    public static Padding same(int inHeight, int inWidth, int kernelSize, int stride) {
        return same(inHeight, inWidth, kernelSize, kernelSize, stride, stride, 1, 1);
    }

    private static int sameTotal(String axis, int in, int kernel, int stride, int dilation) {
        if (in < 1 || kernel < 1 || stride < 1 || dilation < 1) {
            throw new IllegalArgumentException("same padding along the " + axis + " needs positive sizes, received"
                    + " input " + in + ", kernel " + kernel + ", stride " + stride + ", dilation " + dilation);
        }
        long outSize = (in + (long) stride - 1) / stride;
        long total = (outSize - 1) * stride + (long) (kernel - 1) * dilation + 1 - in;
        return (int) Math.max(total, 0);
    }

    public int totalHeight() {
        return top + bottom;
    }

    public int totalWidth() {
        return left + right;
    }
}
