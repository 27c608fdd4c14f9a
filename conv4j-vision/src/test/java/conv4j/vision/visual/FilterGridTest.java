package conv4j.vision.visual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class FilterGridTest {

    @Test
    void sixFiltersOfFiveByFiveMakeSixEnlargedSquareTilesInTwoRowsOfThree() {
        Tensor w = Tensor.randn(Shape.of(6, 1, 5, 5), new Rng(3), 0.2);
        GridPicture p = new FilterGrid().render("features.0", "Conv2d(1, 6, kernel 5x5, padding 2)", w);
        List<Rectangle> tiles = p.tiles();
        assertEquals(6, tiles.size());
        int side = tiles.get(0).width;
        assertEquals(0, side % 5, "whole enlargement: " + side);
        assertTrue(side >= 40, "a 5 x 5 filter is enlarged to be seen: " + side);
        Set<Integer> xs = new TreeSet<>();
        Set<Integer> ys = new TreeSet<>();
        for (Rectangle t : tiles) {
            assertEquals(new Rectangle(t.x, t.y, side, side), t);
            xs.add(t.x);
            ys.add(t.y);
        }
        assertEquals(3, xs.size(), "three columns: " + tiles);
        assertEquals(2, ys.size(), "two rows: " + tiles);

        // the picture is the grid with equal margins left and bottom, at least as wide as the grid
        BufferedImage image = p.image();
        int margin = tiles.get(0).x;
        int bottom = tiles.stream().mapToInt(t -> t.y + t.height).max().orElseThrow();
        int right = tiles.stream().mapToInt(t -> t.x + t.width).max().orElseThrow();
        assertEquals(bottom + margin, image.getHeight());
        assertTrue(image.getWidth() >= right + margin, image.getWidth() + " vs " + right);

        // each cell shows its weight on one symmetric scale: mid grey 0, white the largest size
        float max = 0;
        for (float v : w.data()) {
            max = Math.max(max, Math.abs(v));
        }
        int s = side / 5;
        for (int f = 0; f < 6; f++) {
            Rectangle t = tiles.get(f);
            for (int r = 0; r < 5; r++) {
                for (int c = 0; c < 5; c++) {
                    float v = w.data()[f * 25 + r * 5 + c];
                    int expected = Math.round((0.5f + v / (2 * max)) * 255);
                    int got = image.getRGB(t.x + c * s + s / 2, t.y + r * s + s / 2) & 0xff;
                    assertEquals(expected, got, 1, "filter " + f + " (" + r + ", " + c + ")");
                }
            }
        }
    }

    @Test
    void filtersOverRgbAreColourTiles() {
        // filter 0 weighs red only, +1 at its centre and -1 at its corner
        Tensor w = Tensor.zeros(2, 3, 3, 3);
        w.data()[4] = 1f;
        w.data()[0] = -1f;
        GridPicture p = new FilterGrid().render("conv1", "Conv2d(3, 2, kernel 3x3)", w);
        Rectangle t = p.tiles().get(0);
        int s = t.width / 3;
        int centre = p.image().getRGB(t.x + s + s / 2, t.y + s + s / 2) & 0xffffff;
        int corner = p.image().getRGB(t.x + s / 2, t.y + s / 2) & 0xffffff;
        int zero = p.image().getRGB(t.x + 2 * s + s / 2, t.y + s / 2) & 0xffffff;
        assertEquals(0xff8080, centre, Integer.toHexString(centre));
        assertEquals(0x008080, corner, Integer.toHexString(corner));
        assertEquals(0x808080, zero, Integer.toHexString(zero));
        assertEquals(2, p.tiles().size());
    }

    @Test
    void otherChannelCountsGetOneRowPerFilter() {
        GridPicture p = new FilterGrid().render("c", "Conv2d(2, 4, kernel 3x3)", Tensor.zeros(4, 2, 3, 3));
        assertEquals(8, p.tiles().size());
        assertEquals(p.tiles().get(0).y, p.tiles().get(1).y);
        assertTrue(p.tiles().get(2).y > p.tiles().get(1).y);
    }

    @Test
    void manyFiltersAreCutAndTheCaptionSaysSo() {
        FilterGrid grid = new FilterGrid(8);
        Tensor w = Tensor.zeros(20, 3, 3, 3);
        assertEquals(8, grid.render("conv1", "Conv2d(3, 20, kernel 3x3)", w).tiles().size());
        String caption = String.join("\n", grid.caption("conv1", "Conv2d(3, 20, kernel 3x3)", w));
        assertTrue(caption.contains("the first 8 of 20 filters"), caption);
        assertTrue(caption.contains("20 filters of 3 x 3 x 3"), caption);
    }

    @Test
    void weightsThatAreNotFiltersAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FilterGrid().render("fc", "Linear(4, 2)", Tensor.zeros(2, 4)));
        assertTrue(e.getMessage().startsWith("fc: filters are K x C x kH x kW"), e.getMessage());
    }
}
