package conv4j.cli;

import conv4j.train.Plural;
import java.util.ArrayList;
import java.util.List;

/**
 * A small matrix typed on the command line, the lecture's way of showing an input, a kernel or a feature map: rows
 * separated by ';', numbers by ',' or spaces ({@code "4,3,2,1;2,3,9,8"}). Parsing mistakes name the option, the row
 * and column (from 1) and the text found there.
 */
record Grid(float[][] rows) {
    /** Sides above this are more than a worked example needs, and more than a terminal shows. */
    static final int MAX_SIDE = 100;

    Grid {
        if (rows.length == 0 || rows[0].length == 0) {
            throw new IllegalArgumentException("a grid needs at least one number");
        }
        for (float[] row : rows) {
            if (row.length != rows[0].length) {
                throw new IllegalArgumentException("a grid is rectangular, received rows of " + rows[0].length
                        + " and " + row.length + " numbers");
            }
        }
    }

    int height() {
        return rows.length;
    }

    int width() {
        return rows[0].length;
    }

    float get(int r, int c) {
        return rows[r][c];
    }

    String size() {
        return height() + " x " + width();
    }

    /** Reads a grid; {@code where} names it in messages, e.g. "--input" or "--kernel 2, channel 3". */
    static Grid parse(String text, String where) {
        String body = text.strip();
        if (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1); // a trailing ';' ends the last row, it does not start one
        }
        if (body.isBlank()) {
            throw new IllegalArgumentException(where + " is empty; write rows separated by ';' and numbers by ',' or"
                    + " spaces, e.g. \"4,3,2,1;2,3,9,8\"");
        }
        String[] rowTexts = body.split(";", -1);
        if (rowTexts.length > MAX_SIDE) {
            throw new IllegalArgumentException(where + " has " + rowTexts.length + " rows, more than " + MAX_SIDE);
        }
        float[][] rows = new float[rowTexts.length][];
        for (int r = 0; r < rowTexts.length; r++) {
            String[] cells = cells(rowTexts[r]);
            if (cells.length > MAX_SIDE) {
                throw new IllegalArgumentException(where + ": row " + (r + 1) + " has " + cells.length
                        + " numbers, more than " + MAX_SIDE);
            }
            if (r > 0 && cells.length != rows[0].length) {
                throw new IllegalArgumentException(where + ": row " + (r + 1) + " has " + count(cells.length) + " (\""
                        + Printable.of(rowTexts[r].strip()) + "\"), row 1 has " + rows[0].length
                        + "; every row needs as many");
            }
            rows[r] = new float[cells.length];
            for (int c = 0; c < cells.length; c++) {
                rows[r][c] = number(cells[c], where + ": row " + (r + 1) + ", column " + (c + 1));
            }
        }
        return new Grid(rows);
    }

    /**
     * Channels of one size: each text may hold several separated by '|', as {@code --input} repeated does; {@code
     * what} names them ("--input").
     */
    static List<Grid> channels(List<String> texts, String what) {
        List<String> parts = new ArrayList<>();
        for (String t : texts) {
            parts.addAll(List.of(t.split("\\|", -1)));
        }
        List<Grid> grids = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String where = parts.size() == 1 ? what : what + " channel " + (i + 1);
            Grid g = parse(parts.get(i), where);
            if (i > 0 && (g.height() != grids.get(0).height() || g.width() != grids.get(0).width())) {
                throw new IllegalArgumentException(where + " is " + g.size() + ", channel 1 is "
                        + grids.get(0).size() + "; all channels need one size");
            }
            grids.add(g);
        }
        return grids;
    }

    private static String[] cells(String row) {
        String r = row.strip();
        if (r.isEmpty()) {
            return new String[] {""};
        }
        return r.contains(",") ? r.split(",", -1) : r.split("\\s+");
    }

    private static String count(int n) {
        return Plural.of(n, "number");
    }

    private static float number(String cell, String where) {
        String s = cell.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException(where + " is empty (two separators in a row?)");
        }
        // Double.parseDouble also takes "NaN", "Infinity", "0x1p3" and "1f": none of them is a value we print back.
        if (!s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw new IllegalArgumentException(where + " is \"" + Printable.of(s) + "\", not a number");
        }
        float v = (float) Double.parseDouble(s);
        if (!Float.isFinite(v)) {
            throw new IllegalArgumentException(where + " is " + s + ", beyond the range of a float");
        }
        return v;
    }

    /** Rows of numbers right-aligned in one width, each line starting with {@code indent}. */
    List<String> lines(String indent) {
        return lines(indent, (r, c) -> false);
    }

    /** As {@link #lines(String)}, with a '.' in place of each cell {@code marked} says is padding. */
    List<String> lines(String indent, Marks marked) {
        String[][] cells = new String[height()][width()];
        int width = 1;
        for (int r = 0; r < height(); r++) {
            for (int c = 0; c < width(); c++) {
                cells[r][c] = marked.at(r, c) ? "." : Numbers.text(rows[r][c]);
                width = Math.max(width, cells[r][c].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : cells) {
            StringBuilder b = new StringBuilder(indent);
            for (int c = 0; c < row.length; c++) {
                b.append(c == 0 ? "" : " ").append(" ".repeat(width - row[c].length())).append(row[c]);
            }
            lines.add(b.toString());
        }
        return lines;
    }

    /** Which cells of a grid to mark. */
    interface Marks {
        boolean at(int row, int column);
    }
}
