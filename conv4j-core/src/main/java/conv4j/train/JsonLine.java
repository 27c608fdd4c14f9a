package conv4j.train;

/**
 * One JSON object on one line, written by hand because core has no JSON library below {@code conv4j.io}: strings are
 * escaped, numbers are finite or {@code null} (JSON has no NaN).
 */
final class JsonLine {
    private final StringBuilder sb = new StringBuilder(256).append('{');

    JsonLine add(String name, String value) {
        key(name);
        if (value == null) {
            sb.append("null");
        } else {
            quote(value);
        }
        return this;
    }

    JsonLine add(String name, long value) {
        key(name);
        sb.append(value);
        return this;
    }

    JsonLine add(String name, double value) {
        key(name);
        if (Double.isFinite(value)) {
            // Double.toString gives 1.0E-4 for small values: a valid JSON number (exponent with a sign).
            sb.append(value);
        } else {
            sb.append("null");
        }
        return this;
    }

    JsonLine add(String name, double[] values) {
        key(name);
        sb.append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(Double.isFinite(values[i]) ? Double.toString(values[i]) : "null");
        }
        sb.append(']');
        return this;
    }

    private void key(String name) {
        if (sb.length() > 1) {
            sb.append(',');
        }
        quote(name);
        sb.append(':');
    }

    private void quote(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    // Other control characters, and lone surrogates that would make the line invalid UTF-8.
                    if (c < 0x20 || Character.isSurrogate(c) && !validPair(s, i)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    @Override
    public String toString() {
        return sb + "}";
    }
}
