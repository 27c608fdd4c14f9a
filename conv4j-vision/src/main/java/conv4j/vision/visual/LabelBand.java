package conv4j.vision.visual;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Lines of text drawn with Java2D above a grid: the first line bold (the layer), the others plain (the numbers). */
final class LabelBand {
    static final Color INK = new Color(25, 25, 30);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final int LEADING = 4;

    private final List<String> lines;
    private final int width;
    private final int height;

    LabelBand(List<String> lines) {
        this.lines = List.copyOf(lines);
        // Text is measured on a scratch picture: font metrics need a graphics context, never a screen.
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            int w = 0;
            int h = 0;
            for (int i = 0; i < this.lines.size(); i++) {
                FontMetrics m = g.getFontMetrics(font(i));
                w = Math.max(w, m.stringWidth(this.lines.get(i)));
                h += m.getHeight() + (i == 0 ? 0 : LEADING);
            }
            this.width = w;
            this.height = h;
        } finally {
            g.dispose();
        }
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** Draws the lines with their top-left corner at (x, y). */
    void draw(Graphics2D g, int x, int y) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(INK);
        int top = y;
        for (int i = 0; i < lines.size(); i++) {
            g.setFont(font(i));
            FontMetrics m = g.getFontMetrics();
            top += i == 0 ? 0 : LEADING;
            g.drawString(lines.get(i), x, top + m.getAscent());
            top += m.getHeight();
        }
    }

    private static Font font(int line) {
        return line == 0 ? TITLE : TEXT;
    }
}
