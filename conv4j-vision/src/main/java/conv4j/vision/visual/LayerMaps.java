package conv4j.vision.visual;

import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.Objects;

/**
 * What one layer made of one input: its name in the model ({@code features.0}), a description of the layer
 * ({@code Conv2d(1, 6, kernel 5x5, padding 2)}), the shape of its whole output without the batch (C x H x W, or C
 * for a layer that pools each map to one number), the maps kept to draw, K x H x W with K at most C: often only
 * the first maps of a wide layer, and the lecture's name of the layer ({@code C1}), empty where it has none.
 */
public record LayerMaps(String name, String description, Shape shape, Tensor maps, String lectureName) {
    public LayerMaps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(lectureName, "lectureName");
        if (shape.rank() != 1 && shape.rank() != 3) {
            throw new IllegalArgumentException(name + ": a layer's maps are C x H x W (or C), received " + shape);
        }
        int channels = shape.dim(0);
        int height = shape.rank() == 3 ? shape.dim(1) : 1;
        int width = shape.rank() == 3 ? shape.dim(2) : 1;
        Shape m = maps.shape();
        if (m.rank() != 3 || m.dim(0) < 1 || m.dim(0) > channels || m.dim(1) != height || m.dim(2) != width) {
            throw new IllegalArgumentException(name + ": the maps kept must be K x " + height + " x " + width
                    + " with 1 <= K <= " + channels + ", received " + m);
        }
    }

    /** A layer without a name in the lecture. */
    public LayerMaps(String name, String description, Shape shape, Tensor maps) {
        this(name, description, shape, maps, "");
    }

    /** These maps, their layer called {@code lecture} as the lecture calls it. */
    public LayerMaps withLectureName(String lecture) {
        return new LayerMaps(name, description, shape, maps, lecture);
    }

    /** How a picture names the layer: {@code C1 (features.0)}, or the name in the model where the lecture has none. */
    public String title() {
        return title(name, lectureName);
    }

    /** A layer's name in the model ({@code features.0}) with the lecture's ({@code C1}), where it has one. */
    public static String title(String name, String lectureName) {
        return lectureName.isEmpty() ? name : lectureName + " (" + name + ")";
    }

    /** How many maps the layer has in all. */
    public int channels() {
        return shape.dim(0);
    }

    /** How many of them were kept. */
    public int kept() {
        return maps.dim(0);
    }
}
