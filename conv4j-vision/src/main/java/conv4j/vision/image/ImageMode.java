package conv4j.vision.image;

/**
 * The channels an image becomes as a tensor, C x H x W with every value in [0, 1]. Asking for {@link #GREY} or
 * {@link #RGB} from a picture with transparency lays it over white first, so the tensor shows what a viewer on a
 * white page shows (a digit drawn on a transparent canvas stays visible).
 */
public enum ImageMode {
    /** One channel, 0 black to 1 white; colour becomes luma 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601, as PIL). */
    GREY(1),
    /** Red, green and blue. */
    RGB(3),
    /** Red, green, blue and alpha (opacity: 1 opaque, 0 transparent), not premultiplied. */
    RGBA(4);

    private final int channels;

    ImageMode(int channels) {
        this.channels = channels;
    }

    public int channels() {
        return channels;
    }

    /** The mode of a tensor with {@code channels} channels: 1 grey, 3 RGB, 4 RGBA. */
    public static ImageMode ofChannels(int channels) {
        for (ImageMode m : values()) {
            if (m.channels == channels) {
                return m;
            }
        }
        throw new IllegalArgumentException("an image has 1 (grey), 3 (RGB) or 4 (RGBA) channels, received "
                + channels);
    }
}
