package conv4j.vision.image;

import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;

/**
 * Pictures as tensors and back: C x H x W floats in [0, 1], 1 channel grey, 3 RGB, 4 RGBA (see {@link ImageMode}).
 * Pixels go through the raster, never {@code getRGB}/{@code setRGB}, which would bend grey values through Java's
 * linear-grey colour space.
 */
public final class ImageTensors {
    private ImageTensors() {
    }

    /** The image with the channels it is stored with: 1 for grey, 3 for colour, 4 when it has transparency. */
    public static Tensor toTensor(BufferedImage image) {
        PixelRows rows = PixelRows.of(image);
        return fromRows(rows, rows.layout.mode);
    }

    public static Tensor toTensor(BufferedImage image, ImageMode mode) {
        return fromRows(PixelRows.of(image), mode);
    }

    /** An image tensor (C x H x W with 1, 3 or 4 channels) in another mode; a new tensor even if the mode is its own. */
    public static Tensor convert(Tensor image, ImageMode mode) {
        int[] chw = chw(image);
        return fromRows(PixelRows.of(image.data(), chw[0], chw[1], chw[2]), mode);
    }

    /** An image tensor (C x H x W) resized to {@code height} x {@code width} by area averaging, channel by channel. */
    public static Tensor resize(Tensor image, int height, int width) {
        return resize(image, height, width, false);
    }

    /**
     * An image tensor (C x H x W) resized to {@code height} x {@code width} bilinearly, channel by channel, as PIL and
     * torchvision do (pixel centres at half-pixel offsets); when reducing, antialiased by widening the filter with the
     * scale (torchvision's {@code antialias=True}), so no input row or column is skipped.
     */
    public static Tensor resizeBilinear(Tensor image, int height, int width) {
        return resize(image, height, width, true);
    }

    private static Tensor resize(Tensor image, int height, int width, boolean bilinear) {
        if (image.rank() != 3) {
            throw new IllegalArgumentException("resize needs a C x H x W image, received " + image.shape());
        }
        int c = image.dim(0);
        int h = image.dim(1);
        int w = image.dim(2);
        Tensor out = Tensor.zeros(c, height, width);
        float[] plane = new float[h * w];
        for (int ch = 0; ch < c; ch++) {
            System.arraycopy(image.data(), ch * h * w, plane, 0, h * w);
            float[] r = bilinear ? Resample.bilinear(plane, h, w, height, width)
                    : Resample.area(plane, h, w, height, width);
            System.arraycopy(r, 0, out.data(), ch * height * width, height * width);
        }
        return out;
    }

    /** The tensor as an 8-bit picture, values clamped to [0, 1]. */
    public static BufferedImage toImage(Tensor image) {
        return toImage(image, 0f, 1f);
    }

    /**
     * The tensor as an 8-bit picture: {@code low} becomes 0, {@code high} 255, values outside are clamped (for feature
     * maps and filters, whose range is whatever the network made it). A tensor is C x H x W with 1 (grey), 3 (RGB)
     * or 4 (RGBA) channels, or H x W for grey.
     */
    public static BufferedImage toImage(Tensor image, float low, float high) {
        if (!(Float.isFinite(low) && Float.isFinite(high) && low < high)) {
            throw new IllegalArgumentException("the value range of an image must be finite with low < high, received "
                    + low + " .. " + high);
        }
        int[] chw = chw(image);
        int channels = chw[0];
        int height = chw[1];
        int width = chw[2];
        int type = switch (channels) {
            case 1 -> BufferedImage.TYPE_BYTE_GRAY;
            case 3 -> BufferedImage.TYPE_INT_RGB;
            default -> BufferedImage.TYPE_INT_ARGB;
        };
        BufferedImage out = new BufferedImage(width, height, type);
        WritableRaster raster = out.getRaster();
        float[] data = image.data();
        float range = high - low;
        int[] row = new int[width];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                int base = (c * height + y) * width;
                for (int x = 0; x < width; x++) {
                    float v = data[base + x];
                    if (Float.isNaN(v)) {
                        throw new IllegalArgumentException("image tensor " + image.shape() + " holds NaN at channel "
                                + c + ", row " + y + ", column " + x);
                    }
                    float q = Math.min(1f, Math.max(0f, (v - low) / range));
                    row[x] = Math.round(q * 255f);
                }
                // The rasters of these three types keep bands in the order grey, or red, green, blue, alpha.
                raster.setSamples(0, y, width, 1, c, row);
            }
        }
        return out;
    }

    static Tensor fromRows(PixelRows rows, ImageMode mode) {
        int width = rows.width;
        int height = rows.height;
        int plane = width * height;
        float[] data = new float[mode.channels() * plane];
        float[][] in = new float[rows.layout.channels][width];
        boolean greyIn = rows.layout == PixelRows.Layout.GREY || rows.layout == PixelRows.Layout.GREY_ALPHA;
        boolean alphaIn = rows.layout.hasAlpha();
        float[] alpha = alphaIn ? in[rows.layout.channels - 1] : null;
        for (int y = 0; y < height; y++) {
            rows.read(y, in);
            int base = y * width;
            for (int x = 0; x < width; x++) {
                float r = in[0][x];
                float g = greyIn ? r : in[1][x];
                float b = greyIn ? r : in[2][x];
                float a = alphaIn ? alpha[x] : 1f;
                if (mode != ImageMode.RGBA && a < 1f) {
                    // Over white: what a viewer on a white page shows.
                    r = r * a + (1f - a);
                    g = g * a + (1f - a);
                    b = b * a + (1f - a);
                }
                int i = base + x;
                switch (mode) {
                    case GREY -> data[i] = greyIn ? r : luma(r, g, b);
                    case RGB -> {
                        data[i] = r;
                        data[plane + i] = g;
                        data[2 * plane + i] = b;
                    }
                    case RGBA -> {
                        data[i] = r;
                        data[plane + i] = g;
                        data[2 * plane + i] = b;
                        data[3 * plane + i] = a;
                    }
                }
            }
        }
        return new Tensor(Shape.of(mode.channels(), height, width), data);
    }

    /** ITU-R BT.601 luma; in double so that equal r, g, b give back exactly that value. */
    static float luma(float r, float g, float b) {
        return (float) Math.min(1.0, 0.299 * r + 0.587 * g + 0.114 * b);
    }

    private static int[] chw(Tensor image) {
        Shape s = image.shape();
        int[] chw = switch (s.rank()) {
            case 2 -> new int[] {1, s.dim(0), s.dim(1)};
            case 3 -> new int[] {s.dim(0), s.dim(1), s.dim(2)};
            default -> null;
        };
        if (chw == null || (chw[0] != 1 && chw[0] != 3 && chw[0] != 4) || chw[1] < 1 || chw[2] < 1) {
            throw new IllegalArgumentException("an image tensor is C x H x W with 1, 3 or 4 channels (or H x W), "
                    + "at least 1 x 1, received shape " + s);
        }
        return chw;
    }
}
