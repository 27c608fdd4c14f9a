package conv4j.vision.models;

import java.util.List;

/** Aligned text columns for the lecture's tables: the first {@code leftColumns} left-aligned, numbers right. */
final class TextTable {
    private static final String GAP = "  ";

    private TextTable() {
    }

    static String render(String[] header, List<String[]> rows, int leftColumns) {
        int[] widths = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            widths[c] = header[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        int total = GAP.length() * (header.length - 1);
        for (int w : widths) {
            total += w;
        }
        StringBuilder b = new StringBuilder();
        line(b, header, widths, leftColumns);
        b.append("-".repeat(total)).append('\n');
        for (String[] row : rows) {
            line(b, row, widths, leftColumns);
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String[] row, int[] widths, int leftColumns) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < row.length; c++) {
            if (c > 0) {
                l.append(GAP);
            }
            String pad = " ".repeat(widths[c] - row[c].length());
            l.append(c < leftColumns ? row[c] + pad : pad + row[c]);
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }
}
