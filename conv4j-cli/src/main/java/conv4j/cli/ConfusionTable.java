package conv4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * eval's table per class: the true class on each row with its accuracy and number of images, then its confusion
 * matrix row, the counts of each predicted class under a header that names it. Names longer than a column would be
 * wide are numbered instead ("0 T-shirt/top" on the row, "0" over the column), as pandas' crosstab and sklearn's
 * confusion matrix are read: rows the true class, columns the predicted one.
 */
final class ConfusionTable {
    private static final String ROWS = "true class";
    private static final String COLUMNS = "predicted class";
    /** Names up to this long head their column; a column is at least as wide as its largest count anyway. */
    private static final int NAME_COLUMN = 6;
    private static final String GAP = "  ";

    private ConfusionTable() {
    }

    /** {@code classes}: a name per row, printable; rows beyond the names are named by their number. */
    static List<String> lines(List<String> classes, double[] accuracy, long[] images, long[][] counts) {
        int n = counts.length;
        List<String> names = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            names.add(c < classes.size() ? classes.get(c) : Integer.toString(c));
        }
        int countWidth = 1;
        for (long[] row : counts) {
            for (long v : row) {
                countWidth = Math.max(countWidth, Long.toString(v).length());
            }
        }
        int longest = names.stream().mapToInt(String::length).max().orElse(0);
        boolean named = longest <= Math.max(NAME_COLUMN, countWidth);
        int numberWidth = Integer.toString(Math.max(0, n - 1)).length();
        List<String> columns = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            columns.add(named ? names.get(c) : Integer.toString(c));
            rows.add(named ? names.get(c) : String.format(Locale.ROOT, "%" + numberWidth + "d %s", c, names.get(c)));
        }
        int rowWidth = Math.max(ROWS.length(), rows.stream().mapToInt(String::length).max().orElse(0));
        int width = Math.max(3, Math.max(countWidth, columns.stream().mapToInt(String::length).max().orElse(0)));
        String prefix = "%-" + rowWidth + "s  %8s  %7s";

        String header = String.format(Locale.ROOT, prefix, ROWS, "accuracy", "images");
        List<String> lines = new ArrayList<>();
        lines.add(" ".repeat(header.length() + GAP.length()) + COLUMNS);
        StringBuilder b = new StringBuilder(header);
        for (String column : columns) {
            b.append(GAP).append(" ".repeat(width - column.length())).append(column);
        }
        lines.add(b.toString());
        for (int t = 0; t < n; t++) {
            b = new StringBuilder(String.format(Locale.ROOT, prefix, rows.get(t),
                    String.format(Locale.ROOT, "%.2f%%", 100 * accuracy[t]), String.format(Locale.ROOT, "%,d",
                            images[t])));
            for (long v : counts[t]) {
                b.append(GAP).append(String.format(Locale.ROOT, "%" + width + "d", v));
            }
            lines.add(b.toString());
        }
        return lines;
    }
}
