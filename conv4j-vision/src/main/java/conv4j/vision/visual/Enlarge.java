package conv4j.vision.visual;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/** Enlarges small pictures by a whole factor, nearest neighbour: every pixel a sharp square, no made-up values. */
public final class Enlarge {
    private Enlarge() {
    }

    /** The factor that brings the longer side of an {@code height} x {@code width} picture near {@code target}. */
    public static int factor(int height, int width, int target) {
        return Math.max(1, target / Math.max(height, width));
    }

    public static BufferedImage nearest(BufferedImage image, int factor) {
        if (factor < 1 || (long) image.getWidth() * factor * image.getHeight() * factor > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cannot enlarge a " + image.getWidth() + " x " + image.getHeight()
                    + " picture by " + factor);
        }
        if (factor == 1) {
            return image;
        }
        // Sample by sample through the rasters: getRGB would bend a grey picture's levels through Java's linear grey.
        BufferedImage out = new BufferedImage(image.getColorModel(),
                image.getRaster().createCompatibleWritableRaster(image.getWidth() * factor,
                        image.getHeight() * factor), image.isAlphaPremultiplied(), null);
        Raster in = image.getRaster();
        WritableRaster to = out.getRaster();
        int[] pixel = new int[in.getNumBands()];
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                to.setPixel(x, y, in.getPixel(x / factor, y / factor, pixel));
            }
        }
        return out;
    }
}
