package conv4j.kernels;

import conv4j.tensor.Shape;

/**
 * Every size of one 2-D convolution (cross-correlation, as in every deep-learning library) on NCHW data:
 * input N x C x H x W, weight K x C/groups x kernelH x kernelW, output N x K x outHeight x outWidth.
 * With groups, input channels [g*C/groups, (g+1)*C/groups) feed only output channels [g*K/groups, (g+1)*K/groups).
 */
public record Conv2dGeometry(int batch, int inChannels, int inHeight, int inWidth, int outChannels,
                             int kernelH, int kernelW, int strideH, int strideW,
                             int padTop, int padBottom, int padLeft, int padRight,
                             int dilationH, int dilationW, int groups) {

    public Conv2dGeometry {
        requirePositive("batch", batch);
        requirePositive("inChannels", inChannels);
        requirePositive("inHeight", inHeight);
        requirePositive("inWidth", inWidth);
        requirePositive("outChannels", outChannels);
        requirePositive("kernelH", kernelH);
        requirePositive("kernelW", kernelW);
        requirePositive("groups", groups);
        if (strideH < 1 || strideW < 1) {
            throw new IllegalArgumentException("stride must be at least 1, received strideH=" + strideH
                    + ", strideW=" + strideW);
        }
        if (dilationH < 1 || dilationW < 1) {
            throw new IllegalArgumentException("dilation must be at least 1, received dilationH=" + dilationH
                    + ", dilationW=" + dilationW);
        }
        new Padding(padTop, padBottom, padLeft, padRight); // validates the four sides
        if (inChannels % groups != 0) {
            throw new IllegalArgumentException("inChannels " + inChannels + " is not divisible by groups " + groups);
        }
        if (outChannels % groups != 0) {
            throw new IllegalArgumentException("outChannels " + outChannels + " is not divisible by groups "
                    + groups);
        }
        long paddedH = (long) inHeight + padTop + padBottom;
        long paddedW = (long) inWidth + padLeft + padRight;
        long extentH = (long) dilationH * (kernelH - 1) + 1;
        long extentW = (long) dilationW * (kernelW - 1) + 1;
        if (extentH > paddedH || extentW > paddedW) {
            String dilation = dilationH == dilationW ? String.valueOf(dilationH) : dilationH + "x" + dilationW;
            throw new IllegalArgumentException("kernel " + kernelH + "x" + kernelW + " (dilation " + dilation
                    + ") does not fit in padded input " + paddedH + "x" + paddedW);
        }
        requireArraySize("input", (long) batch * inChannels * inHeight * inWidth);
        requireArraySize("weight", (long) outChannels * (inChannels / groups) * kernelH * kernelW);
        long outH = (paddedH - extentH) / strideH + 1;
        long outW = (paddedW - extentW) / strideW + 1;
        requireArraySize("output", (long) batch * outChannels * outH * outW);
        requireArraySize("column matrix", (long) (inChannels / groups) * kernelH * kernelW * outH * outW);
    }

    /** Square kernel, equal stride and symmetric padding on both axes, no dilation, one group. */
    public static Conv2dGeometry of(int batch, int inChannels, int inHeight, int inWidth, int outChannels,
                                    int kernelSize, int stride, int padding) {
        return new Conv2dGeometry(batch, inChannels, inHeight, inWidth, outChannels, kernelSize, kernelSize,
                stride, stride, padding, padding, padding, padding, 1, 1, 1);
    }

    public static Conv2dGeometry of(int batch, int inChannels, int inHeight, int inWidth, int outChannels,
                                    int kernelH, int kernelW, int strideH, int strideW, Padding padding,
                                    int dilationH, int dilationW, int groups) {
        return new Conv2dGeometry(batch, inChannels, inHeight, inWidth, outChannels, kernelH, kernelW,
                strideH, strideW, padding.top(), padding.bottom(), padding.left(), padding.right(),
                dilationH, dilationW, groups);
    }

    /** "Same" padding: output ceil(H / stride) x ceil(W / stride), the size unchanged at stride 1. */
    public static Conv2dGeometry same(int batch, int inChannels, int inHeight, int inWidth, int outChannels,
                                      int kernelSize, int stride) {
        return of(batch, inChannels, inHeight, inWidth, outChannels, kernelSize, kernelSize, stride, stride,
                Padding.same(inHeight, inWidth, kernelSize, stride), 1, 1, 1);
    }

    /** The same convolution over a batch of another size (layers fix everything but the batch). */
    public Conv2dGeometry withBatch(int newBatch) {
        return new Conv2dGeometry(newBatch, inChannels, inHeight, inWidth, outChannels, kernelH, kernelW,
                strideH, strideW, padTop, padBottom, padLeft, padRight, dilationH, dilationW, groups);
    }

    public Padding padding() {
        return new Padding(padTop, padBottom, padLeft, padRight);
    }

    // floor((H + padTop + padBottom - dilation * (kernel - 1) - 1) / stride) + 1
    public int outHeight() {
        return (inHeight + padTop + padBottom - dilationH * (kernelH - 1) - 1) / strideH + 1;
    }

    public int outWidth() {
        return (inWidth + padLeft + padRight - dilationW * (kernelW - 1) - 1) / strideW + 1;
    }

    public int inChannelsPerGroup() {
        return inChannels / groups;
    }

    public int outChannelsPerGroup() {
        return outChannels / groups;
    }

    public Shape inputShape() {
        return Shape.of(batch, inChannels, inHeight, inWidth);
    }

    public Shape outputShape() {
        return Shape.of(batch, outChannels, outHeight(), outWidth());
    }

    public Shape weightShape() {
        return Shape.of(outChannels, inChannelsPerGroup(), kernelH, kernelW);
    }

    public int inputLength() {
        return batch * inChannels * inHeight * inWidth;
    }

    public int outputLength() {
        return batch * outChannels * outHeight() * outWidth();
    }

    public int weightLength() {
        return outChannels * inChannelsPerGroup() * kernelH * kernelW;
    }

    /** Rows of one group's column matrix: one per (channel, kernel row, kernel column) of a window. */
    public int columnRows() {
        return inChannelsPerGroup() * kernelH * kernelW;
    }

    /** Columns of one image's column matrix: one per output position. */
    public int columnCols() {
        return outHeight() * outWidth();
    }

    /** A 1x1 kernel at stride 1 without padding reads each input pixel once: the input is its own column matrix. */
    public boolean isPointwise() {
        return kernelH == 1 && kernelW == 1 && strideH == 1 && strideW == 1
                && padTop == 0 && padBottom == 0 && padLeft == 0 && padRight == 0;
    }

    /** N * K * outHeight * outWidth * (C / groups) * kernelH * kernelW; a FLOP count is twice this. */
    public long multiplyAdds() {
        return (long) batch * outChannels * outHeight() * outWidth() * inChannelsPerGroup() * kernelH * kernelW;
    }

    @Override
    public String toString() {
        return String.format("conv2d %dx%dx%dx%d -> %d, kernel %dx%d, stride %dx%d, padding (%d,%d,%d,%d),"
                        + " dilation %dx%d, groups %d", batch, inChannels, inHeight, inWidth, outChannels,
                kernelH, kernelW, strideH, strideW, padTop, padBottom, padLeft, padRight, dilationH, dilationW,
                groups);
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, received " + value);
        }
    }

    private static void requireArraySize(String what, long size) {
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the " + what + " of this convolution has " + size
                    + " values, more than one Java array holds");
        }
    }
}
