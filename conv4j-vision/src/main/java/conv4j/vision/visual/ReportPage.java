package conv4j.vision.visual;

import conv4j.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A self-contained HTML page that shows pictures lying next to it, in the order they were added: headings, lines of
 * text, a table of top predictions and pictures. It has no scripts and refers to nothing outside its folder: a
 * picture is a plain file name in the same folder (checked), so the folder can be zipped, mailed or opened offline.
 */
public final class ReportPage {
    /** A plain file name: no folder, no scheme, no leading dot. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.png");

    public record Prediction(String label, double probability) {
        public Prediction {
            Objects.requireNonNull(label, "label");
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("a probability must be in [0, 1], received " + probability
                        + " for '" + label + "'");
            }
        }
    }

    private final String title;
    private final List<String> body = new ArrayList<>();
    private final List<String> pictures = new ArrayList<>();

    public ReportPage(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    public ReportPage heading(String text) {
        body.add("<h2>" + escape(text) + "</h2>");
        return this;
    }

    public ReportPage paragraph(String text) {
        body.add("<p>" + escape(text) + "</p>");
        return this;
    }

    /** A table of classes and their probabilities, most likely first, with a bar for each. */
    public ReportPage predictions(List<Prediction> top) {
        StringBuilder t = new StringBuilder("<table class=\"top\">\n<tr><th>class</th><th>probability</th>"
                + "<th></th></tr>\n");
        for (Prediction p : top) {
            t.append("<tr><td>").append(escape(p.label())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f%%", 100 * p.probability()))
                    .append("</td><td><span class=\"bar\" style=\"width:")
                    .append(String.format(Locale.ROOT, "%.1f", 200 * p.probability()))
                    .append("px\"></span></td></tr>\n");
        }
        body.add(t.append("</table>").toString());
        return this;
    }

    /** A picture in the page's folder, {@code file} a plain name such as {@code maps-01-features.0.png}. */
    public ReportPage picture(String file, String caption) {
        if (!FILE_NAME.matcher(file).matches() || file.contains("..")) {
            throw new IllegalArgumentException("a picture of the page must be a .png file name in the same folder "
                    + "(letters, digits, '.', '-', '_'), received '" + file + "'");
        }
        pictures.add(file);
        body.add("<figure><img src=\"" + file + "\" alt=\"" + escape(caption) + "\"><figcaption>" + escape(caption)
                + "</figcaption></figure>");
        return this;
    }

    /** The file names of the pictures, in page order. */
    public List<String> pictures() {
        return List.copyOf(pictures);
    }

    public String html() {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n")
                .append("body { font-family: sans-serif; margin: 2em; color: #19191e; background: #fff; }\n")
                // Maps are enlarged with sharp pixels already; a browser's zoom should keep them sharp too.
                .append("img { image-rendering: pixelated; max-width: 100%; border: 1px solid #ccc; }\n")
                .append("figure { margin: 1.5em 0; }\nfigcaption { font-size: 0.9em; color: #555; }\n")
                .append("table.top td, table.top th { padding: 0.2em 0.8em; text-align: left; }\n")
                .append(".bar { display: inline-block; height: 0.8em; background: #4a78c2; }\n")
                .append("</style>\n</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n");
        body.forEach(b -> h.append(b).append('\n'));
        return h.append("</body>\n</html>\n").toString();
    }

    /** Writes the page atomically (a temporary file in the same folder, then a rename). */
    public void write(Path file) throws IOException {
        byte[] bytes = html().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        });
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
