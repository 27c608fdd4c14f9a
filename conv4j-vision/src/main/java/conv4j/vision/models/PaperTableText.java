package conv4j.vision.models;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link PaperTable} as text for a terminal of 120 columns, laid out as the paper prints it: the networks side by
 * side, a row that spans them centred across them, and a block of layers ({@code [1x1, 64; 3x3, 64; 1x1, 256] x 3})
 * stacked one layer a line in brackets with the number of blocks beside them. A cell before the columns that repeats
 * the one above is left blank, so each stage is named once.
 */
public final class PaperTableText {
    /** The width notes are wrapped to. */
    static final int TERMINAL = 120;
    private static final String GAP = "  ";
    private static final Pattern BLOCKS = Pattern.compile("\\[(.+)] x (\\d+)");

    private PaperTableText() {
    }

    public static String render(PaperTable t) {
        int leads = t.leadHeadings().size();
        int[] widths = widths(t);
        StringBuilder b = new StringBuilder();
        wrap(b, t.title());
        List<String> names = new ArrayList<>(t.leadHeadings());
        t.columns().forEach(c -> names.add(c.name()));
        line(b, names, widths);
        if (t.columns().stream().anyMatch(c -> !c.note().isEmpty())) {
            List<String> notes = blanks(leads);
            t.columns().forEach(c -> notes.add(c.note()));
            line(b, notes, widths);
        }
        b.append("-".repeat(total(widths, 0))).append('\n');
        List<String> previous = null;
        for (PaperTable.Row r : t.rows()) {
            List<String> lead = r.lead().equals(previous) ? blanks(leads) : r.lead();
            previous = r.lead();
            if (r.spanning()) {
                int area = total(widths, leads);
                String text = r.cells().get(0);
                List<String> cells = new ArrayList<>(lead);
                cells.add(" ".repeat(Math.max(0, (area - text.length()) / 2)) + text);
                line(b, cells, widths);
                continue;
            }
            List<List<String>> stacked = r.cells().stream().map(PaperTableText::lines).toList();
            int height = stacked.stream().mapToInt(List::size).max().orElse(1);
            for (int i = 0; i < height; i++) {
                List<String> cells = new ArrayList<>(i == 0 ? lead : blanks(leads));
                for (List<String> cell : stacked) {
                    cells.add(i < cell.size() ? cell.get(i) : "");
                }
                line(b, cells, widths);
            }
        }
        b.append("-".repeat(total(widths, 0))).append('\n');
        t.notes().forEach(n -> wrap(b, n));
        return b.toString();
    }

    /** The lines of one cell: a block of layers one layer a line, bracketed, the number of blocks on the middle one. */
    static List<String> lines(String cell) {
        Matcher m = BLOCKS.matcher(cell);
        if (!m.matches()) {
            return List.of(cell);
        }
        String[] layers = m.group(1).split("; ");
        int width = 0;
        for (String l : layers) {
            width = Math.max(width, l.length());
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < layers.length; i++) {
            out.add("[" + layers[i] + " ".repeat(width - layers[i].length()) + "]"
                    + (i == (layers.length - 1) / 2 ? " x " + m.group(2) : ""));
        }
        return out;
    }

    private static int[] widths(PaperTable t) {
        int leads = t.leadHeadings().size();
        int[] widths = new int[leads + t.columns().size()];
        for (int c = 0; c < leads; c++) {
            widths[c] = t.leadHeadings().get(c).length();
        }
        for (int c = 0; c < t.columns().size(); c++) {
            PaperTable.Column column = t.columns().get(c);
            widths[leads + c] = Math.max(column.name().length(), column.note().length());
        }
        for (PaperTable.Row r : t.rows()) {
            for (int c = 0; c < leads; c++) {
                widths[c] = Math.max(widths[c], r.lead().get(c).length());
            }
            if (!r.spanning()) {
                for (int c = 0; c < r.cells().size(); c++) {
                    for (String l : lines(r.cells().get(c))) {
                        widths[leads + c] = Math.max(widths[leads + c], l.length());
                    }
                }
            }
        }
        return widths;
    }

    /** The width of the columns from {@code from} on, with the gaps between them. */
    private static int total(int[] widths, int from) {
        int sum = GAP.length() * (widths.length - from - 1);
        for (int c = from; c < widths.length; c++) {
            sum += widths[c];
        }
        return sum;
    }

    private static List<String> blanks(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("");
        }
        return out;
    }

    private static void line(StringBuilder b, List<String> cells, int[] widths) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                l.append(GAP);
            }
            l.append(cells.get(c)).append(" ".repeat(Math.max(0, widths[c] - cells.get(c).length())));
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }

    /** {@code text} on lines of at most {@link #TERMINAL} characters, broken between words. */
    private static void wrap(StringBuilder b, String text) {
        StringBuilder l = new StringBuilder();
        for (String word : text.split(" ")) {
            if (l.length() > 0 && l.length() + 1 + word.length() > TERMINAL) {
                b.append(l).append('\n');
                l.setLength(0);
            }
            l.append(l.length() == 0 ? "" : " ").append(word);
        }
        b.append(l).append('\n');
    }
}
