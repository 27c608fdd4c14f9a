package conv4j.vision.filters;

import conv4j.kernels.Padding;
import java.util.Locale;

/**
 * How much border a filter adds before the kernel slides: "valid" none (the output shrinks by kernel - 1), "same"
 * enough that the output is ceil(size / stride) (the input's size at stride 1), or N pixels on every side.
 */
public record FilterPadding(Kind kind, int pixels) {

    public enum Kind { VALID, SAME, EXPLICIT }

    public FilterPadding {
        if (kind == null) {
            throw new IllegalArgumentException("padding kind is required");
        }
        if (pixels < 0 || (kind != Kind.EXPLICIT && pixels != 0)) {
            throw new IllegalArgumentException("padding must be valid, same or a number of pixels >= 0, received "
                    + kind + " " + pixels);
        }
    }

    public static FilterPadding valid() {
        return new FilterPadding(Kind.VALID, 0);
    }

    public static FilterPadding same() {
        return new FilterPadding(Kind.SAME, 0);
    }

    public static FilterPadding of(int pixels) {
        return new FilterPadding(Kind.EXPLICIT, pixels);
    }

    /** "valid", "same" or a whole number of pixels. */
    public static FilterPadding parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("valid")) {
            return valid();
        }
        if (t.equals("same")) {
            return same();
        }
        if (t.matches("\\d{1,4}")) {
            return of(Integer.parseInt(t));
        }
        throw new IllegalArgumentException("padding must be valid, same or a number of pixels 0 .. 9999, received '"
                + text + "'");
    }

    /** The four sides for a picture and kernel; "same" may put one more row or column at the bottom or right. */
    public Padding resolve(int height, int width, ImageKernel kernel, int stride) {
        return switch (kind) {
            case VALID -> Padding.valid();
            case SAME -> Padding.same(height, width, kernel.height(), kernel.width(), stride, stride, 1, 1);
            case EXPLICIT -> Padding.of(pixels);
        };
    }

    public String label() {
        return kind == Kind.EXPLICIT ? Integer.toString(pixels) : kind.name().toLowerCase(Locale.ROOT);
    }
}
