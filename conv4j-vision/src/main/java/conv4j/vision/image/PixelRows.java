package conv4j.vision.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * An image read one row at a time as floats in [0, 1], in the channels it is stored with. Samples are scaled by their
 * own bit depth (a 16-bit sample by 1/65535), and palette indices are looked up in the palette. Going through
 * {@code getRGB} instead would cut 16 bits to 8 and, for grey images, apply Java's linear-grey gamma curve.
 */
abstract class PixelRows {

    /** The channels as stored; grey with alpha has no {@link ImageMode} of its own and reads as RGBA. */
    enum Layout {
        GREY(1, ImageMode.GREY), GREY_ALPHA(2, ImageMode.RGBA), RGB(3, ImageMode.RGB), RGBA(4, ImageMode.RGBA);

        final int channels;
        final ImageMode mode;

        Layout(int channels, ImageMode mode) {
            this.channels = channels;
            this.mode = mode;
        }

        boolean hasAlpha() {
            return this == GREY_ALPHA || this == RGBA;
        }
    }

    final int width;
    final int height;
    final Layout layout;

    private PixelRows(int width, int height, Layout layout) {
        this.width = width;
        this.height = height;
        this.layout = layout;
    }

    /** Fills {@code out[0 .. layout.channels - 1]} (each at least {@code width} long) with row {@code y}. */
    abstract void read(int y, float[][] out);

    static PixelRows of(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        if (cm instanceof IndexColorModel palette) {
            return new Palette(image.getWidth(), image.getHeight(), raster, palette);
        }
        if (Samples.fits(cm, raster)) {
            return new Samples(image.getWidth(), image.getHeight(), raster, cm);
        }
        return new Argb(image);
    }

    /** A C x H x W tensor's data with 1, 3 or 4 channels. */
    static PixelRows of(float[] data, int channels, int height, int width) {
        Layout layout = switch (channels) {
            case 1 -> Layout.GREY;
            case 3 -> Layout.RGB;
            case 4 -> Layout.RGBA;
            default -> throw new IllegalArgumentException("an image has 1, 3 or 4 channels, received " + channels);
        };
        return new PixelRows(width, height, layout) {
            @Override
            void read(int y, float[][] out) {
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(data, (c * height + y) * width, out[c], 0, width);
                }
            }
        };
    }

    /** Grey or RGB components, with or without alpha, stored as integer samples of up to 16 bits. */
    private static final class Samples extends PixelRows {
        private final Raster raster;
        private final float[] max;
        private final boolean premultiplied;
        private final int[] samples;

        Samples(int width, int height, Raster raster, ColorModel cm) {
            super(width, height, layoutOf(cm));
            this.raster = raster;
            this.premultiplied = cm.hasAlpha() && cm.isAlphaPremultiplied();
            this.max = new float[cm.getNumComponents()];
            for (int b = 0; b < max.length; b++) {
                max[b] = (1 << cm.getComponentSize(b)) - 1;
            }
            this.samples = new int[width];
        }

        static boolean fits(ColorModel cm, Raster raster) {
            if (!(cm instanceof ComponentColorModel || cm instanceof DirectColorModel)) {
                return false;
            }
            int space = cm.getColorSpace().getType();
            if (space != ColorSpace.TYPE_GRAY && space != ColorSpace.TYPE_RGB) {
                return false;
            }
            int type = raster.getTransferType();
            if (type != DataBuffer.TYPE_BYTE && type != DataBuffer.TYPE_USHORT && type != DataBuffer.TYPE_INT) {
                return false;
            }
            if (raster.getNumBands() != cm.getNumComponents()) {
                return false;
            }
            for (int b = 0; b < cm.getNumComponents(); b++) {
                if (cm.getComponentSize(b) < 1 || cm.getComponentSize(b) > 16) {
                    return false;
                }
            }
            return true;
        }

        private static Layout layoutOf(ColorModel cm) {
            boolean grey = cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
            return grey ? (cm.hasAlpha() ? Layout.GREY_ALPHA : Layout.GREY) : (cm.hasAlpha() ? Layout.RGBA : Layout.RGB);
        }

        @Override
        void read(int y, float[][] out) {
            for (int b = 0; b < max.length; b++) {
                raster.getSamples(0, y, width, 1, b, samples);
                float m = max[b];
                float[] o = out[b];
                for (int x = 0; x < width; x++) {
                    o[x] = samples[x] / m;
                }
            }
            if (premultiplied) {
                float[] alpha = out[max.length - 1];
                for (int b = 0; b < max.length - 1; b++) {
                    float[] o = out[b];
                    for (int x = 0; x < width; x++) {
                        o[x] = alpha[x] > 0 ? Math.min(1f, o[x] / alpha[x]) : 0f;
                    }
                }
            }
        }
    }

    /** Indices into a palette (PNG colour type 3, GIF, BMP of 8 bits or fewer). */
    private static final class Palette extends PixelRows {
        private final Raster raster;
        private final float[][] table;
        private final int[] indices;

        Palette(int width, int height, Raster raster, IndexColorModel palette) {
            super(width, height, layoutOf(palette));
            this.raster = raster;
            int n = palette.getMapSize();
            this.table = new float[layout.channels][n];
            for (int i = 0; i < n; i++) {
                int c = 0;
                table[c++][i] = palette.getRed(i) / 255f;
                if (layout == Layout.RGB || layout == Layout.RGBA) {
                    table[c++][i] = palette.getGreen(i) / 255f;
                    table[c++][i] = palette.getBlue(i) / 255f;
                }
                if (layout.hasAlpha()) {
                    table[c][i] = palette.getAlpha(i) / 255f;
                }
            }
            this.indices = new int[width];
        }

        private static Layout layoutOf(IndexColorModel palette) {
            boolean grey = true;
            for (int i = 0; i < palette.getMapSize() && grey; i++) {
                grey = palette.getRed(i) == palette.getGreen(i) && palette.getGreen(i) == palette.getBlue(i);
            }
            boolean alpha = palette.getTransparency() != java.awt.Transparency.OPAQUE;
            return grey ? (alpha ? Layout.GREY_ALPHA : Layout.GREY) : (alpha ? Layout.RGBA : Layout.RGB);
        }

        @Override
        void read(int y, float[][] out) {
            raster.getSamples(0, y, width, 1, 0, indices);
            int n = table[0].length;
            for (int c = 0; c < table.length; c++) {
                float[] t = table[c];
                float[] o = out[c];
                for (int x = 0; x < width; x++) {
                    int i = indices[x];
                    // A damaged file may hold an index past the palette's end; that pixel reads as black.
                    o[x] = i < n ? t[i] : 0f;
                }
            }
        }
    }

    /** Anything else (CMYK, float samples, custom models), through Java's conversion to 8-bit sRGB. */
    private static final class Argb extends PixelRows {
        private final BufferedImage image;
        private final int[] argb;

        Argb(BufferedImage image) {
            super(image.getWidth(), image.getHeight(), image.getColorModel().hasAlpha() ? Layout.RGBA : Layout.RGB);
            this.image = image;
            this.argb = new int[width];
        }

        @Override
        void read(int y, float[][] out) {
            image.getRGB(0, y, width, 1, argb, 0, width);
            for (int x = 0; x < width; x++) {
                int p = argb[x];
                out[0][x] = (p >> 16 & 0xff) / 255f;
                out[1][x] = (p >> 8 & 0xff) / 255f;
                out[2][x] = (p & 0xff) / 255f;
                if (layout == Layout.RGBA) {
                    out[3][x] = (p >>> 24) / 255f;
                }
            }
        }
    }
}
