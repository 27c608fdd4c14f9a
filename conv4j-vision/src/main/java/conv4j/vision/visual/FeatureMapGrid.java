package conv4j.vision.visual;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a layer's feature maps as a grid of grey tiles (black low, white high), in channel order, left to right,
 * under a label with the layer's name, type and output shape and the range of its values. At most {@code maxMaps}
 * maps are drawn, and the label says so when a layer has more.
 *
 * <p>Each map is scaled to its own min..max by default ({@link Scaling#PER_MAP}): the maps of one layer differ in
 * range by orders of magnitude, and on the layer's common scale the weak ones would all be black, although the point
 * of the picture is where each map responds. The layer's range is printed so that sizes are not lost, and a flat map
 * (no range of its own, such as a ReLU map that is zero everywhere, or a 1 x 1 map) is drawn at its level on the
 * layer's scale: a dead map stays black. {@link Scaling#PER_LAYER} puts every map on the layer's scale, to compare
 * strengths.
 */
public final class FeatureMapGrid {
    public static final int DEFAULT_MAX_MAPS = 64;

    public enum Scaling {
        PER_MAP("each map scaled to its own min..max (flat maps on the layer's range)"),
        PER_LAYER("all maps on the layer's range");

        private final String words;

        Scaling(String words) {
            this.words = words;
        }
    }

    private final int maxMaps;
    private final Scaling scaling;

    public FeatureMapGrid(int maxMaps, Scaling scaling) {
        if (maxMaps < 1) {
            throw new IllegalArgumentException("the number of maps to draw must be at least 1, received " + maxMaps);
        }
        this.maxMaps = maxMaps;
        this.scaling = java.util.Objects.requireNonNull(scaling, "scaling");
    }

    public FeatureMapGrid() {
        this(DEFAULT_MAX_MAPS, Scaling.PER_MAP);
    }

    public int maxMaps() {
        return maxMaps;
    }

    /** The grid of the layer's first maps (at most {@link #maxMaps()}), under its {@link #caption}. */
    public GridPicture render(LayerMaps layer) {
        int n = drawn(layer);
        int h = layer.maps().dim(1);
        int w = layer.maps().dim(2);
        int plane = h * w;
        float[] data = layer.maps().data();
        float[] range = range(layer, n);
        float low = range[0];
        float high = range[1];

        int scale = TileLayout.scale(h, w);
        TileLayout layout = new TileLayout(n, 0, w * scale, h * scale, new LabelBand(caption(layer)));
        BufferedImage image = layout.canvas();
        int[] rgb = new int[plane];
        for (int c = 0; c < n; c++) {
            int base = c * plane;
            float mapLow = Float.POSITIVE_INFINITY;
            float mapHigh = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < plane; i++) {
                mapLow = Math.min(mapLow, data[base + i]);
                mapHigh = Math.max(mapHigh, data[base + i]);
            }
            boolean own = scaling == Scaling.PER_MAP && mapHigh > mapLow;
            float from = own ? mapLow : low;
            float size = own ? mapHigh - mapLow : high - low;
            for (int i = 0; i < plane; i++) {
                rgb[i] = TileLayout.grey(size > 0 ? (data[base + i] - from) / size : 0f);
            }
            layout.paint(image, c, rgb, h, w, scale);
        }
        return layout.picture(image);
    }

    /**
     * The label drawn above the grid, line by line: the layer's name (with the lecture's, where it has one) and
     * description; its output shape and the range of the values drawn; how they are scaled, and how many of the
     * layer's maps are drawn when not all are.
     */
    public List<String> caption(LayerMaps layer) {
        int drawn = drawn(layer);
        float[] range = range(layer, drawn);
        List<String> lines = new ArrayList<>();
        lines.add(layer.title() + "   " + layer.description());
        lines.add("output " + dims(layer) + ";  values " + number(range[0]) + " .. " + number(range[1])
                + (drawn < layer.channels() ? " in the maps shown" : ""));
        lines.add(scaling.words + (drawn < layer.channels()
                ? ";  the first " + drawn + " of " + layer.channels() + " maps" : ""));
        return lines;
    }

    private int drawn(LayerMaps layer) {
        return Math.min(layer.kept(), maxMaps);
    }

    /** The least and greatest value of the first {@code n} maps; a value that is not finite is refused. */
    private static float[] range(LayerMaps layer, int n) {
        int w = layer.maps().dim(2);
        int plane = layer.maps().dim(1) * w;
        float[] data = layer.maps().data();
        float low = Float.POSITIVE_INFINITY;
        float high = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n * plane; i++) {
            float v = data[i];
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(layer.name() + ": map " + i / plane + " holds " + v
                        + " at row " + (i % plane) / w + ", column " + i % w);
            }
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        return new float[] {low, high};
    }

    private static String dims(LayerMaps layer) {
        StringBuilder b = new StringBuilder();
        for (int d : layer.shape().dims()) {
            b.append(b.length() == 0 ? "" : " x ").append(d);
        }
        return b.toString();
    }

    static String number(float v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
