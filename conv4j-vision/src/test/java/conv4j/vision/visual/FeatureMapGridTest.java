package conv4j.vision.visual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureMapGridTest {
    private static final int WHITE = 0xffffff;
    private static final int BLACK = 0x000000;

    private static LayerMaps layer(Tensor maps) {
        return new LayerMaps("features.0", "Conv2d(1, 5, kernel 3x3)", maps.shape(), maps);
    }

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xffffff;
    }

    @Test
    void aSingleBrightPixelLandsInItsTileAtItsPlace() {
        // five 4 x 6 maps, all zero but map 3 at row 1, column 4
        Tensor maps = Tensor.zeros(5, 4, 6);
        maps.data()[3 * 24 + 1 * 6 + 4] = 1f;
        GridPicture p = new FeatureMapGrid().render(layer(maps));
        BufferedImage image = p.image();
        List<Rectangle> tiles = p.tiles();
        assertEquals(5, tiles.size());

        Rectangle t0 = tiles.get(0);
        assertEquals(0, t0.width % 6, "a tile is the map enlarged by a whole factor: " + t0);
        int s = t0.width / 6;
        assertTrue(s > 1, "a 4 x 6 map is enlarged to be seen: " + t0);
        assertEquals(4 * s, t0.height, "the same factor on both axes: " + t0);

        // the tiles go left to right, then on to the next row, starting at the left again
        for (int i = 1; i < tiles.size(); i++) {
            Rectangle a = tiles.get(i - 1);
            Rectangle b = tiles.get(i);
            assertEquals(t0.getSize(), b.getSize());
            boolean sameRow = b.y == a.y && b.x >= a.x + a.width;
            boolean nextRow = b.y >= a.y + a.height && b.x == t0.x;
            assertTrue(sameRow || nextRow, "tile " + i + " " + b + " after " + a);
            assertTrue(b.y >= p.labelHeight(), "tiles lie below the label band");
        }

        // the white pixels of the whole picture are exactly the enlarged bright cell of map 3
        Rectangle t3 = tiles.get(3);
        Rectangle expected = new Rectangle(t3.x + 4 * s, t3.y + 1 * s, s, s);
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        int white = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (rgb(image, x, y) == WHITE) {
                    white++;
                    minX = Math.min(minX, x);
                    minY = Math.min(minY, y);
                    maxX = Math.max(maxX, x);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        assertEquals(expected, new Rectangle(minX, minY, maxX - minX + 1, maxY - minY + 1));
        assertEquals(s * s, white);

        // every other pixel of every tile is black: a map that is zero everywhere is dead, not grey
        for (int i = 0; i < tiles.size(); i++) {
            Rectangle t = tiles.get(i);
            for (int y = t.y; y < t.y + t.height; y++) {
                for (int x = t.x; x < t.x + t.width; x++) {
                    if (!expected.contains(x, y)) {
                        assertEquals(BLACK, rgb(image, x, y), "tile " + i + " at " + x + ", " + y);
                    }
                }
            }
        }
    }

    @Test
    void theLabelBandHoldsText() {
        GridPicture p = new FeatureMapGrid().render(layer(Tensor.zeros(2, 3, 3)));
        BufferedImage image = p.image();
        int background = rgb(image, 0, 0);
        int ink = 0;
        for (int y = 0; y < p.labelHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (rgb(image, x, y) != background) {
                    ink++;
                }
            }
        }
        assertTrue(ink > 200, "the label band has " + ink + " pixels of text");
        for (Rectangle t : p.tiles()) {
            assertTrue(t.y >= p.labelHeight() && t.y + t.height <= image.getHeight(), t.toString());
        }
    }

    @Test
    void theCaptionNamesTheLayerItsShapeAndTheScaling() {
        List<String> caption = new FeatureMapGrid().caption(layer(Tensor.zeros(5, 4, 6)));
        assertEquals("features.0   Conv2d(1, 5, kernel 3x3)", caption.get(0));
        assertTrue(caption.get(1).startsWith("output 5 x 4 x 6"), caption.get(1));
        assertTrue(caption.get(2).contains("its own min..max"), caption.get(2));
    }

    @Test
    void aWideLayerIsCutToTheFirstMapsAndSaysSo() {
        Tensor maps = Tensor.zeros(100, 2, 2);
        LayerMaps wide = new LayerMaps("layer4", "Conv2d(3, 100, kernel 1x1)", Shape.of(100, 2, 2), maps);
        FeatureMapGrid grid = new FeatureMapGrid(64, FeatureMapGrid.Scaling.PER_MAP);
        assertEquals(64, grid.render(wide).tiles().size());
        String caption = String.join("\n", grid.caption(wide));
        assertTrue(caption.contains("the first 64 of 100 maps"), caption);
        assertFalse(String.join("\n", new FeatureMapGrid(100, FeatureMapGrid.Scaling.PER_MAP).caption(wide))
                .contains("first"));
    }

    @Test
    void eachMapOnItsOwnScaleOrAllOnTheLayers() {
        // map 0 rises to 1, map 1 only to 0.1
        Tensor maps = Tensor.zeros(2, 1, 2);
        maps.data()[1] = 1f;
        maps.data()[3] = 0.1f;
        LayerMaps l = layer(maps);
        GridPicture own = new FeatureMapGrid(64, FeatureMapGrid.Scaling.PER_MAP).render(l);
        GridPicture shared = new FeatureMapGrid(64, FeatureMapGrid.Scaling.PER_LAYER).render(l);
        Rectangle t1 = own.tiles().get(1);
        int right = t1.x + t1.width - 1;
        assertEquals(WHITE, rgb(own.image(), right, t1.y), "map 1's peak is white on its own scale");
        int grey = rgb(shared.image(), right, t1.y) & 0xff;
        assertEquals(Math.round(0.1f * 255), grey, 1, "on the layer's scale map 1's peak is a tenth of white");
    }

    @Test
    void aMapThatIsNotFiniteIsRefusedNamingTheLayer() {
        Tensor maps = Tensor.zeros(2, 2, 2);
        maps.data()[5] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FeatureMapGrid().render(layer(maps)));
        assertTrue(e.getMessage().startsWith("features.0: map 1 holds NaN"), e.getMessage());
    }

    @Test
    void mapsThatDoNotMatchTheLayersShapeAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new LayerMaps("x", "y", Shape.of(3, 4, 4), Tensor.zeros(4, 4, 4)));
        assertThrows(IllegalArgumentException.class,
                () -> new LayerMaps("x", "y", Shape.of(3, 4, 4), Tensor.zeros(2, 4, 5)));
    }
}
