package conv4j.vision.visual;

import conv4j.nn.Conv2d;
import conv4j.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Draws the filters of a convolution layer (its K x C x kH x kW weights; the bias is left out) as a grid of tiles.
 * A filter over an RGB input (C = 3) is one colour tile, its red, green and blue weights as the three colours; over one
 * channel, one grey tile; over any other count, one row per filter with a grey tile per input channel.
 *
 * <p>All filters share one scale, symmetric about zero: mid grey is a weight of 0, white (full colour) the largest
 * weight in size, black the same size negative. So the sign of every weight shows, and filters can be compared; a
 * scale per filter would make a nearly dead filter look as strong as the rest.
 */
public final class FilterGrid {
    public static final int DEFAULT_MAX_FILTERS = 64;

    private final int maxFilters;

    public FilterGrid(int maxFilters) {
        if (maxFilters < 1) {
            throw new IllegalArgumentException("the number of filters to draw must be at least 1, received "
                    + maxFilters);
        }
        this.maxFilters = maxFilters;
    }

    public FilterGrid() {
        this(DEFAULT_MAX_FILTERS);
    }

    /** The filters of {@code conv}, labelled with {@code name} (its path in the model) and its description. */
    public GridPicture render(String name, Conv2d conv) {
        return render(name, conv.describe(), conv.weight().value());
    }

    /** The caption of {@link #render(String, Conv2d)}, line by line. */
    public List<String> caption(String name, Conv2d conv) {
        return caption(name, conv.describe(), conv.weight().value());
    }

    public GridPicture render(String name, String description, Tensor weight) {
        List<String> caption = caption(name, description, weight); // checks the weights
        int k = weight.dim(0);
        int c = weight.dim(1);
        int kh = weight.dim(2);
        int kw = weight.dim(3);
        int n = Math.min(k, maxFilters);
        float[] w = weight.data();
        float size = range(name, weight, n)[2];
        float half = size > 0 ? 2 * size : 1; // all zero: every weight mid grey

        boolean colour = c == 3;
        int perFilter = colour || c == 1 ? 1 : c;
        int scale = TileLayout.scale(kh, kw);
        TileLayout layout = new TileLayout(n * perFilter, perFilter == 1 ? 0 : c, kw * scale, kh * scale,
                new LabelBand(caption));
        BufferedImage image = layout.canvas();
        int plane = kh * kw;
        int[] rgb = new int[plane];
        for (int f = 0; f < n; f++) {
            int base = f * c * plane;
            if (colour) {
                for (int i = 0; i < plane; i++) {
                    rgb[i] = TileLayout.rgb(0.5f + w[base + i] / half, 0.5f + w[base + plane + i] / half,
                            0.5f + w[base + 2 * plane + i] / half);
                }
                layout.paint(image, f, rgb, kh, kw, scale);
            } else {
                for (int ch = 0; ch < c; ch++) {
                    for (int i = 0; i < plane; i++) {
                        rgb[i] = TileLayout.grey(0.5f + w[base + ch * plane + i] / half);
                    }
                    layout.paint(image, f * perFilter + ch, rgb, kh, kw, scale);
                }
            }
        }
        return layout.picture(image);
    }

    /**
     * The label drawn above the grid, line by line: the layer's name and description; the filters' shape and the
     * range of their weights; the colour scale, and how many filters are drawn when not all are.
     */
    public List<String> caption(String name, String description, Tensor weight) {
        Objects.requireNonNull(description, "description");
        requireFilters(name, weight);
        int k = weight.dim(0);
        int c = weight.dim(1);
        int drawn = Math.min(k, maxFilters);
        float[] range = range(name, weight, drawn);
        List<String> lines = new ArrayList<>();
        lines.add(name + "   " + description);
        lines.add(k + " filters of " + c + " x " + weight.dim(2) + " x " + weight.dim(3) + ";  weights "
                + FeatureMapGrid.number(range[0]) + " .. " + FeatureMapGrid.number(range[1])
                + (drawn < k ? " in the filters shown" : ""));
        String s = FeatureMapGrid.number(range[2]);
        String scale = c == 3 ? "red, green, blue weights as one colour: mid grey = 0, full = +" + s + ", none = -" + s
                : "mid grey = 0, white = +" + s + ", black = -" + s;
        if (c != 1 && c != 3) {
            scale += ";  one row per filter, a tile per input channel";
        }
        lines.add(scale + ";  one scale for all" + (drawn < k ? ";  the first " + drawn + " of " + k + " filters"
                : ""));
        return lines;
    }

    private static void requireFilters(String name, Tensor weight) {
        Objects.requireNonNull(name, "name");
        if (weight.rank() != 4 || weight.size() == 0) {
            throw new IllegalArgumentException(name + ": filters are K x C x kH x kW weights, received "
                    + weight.shape());
        }
    }

    /** The least weight, the greatest, and the greatest size, of the first {@code n} filters. */
    private static float[] range(String name, Tensor weight, int n) {
        int perFilter = weight.size() / weight.dim(0);
        float[] w = weight.data();
        float low = Float.POSITIVE_INFINITY;
        float high = Float.NEGATIVE_INFINITY;
        float size = 0;
        for (int i = 0; i < n * perFilter; i++) {
            if (!Float.isFinite(w[i])) {
                throw new IllegalArgumentException(name + ": filter " + i / perFilter + " holds " + w[i]);
            }
            size = Math.max(size, Math.abs(w[i]));
            low = Math.min(low, w[i]);
            high = Math.max(high, w[i]);
        }
        return new float[] {low, high, size};
    }
}
