package conv4j.vision.image;

/**
 * An image that cannot be used: missing, not an image, corrupt, too large, or (for a digit) blank. The message is one
 * line for the user and starts with the file (or other source) it is about. It is an IllegalArgumentException
 * because the fix lies with the input, not with the program.
 */
public final class ImageException extends IllegalArgumentException {
    private final String source;
    private final boolean tooLarge;

    ImageException(String source, String message) {
        this(source, message, false);
    }

    ImageException(String source, String message, boolean tooLarge) {
        super(message);
        this.source = source;
        this.tooLarge = tooLarge;
    }

    ImageException(String source, String message, Throwable cause) {
        super(message, cause);
        this.source = source;
        this.tooLarge = false;
    }

    /**
     * A picture that a transform would blow up past the pixel limit (a 1 x 400000 strip resized to a shorter side of
     * 256); it costs that picture, as an unreadable file does.
     */
    public static ImageException tooLarge(String source, String message) {
        return new ImageException(source, message, true);
    }

    /** Whether the image is refused for its size (the pixel limit, or the heap) rather than its content. */
    public boolean tooLarge() {
        return tooLarge;
    }

    /** The file (as given) or other source the message is about. */
    public String source() {
        return source;
    }
}
