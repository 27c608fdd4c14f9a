package conv4j.web;

import java.util.Locale;

/** Query and form parameters: absent means the default; anything else that does not parse is a 400 naming it. */
final class Params {
    private Params() {
    }

    static int intParam(String text, String name, int absent, int min, int max) {
        if (text == null || text.isEmpty()) {
            return absent;
        }
        int v;
        try {
            v = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name + " must be a whole number, received '" + text + "'");
        }
        if (v < min || v > max) {
            throw ApiError.badRequest(name + " must be " + (max == Integer.MAX_VALUE ? "at least " + min
                    : "from " + min + " to " + max) + ", received " + v);
        }
        return v;
    }

    static double doubleParam(String text, String name, double absent) {
        if (text == null || text.isEmpty()) {
            return absent;
        }
        try {
            double v = Double.parseDouble(text.strip());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiError.badRequest(name + " must be a finite number, received '" + text + "'");
    }

    static boolean flag(String text, String name) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiError.badRequest(name + " must be true or false, received '" + text + "'");
        };
    }
}
