package conv4j.vision.filters;

/** A kernel string that cannot be read; the message names the row and column and the text found there. */
public final class KernelFormatException extends IllegalArgumentException {
    KernelFormatException(String message) {
        super(message);
    }
}
