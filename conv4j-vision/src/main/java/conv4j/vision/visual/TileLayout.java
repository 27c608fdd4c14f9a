package conv4j.vision.visual;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the tiles of a grid go: a label band at the top, then tiles of one size in rows, left to right, with a gap
 * that holds a thin frame round each tile (so that a black map stays visible as a tile). Small maps and filters are
 * enlarged by a whole factor, nearest neighbour, until their longer side is about {@link #TARGET} pixels, a cell
 * being at most {@link #MAX_CELL} pixels: a 5 x 5 filter becomes 95 x 95, a 28 x 28 map 84 x 84, a 3 x 3 filter
 * 72 x 72, a 1 x 1 map (one number) a 24 x 24 square; a 112 x 112 map stays as it is.
 */
final class TileLayout {
    static final int MARGIN = 10;
    static final int GAP = 4;
    static final int TARGET = 96;
    static final int MAX_CELL = 24;
    static final Color BACKGROUND = new Color(246, 246, 248);
    static final Color FRAME = new Color(160, 160, 172);

    private final int count;
    private final int columns;
    private final int tileWidth;
    private final int tileHeight;
    private final LabelBand band;

    /** {@code columns} 0: about as many columns as rows. */
    TileLayout(int count, int columns, int tileWidth, int tileHeight, LabelBand band) {
        if (count < 1) {
            throw new IllegalArgumentException("a grid needs at least one tile, received " + count);
        }
        this.count = count;
        this.columns = Math.min(count, columns > 0 ? columns : (int) Math.ceil(Math.sqrt(count)));
        this.tileWidth = tileWidth;
        this.tileHeight = tileHeight;
        this.band = band;
    }

    /** The whole factor that brings a map's longer side near {@link #TARGET}; 1 for maps already that large. */
    static int scale(int height, int width) {
        return Math.max(1, Math.min(MAX_CELL, TARGET / Math.max(height, width)));
    }

    int rows() {
        return (count + columns - 1) / columns;
    }

    int labelHeight() {
        return MARGIN + band.height() + MARGIN;
    }

    Rectangle tile(int i) {
        int x = MARGIN + (i % columns) * (tileWidth + GAP);
        int y = labelHeight() + (i / columns) * (tileHeight + GAP);
        return new Rectangle(x, y, tileWidth, tileHeight);
    }

    List<Rectangle> tiles() {
        List<Rectangle> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(tile(i));
        }
        return out;
    }

    int width() {
        int grid = columns * tileWidth + (columns - 1) * GAP;
        return MARGIN + Math.max(grid, band.width()) + MARGIN;
    }

    int height() {
        return labelHeight() + rows() * tileHeight + (rows() - 1) * GAP + MARGIN;
    }

    /** A picture of the right size with the background, the label and the tile frames drawn; the tiles are empty. */
    BufferedImage canvas() {
        BufferedImage image = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            band.draw(g, MARGIN, MARGIN);
            g.setColor(FRAME);
            for (Rectangle r : tiles()) {
                g.drawRect(r.x - 1, r.y - 1, r.width + 1, r.height + 1);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    GridPicture picture(BufferedImage image) {
        return new GridPicture(image, labelHeight(), tiles());
    }

    /** Fills tile {@code i} with an H x W plane of 0xRRGGBB colours, each cell enlarged by {@code scale}. */
    void paint(BufferedImage image, int i, int[] rgb, int height, int width, int scale) {
        Rectangle r = tile(i);
        for (int y = 0; y < height * scale; y++) {
            int row = (y / scale) * width;
            for (int x = 0; x < width * scale; x++) {
                image.setRGB(r.x + x, r.y + y, rgb[row + x / scale]);
            }
        }
    }

    static int grey(float level) {
        int v = Math.round(Math.min(1f, Math.max(0f, level)) * 255f);
        return v << 16 | v << 8 | v;
    }

    static int rgb(float r, float g, float b) {
        return grey(r) & 0xff0000 | grey(g) & 0x00ff00 | grey(b) & 0x0000ff;
    }
}
