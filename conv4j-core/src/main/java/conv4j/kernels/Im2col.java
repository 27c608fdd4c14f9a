package conv4j.kernels;

import java.util.Arrays;

/**
 * Unfolds the windows of one image and one group into a column matrix, so that a convolution becomes one matrix
 * product: output (K/groups x P) = weight (K/groups x C/groups*kH*kW) * column (C/groups*kH*kW x P), P = outH*outW.
 * Row r = (c * kernelH + kh) * kernelW + kw; column p = oh * outWidth + ow. Positions in the padding read as zero.
 *
 * <p>A slice of output rows {@code [outRowStart, outRowEnd)} can be unfolded alone (P = rows * outWidth), so a
 * large image need not be unfolded whole. {@link #col2im} is the adjoint: it adds each entry back onto the input
 * pixel it was read from.
 */
public final class Im2col {
    private Im2col() {
    }

    /** Unfolds the whole image: {@code col} receives C/groups*kH*kW rows of outHeight*outWidth values. */
    public static void im2col(Conv2dGeometry g, float[] x, int xOffset, float[] col, int colOffset) {
        im2col(g, x, xOffset, 0, g.outHeight(), col, colOffset);
    }

    /**
     * Unfolds output rows {@code [outRowStart, outRowEnd)}. {@code xOffset} points at the group's first channel of
     * the image (C/groups x H x W values are read); the column matrix is stored densely from {@code colOffset}.
     */
    public static void im2col(Conv2dGeometry g, float[] x, int xOffset, int outRowStart, int outRowEnd,
                              float[] col, int colOffset) {
        im2col(g, x, xOffset, outRowStart, outRowEnd, col, colOffset, (outRowEnd - outRowStart) * g.outWidth());
    }

    /**
     * Unfolds output rows {@code [outRowStart, outRowEnd)} into a column matrix whose rows lie {@code ldCol} apart,
     * so that several images' columns can stand side by side in one matrix.
     */
    static void im2col(Conv2dGeometry g, float[] x, int xOffset, int outRowStart, int outRowEnd, float[] col,
                       int colOffset, int ldCol) {
        checkArguments("im2col", g, x, xOffset, outRowStart, outRowEnd, col, colOffset, ldCol);
        int inH = g.inHeight();
        int inW = g.inWidth();
        int outW = g.outWidth();
        int strideH = g.strideH();
        int strideW = g.strideW();
        // Which output columns of a kernel column read inside the image depends on kw alone: worked out once, not
        // once per channel and kernel row (small maps have more rows of the column matrix than values per row).
        int[] inside = insideColumns(g);
        int row = colOffset;
        for (int c = 0; c < g.inChannelsPerGroup(); c++) {
            int plane = xOffset + c * inH * inW;
            for (int kh = 0; kh < g.kernelH(); kh++) {
                int rowShift = kh * g.dilationH() - g.padTop();
                for (int kw = 0; kw < g.kernelW(); kw++, row += ldCol) {
                    int colShift = kw * g.dilationW() - g.padLeft();
                    int owStart = inside[2 * kw];
                    int owEnd = inside[2 * kw + 1];
                    int dst = row;
                    for (int oh = outRowStart; oh < outRowEnd; oh++, dst += outW) {
                        int ih = oh * strideH + rowShift;
                        if (ih < 0 || ih >= inH) {
                            zero(col, dst, dst + outW);
                            continue;
                        }
                        zero(col, dst, dst + owStart);
                        int src = plane + ih * inW + owStart * strideW + colShift;
                        if (strideW == 1 && owEnd - owStart >= SHORT) {
                            System.arraycopy(x, src, col, dst + owStart, owEnd - owStart);
                        } else {
                            for (int ow = owStart; ow < owEnd; ow++, src += strideW) {
                                col[dst + ow] = x[src];
                            }
                        }
                        zero(col, dst + owEnd, dst + outW);
                    }
                }
            }
        }
    }

    /** Below this many values, a plain loop beats the call to a bulk copy or fill. */
    private static final int SHORT = 16;

    private static void zero(float[] a, int from, int to) {
        if (to - from >= SHORT) {
            Arrays.fill(a, from, to, 0f);
        } else {
            for (int i = from; i < to; i++) {
                a[i] = 0f;
            }
        }
    }

    /** For each kw, {owStart, owEnd}: the output columns whose tap kw reads inside the image. */
    private static int[] insideColumns(Conv2dGeometry g) {
        int[] inside = new int[2 * g.kernelW()];
        for (int kw = 0; kw < g.kernelW(); kw++) {
            int colShift = kw * g.dilationW() - g.padLeft();
            inside[2 * kw] = firstInside(colShift, g.strideW(), g.outWidth());
            inside[2 * kw + 1] = endInside(colShift, g.strideW(), g.inWidth(), g.outWidth(), inside[2 * kw]);
        }
        return inside;
    }

    /** Adds the whole column matrix back onto the image ({@code dx} is accumulated into, not overwritten). */
    public static void col2im(Conv2dGeometry g, float[] col, int colOffset, float[] dx, int dxOffset) {
        col2im(g, col, colOffset, 0, g.outHeight(), dx, dxOffset);
    }

    /** The adjoint of {@link #im2col(Conv2dGeometry, float[], int, int, int, float[], int)} for the same rows. */
    public static void col2im(Conv2dGeometry g, float[] col, int colOffset, int outRowStart, int outRowEnd,
                              float[] dx, int dxOffset) {
        col2im(g, col, colOffset, outRowStart, outRowEnd, dx, dxOffset, (outRowEnd - outRowStart) * g.outWidth());
    }

    /** The adjoint of the {@code ldCol} form of im2col. */
    static void col2im(Conv2dGeometry g, float[] col, int colOffset, int outRowStart, int outRowEnd, float[] dx,
                       int dxOffset, int ldCol) {
        checkArguments("col2im", g, dx, dxOffset, outRowStart, outRowEnd, col, colOffset, ldCol);
        int inH = g.inHeight();
        int inW = g.inWidth();
        int outW = g.outWidth();
        int strideH = g.strideH();
        int strideW = g.strideW();
        int[] inside = insideColumns(g);
        int row = colOffset;
        for (int c = 0; c < g.inChannelsPerGroup(); c++) {
            int plane = dxOffset + c * inH * inW;
            for (int kh = 0; kh < g.kernelH(); kh++) {
                int rowShift = kh * g.dilationH() - g.padTop();
                for (int kw = 0; kw < g.kernelW(); kw++, row += ldCol) {
                    int colShift = kw * g.dilationW() - g.padLeft();
                    int owStart = inside[2 * kw];
                    int owEnd = inside[2 * kw + 1];
                    int src = row;
                    for (int oh = outRowStart; oh < outRowEnd; oh++) {
                        int ih = oh * strideH + rowShift;
                        if (ih >= 0 && ih < inH) {
                            int d = plane + ih * inW + owStart * strideW + colShift;
                            for (int ow = owStart; ow < owEnd; ow++, d += strideW) {
                                dx[d] += col[src + ow];
                            }
                        }
                        src += outW;
                    }
                }
            }
        }
    }

    /**
     * For every tap (c = 0's rows of the column matrix) and output position, the offset of the pixel it reads within
     * a channel plane, or -1 where it reads padding: {@code offsets[row * P + p]}, row = kh * kernelW + kw. With
     * small maps the column matrix has more rows than values per row, and one pass over this table per channel
     * costs less than working out each row's span inside the image.
     */
    static int[] windowOffsets(Conv2dGeometry g) {
        int taps = g.kernelH() * g.kernelW();
        int positions = g.columnCols();
        int[] offsets = new int[taps * positions];
        for (int kh = 0, i = 0; kh < g.kernelH(); kh++) {
            for (int kw = 0; kw < g.kernelW(); kw++) {
                for (int oh = 0; oh < g.outHeight(); oh++) {
                    int ih = oh * g.strideH() + kh * g.dilationH() - g.padTop();
                    for (int ow = 0; ow < g.outWidth(); ow++, i++) {
                        int iw = ow * g.strideW() + kw * g.dilationW() - g.padLeft();
                        boolean inside = ih >= 0 && ih < g.inHeight() && iw >= 0 && iw < g.inWidth();
                        offsets[i] = inside ? ih * g.inWidth() + iw : -1;
                    }
                }
            }
        }
        return offsets;
    }

    /** The whole image unfolded through {@link #windowOffsets}, rows {@code ldCol} apart. */
    static void im2col(Conv2dGeometry g, int[] offsets, float[] x, int xOffset, float[] col, int colOffset,
                       int ldCol) {
        checkArguments("im2col", g, x, xOffset, 0, g.outHeight(), col, colOffset, ldCol);
        int taps = g.kernelH() * g.kernelW();
        int positions = g.columnCols();
        int plane = g.inHeight() * g.inWidth();
        for (int c = 0, row = colOffset; c < g.inChannelsPerGroup(); c++) {
            int image = xOffset + c * plane;
            for (int t = 0; t < taps; t++, row += ldCol) {
                for (int p = 0, i = t * positions; p < positions; p++, i++) {
                    int at = offsets[i];
                    col[row + p] = at < 0 ? 0f : x[image + at];
                }
            }
        }
    }

    /** The adjoint of {@link #im2col(Conv2dGeometry, int[], float[], int, float[], int, int)}: adds onto dx. */
    static void col2im(Conv2dGeometry g, int[] offsets, float[] col, int colOffset, float[] dx, int dxOffset,
                       int ldCol) {
        checkArguments("col2im", g, dx, dxOffset, 0, g.outHeight(), col, colOffset, ldCol);
        int taps = g.kernelH() * g.kernelW();
        int positions = g.columnCols();
        int plane = g.inHeight() * g.inWidth();
        for (int c = 0, row = colOffset; c < g.inChannelsPerGroup(); c++) {
            int image = dxOffset + c * plane;
            for (int t = 0; t < taps; t++, row += ldCol) {
                for (int p = 0, i = t * positions; p < positions; p++, i++) {
                    int at = offsets[i];
                    if (at >= 0) {
                        dx[image + at] += col[row + p];
                    }
                }
            }
        }
    }

    // The first ow with ow * stride + shift >= 0.
    private static int firstInside(int shift, int stride, int outW) {
        return shift >= 0 ? 0 : Math.min(outW, (-shift + stride - 1) / stride);
    }

    // One past the last ow with ow * stride + shift < inW, never before owStart.
    private static int endInside(int shift, int stride, int inW, int outW, int owStart) {
        int end = Math.floorDiv(inW - 1 - shift, stride) + 1;
        return Math.max(owStart, Math.min(outW, end));
    }

    private static void checkArguments(String op, Conv2dGeometry g, float[] image, int imageOffset,
                                       int outRowStart, int outRowEnd, float[] col, int colOffset, int ldCol) {
        if (outRowStart < 0 || outRowEnd > g.outHeight() || outRowStart > outRowEnd) {
            throw new IllegalArgumentException(op + ": output rows [" + outRowStart + ", " + outRowEnd
                    + ") are not within the output height " + g.outHeight());
        }
        long imageValues = (long) g.inChannelsPerGroup() * g.inHeight() * g.inWidth();
        if (imageOffset < 0 || imageOffset + imageValues > image.length) {
            throw new IllegalArgumentException(op + ": " + g.inChannelsPerGroup() + "x" + g.inHeight() + "x"
                    + g.inWidth() + " image values from offset " + imageOffset + " do not fit in an array of "
                    + image.length);
        }
        int rowValues = (outRowEnd - outRowStart) * g.outWidth();
        if (ldCol < rowValues) {
            throw new IllegalArgumentException(op + ": column rows " + ldCol + " apart cannot hold " + rowValues
                    + " values each");
        }
        long colValues = (long) (g.columnRows() - 1) * ldCol + rowValues;
        if (colOffset < 0 || colOffset + colValues > col.length) {
            throw new IllegalArgumentException(op + ": a " + g.columnRows() + "x"
                    + (outRowEnd - outRowStart) * g.outWidth() + " column matrix from offset " + colOffset
                    + " does not fit in an array of " + col.length);
        }
    }
}
