package conv4j.kernels;

/**
 * The sizes of one 2-D pooling over an N x C x H x W input. Validated as PyTorch validates pooling: padding at most
 * half the kernel (so every window holds at least one input element) and a window no larger than the padded input.
 * The output size is {@code floor((in + 2p - k) / s) + 1}, or with {@code ceilMode} the ceiling, where a last window
 * that would start in the right padding is dropped.
 */
public record Pool2dGeometry(int batch, int channels, int inH, int inW, int kernelH, int kernelW,
                             int strideH, int strideW, int padH, int padW, boolean ceilMode) {

    public Pool2dGeometry {
        Lengths.requirePositive("batch", batch);
        Lengths.requirePositive("channels", channels);
        Lengths.requirePositive("input height", inH);
        Lengths.requirePositive("input width", inW);
        Lengths.requirePositive("kernel height", kernelH);
        Lengths.requirePositive("kernel width", kernelW);
        Lengths.requirePositive("stride height", strideH);
        Lengths.requirePositive("stride width", strideW);
        checkPadding("height", padH, kernelH);
        checkPadding("width", padW, kernelW);
        checkWindowFits("height", inH, padH, kernelH);
        checkWindowFits("width", inW, padW, kernelW);
        Lengths.product("pooling input", batch, channels, inH, inW);
        Lengths.product("pooling output", batch, channels, outputLength(inH, kernelH, strideH, padH, ceilMode),
                outputLength(inW, kernelW, strideW, padW, ceilMode));
    }

    /** A square window with equal stride and padding on both axes, floor mode. */
    public static Pool2dGeometry of(int batch, int channels, int height, int width, int kernelSize, int stride,
                                    int padding) {
        return new Pool2dGeometry(batch, channels, height, width, kernelSize, kernelSize, stride, stride,
                padding, padding, false);
    }

    public int outH() {
        return outputLength(inH, kernelH, strideH, padH, ceilMode);
    }

    public int outW() {
        return outputLength(inW, kernelW, strideW, padW, ceilMode);
    }

    /** N * C: pooling treats every channel of every sample as an independent plane. */
    public int planes() {
        return batch * channels;
    }

    public int inputSize() {
        return batch * channels * inH * inW;
    }

    public int outputSize() {
        return batch * channels * outH() * outW();
    }

    static int outputLength(int in, int kernel, int stride, int pad, boolean ceilMode) {
        int span = in + 2 * pad - kernel;
        int out = (ceilMode ? (span + stride - 1) / stride : span / stride) + 1;
        if (ceilMode && (out - 1) * stride >= in + pad) {
            out--;
        }
        return out;
    }

    private static void checkPadding(String axis, int pad, int kernel) {
        if (pad < 0) {
            throw new IllegalArgumentException("padding " + axis + " must not be negative, received " + pad);
        }
        if (pad > kernel / 2) {
            throw new IllegalArgumentException("padding " + axis + " must be at most half the kernel " + axis
                    + " (" + kernel + "), received " + pad);
        }
    }

    private static void checkWindowFits(String axis, int in, int pad, int kernel) {
        if (kernel > in + 2 * pad) {
            throw new IllegalArgumentException("kernel " + axis + " " + kernel + " is larger than the padded input "
                    + axis + " " + in + " + 2 * " + pad + " = " + (in + 2 * pad));
        }
    }
}
