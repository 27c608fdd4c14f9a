package conv4j.cli;

import java.util.List;

/**
 * Text from a file (class names in a model file, a dataset's folder names) as the terminal may show it: control
 * characters become visible escapes, so that a model file cannot clear the screen, move the cursor or forge a line of
 * output with names such as {@code "cat\u001b[2J"} or {@code "dog\n0: 100%"}.
 */
final class Printable {
    private Printable() {
    }

    static String of(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029'
                    || Character.getType(c) == Character.FORMAT && (c == '\u202e' || c == '\u202d');
            if (control && b == null) {
                b = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (b != null) {
                if (control) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? text : b.toString();
    }

    static List<String> of(List<String> texts) {
        return texts.stream().map(Printable::of).toList();
    }
}
