package conv4j.vision.visual;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * A rendered grid of tiles under a label band: the picture, the height of the band of text at its top, and where each
 * tile (one feature map or one filter, in channel order) landed, so that a caller can point into the picture.
 */
public record GridPicture(BufferedImage image, int labelHeight, List<Rectangle> tiles) {
    public GridPicture {
        Objects.requireNonNull(image, "image");
        if (labelHeight < 0 || labelHeight > image.getHeight()) {
            throw new IllegalArgumentException("label height must be 0 .. " + image.getHeight() + ", received "
                    + labelHeight);
        }
        tiles = tiles.stream().map(Rectangle::new).toList();
    }

    @Override
    public List<Rectangle> tiles() {
        return tiles.stream().map(Rectangle::new).toList(); // Rectangle is mutable: hand out copies
    }
}
