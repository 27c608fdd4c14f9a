package conv4j.vision.filters;

import conv4j.kernels.Conv2dGeometry;
import conv4j.kernels.Conv2dKernel;
import conv4j.kernels.Padding;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.Objects;

/**
 * A kernel slid over every channel of a picture by the engine's convolution: one depthwise conv2d (groups = channels,
 * each channel its own copy of the kernel). Like every deep-learning library, and the lecture's slides, it computes a
 * cross-correlation: the kernel is not flipped. Replicate and reflect borders are built here around the picture,
 * followed by a valid convolution; zero borders are the convolution's own padding.
 */
public record ImageFilter(ImageKernel kernel, BorderMode border, int stride, FilterPadding padding) {

    public ImageFilter {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(border, "border");
        Objects.requireNonNull(padding, "padding");
        if (stride < 1) {
            throw new IllegalArgumentException("the stride must be at least 1, received " + stride);
        }
    }

    /** Replicate borders, stride 1, same padding: the output has the input's size, as in a photo editor. */
    public static ImageFilter of(ImageKernel kernel) {
        return new ImageFilter(kernel, BorderMode.REPLICATE, 1, FilterPadding.same());
    }

    /**
     * The convolution as the lecture's size formula sees it, for a channels x height x width input:
     * out = floor((in + padding - kernel) / stride) + 1 per axis. An error if the kernel does not fit.
     */
    public Conv2dGeometry geometry(int channels, int height, int width) {
        Padding p = padding.resolve(height, width, kernel, stride);
        int paddedH = height + p.totalHeight();
        int paddedW = width + p.totalWidth();
        if (kernel.height() > paddedH || kernel.width() > paddedW) {
            throw new IllegalArgumentException("the " + kernel.height() + " x " + kernel.width() + " kernel does not"
                    + " fit in the " + width + " x " + height + " picture with padding " + padding.label()
                    + " (" + paddedW + " x " + paddedH + " padded)");
        }
        return Conv2dGeometry.of(1, channels, height, width, channels, kernel.height(), kernel.width(), stride,
                stride, p, 1, 1, channels);
    }

    /**
     * Refuses, before any buffer exists, a filter whose padded picture has more than {@code maxPixels} pixels a
     * channel: padding 9999 turns a 256 x 170 photo into 20254 x 20168, 4.9 GB of floats for three channels. The
     * padded picture is the largest plane a filter allocates (the output, strided from it, is never larger), so this
     * one bound covers both; the message names the padding and the sizes.
     */
    public void requireWithin(int height, int width, long maxPixels) {
        Padding p = padding.resolve(height, width, kernel, stride);
        long paddedH = (long) height + p.totalHeight();
        long paddedW = (long) width + p.totalWidth();
        if (paddedH * paddedW > maxPixels) {
            throw new IllegalArgumentException("padding " + padding.label() + " makes the " + width + " x " + height
                    + " picture " + paddedW + " x " + paddedH + " (" + grouped(paddedH * paddedW) + " pixels) before"
                    + " filtering, more than the limit of " + grouped(maxPixels) + " pixels; give a smaller padding");
        }
    }

    private static String grouped(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    /**
     * "input 451 x 300, kernel 3 x 3, padding 1, stride 2 -> output 226 x 150": sizes as width x height, from the
     * engine's geometry.
     */
    public String describe(int height, int width) {
        Conv2dGeometry g = geometry(1, height, width);
        return "input " + width + " x " + height + ", kernel " + kernel.width() + " x " + kernel.height()
                + ", padding " + paddingText(g.padding()) + ", stride " + stride + " -> output " + g.outWidth()
                + " x " + g.outHeight();
    }

    private String paddingText(Padding p) {
        boolean even = p.top() == p.bottom() && p.top() == p.left() && p.left() == p.right();
        String sides = even ? Integer.toString(p.top())
                : "top " + p.top() + ", bottom " + p.bottom() + ", left " + p.left() + ", right " + p.right();
        return padding.kind() == FilterPadding.Kind.EXPLICIT ? sides : padding.label() + " (" + sides + ")";
    }

    /**
     * Every channel of a C x H x W tensor (or an H x W plane) filtered, values as they come out: no clamping, so
     * negative and large responses survive (for feature maps, the lecture's worked examples, and learning a kernel).
     */
    public Tensor convolve(Tensor planes) {
        Tensor chw = planes.rank() == 2 ? planes.reshape(1, planes.dim(0), planes.dim(1)) : planes;
        if (chw.rank() != 3) {
            throw new IllegalArgumentException("a filter takes a C x H x W tensor or an H x W plane, received "
                    + planes.shape());
        }
        int channels = chw.dim(0);
        float[] weights = new float[channels * kernel.height() * kernel.width()];
        float[] k = kernel.floats();
        for (int c = 0; c < channels; c++) {
            System.arraycopy(k, 0, weights, c * k.length, k.length);
        }
        Tensor out = run(chw, weights);
        return planes.rank() == 2 ? out.reshape(out.dim(1), out.dim(2)) : out;
    }

    /**
     * A picture (1 grey, 3 RGB or 4 RGBA channels, values 0 .. 1) filtered: colour channels through the kernel and
     * clamped to 0 .. 1 (0 .. 255 once written); the alpha channel of each output pixel is the alpha of the pixel
     * under the kernel's centre, so at stride 1 with same padding it is the input's alpha unchanged.
     */
    public Tensor apply(Tensor image) {
        if (image.rank() != 3 || (image.dim(0) != 1 && image.dim(0) != 3 && image.dim(0) != 4)) {
            throw new IllegalArgumentException("a picture is C x H x W with 1 (grey), 3 (RGB) or 4 (RGBA) channels,"
                    + " received " + image.shape());
        }
        int channels = image.dim(0);
        int colours = channels == 4 ? 3 : channels;
        int taps = kernel.height() * kernel.width();
        float[] weights = new float[channels * taps];
        float[] k = kernel.floats();
        for (int c = 0; c < colours; c++) {
            System.arraycopy(k, 0, weights, c * taps, taps);
        }
        if (channels == 4) {
            // The centre tap alone: one weight of 1 and zeros, which the convolution passes through exactly.
            weights[3 * taps + (kernel.height() / 2) * kernel.width() + kernel.width() / 2] = 1f;
        }
        Tensor out = run(image, weights);
        float[] y = out.data();
        int colourValues = colours * out.dim(1) * out.dim(2);
        for (int i = 0; i < colourValues; i++) {
            y[i] = Math.min(1f, Math.max(0f, y[i]));
        }
        return out;
    }

    /** One depthwise convolution of C x H x W planes with C kernels (weights C x 1 x kH x kW). */
    private Tensor run(Tensor planes, float[] weights) {
        int channels = planes.dim(0);
        int height = planes.dim(1);
        int width = planes.dim(2);
        // Whatever a caller's own limit, no plane may overflow the int lengths of a Java array.
        requireWithin(height, width, Integer.MAX_VALUE / channels);
        Conv2dGeometry logical = geometry(channels, height, width);
        Conv2dGeometry g = logical;
        float[] x = planes.data();
        if (border != BorderMode.ZERO) {
            Padding p = logical.padding();
            x = pad(planes, p);
            g = Conv2dGeometry.of(1, channels, height + p.totalHeight(), width + p.totalWidth(), channels,
                    kernel.height(), kernel.width(), stride, stride, Padding.valid(), 1, 1, channels);
        }
        float[] y = new float[g.outputLength()];
        Conv2dKernel.forward(g, x, weights, null, y);
        return new Tensor(Shape.of(channels, g.outHeight(), g.outWidth()), y);
    }

    /** The planes with the border mode's pixels around them. */
    private float[] pad(Tensor planes, Padding p) {
        int channels = planes.dim(0);
        int height = planes.dim(1);
        int width = planes.dim(2);
        int outH = height + p.totalHeight();
        int outW = width + p.totalWidth();
        float[] src = planes.data();
        float[] dst = new float[channels * outH * outW];
        int[] columns = new int[outW];
        for (int x = 0; x < outW; x++) {
            columns[x] = border.source(x - p.left(), width);
        }
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < outH; y++) {
                int from = (c * height + border.source(y - p.top(), height)) * width;
                int to = (c * outH + y) * outW;
                for (int x = 0; x < outW; x++) {
                    dst[to + x] = src[from + columns[x]];
                }
            }
        }
        return dst;
    }
}
