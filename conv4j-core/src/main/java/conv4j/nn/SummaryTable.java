package conv4j.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Summary} as a text table in the manner of Keras' and torchinfo's summaries: one line per layer, aligned
 * columns (text left, numbers right), thousands separators, then the totals and the lecture's fully connected
 * comparison.
 */
public final class SummaryTable {
    private static final String[] HEADER = {
        "Name", "Layer", "Output shape", "Params", "Mult-adds", "Receptive field", "Jump", "Activations"};
    private static final boolean[] RIGHT = {false, false, false, true, true, true, true, true};
    /** The column of the lecture's names, after the layer's path, where the model's definition gives them. */
    private static final String LECTURE = "Lecture";
    private static final String GAP = "  ";

    private SummaryTable() {
    }

    public static String render(Summary summary) {
        boolean lecture = summary.rows().stream().anyMatch(r -> !r.lectureName().isEmpty());
        String[] header = lecture ? withLecture(HEADER, LECTURE) : HEADER;
        boolean[] right = lecture ? withLecture(RIGHT) : RIGHT;
        List<String[]> cells = cells(summary.rows(), lecture);
        List<String[]> aux = cells(summary.auxiliary(), lecture);
        int[] widths = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            widths[c] = header[c].length();
            for (List<String[]> part : List.of(cells, aux)) {
                for (String[] row : part) {
                    widths[c] = Math.max(widths[c], row[c].length());
                }
            }
        }
        int tableWidth = (header.length - 1) * GAP.length();
        for (int w : widths) {
            tableWidth += w;
        }

        StringBuilder b = new StringBuilder();
        b.append("Input: ").append(summary.input()).append(" (batch 1: every count is per sample)\n");
        b.append("=".repeat(tableWidth)).append('\n');
        line(b, header, widths, right);
        b.append("-".repeat(tableWidth)).append('\n');
        for (String[] row : cells) {
            line(b, row, widths, right);
        }
        if (!aux.isEmpty()) {
            b.append("-".repeat(tableWidth)).append('\n');
            b.append("Auxiliary classifiers, in training only (their parameters are in the total, their multiply-adds"
                    + " are not):\n");
            for (String[] row : aux) {
                line(b, row, widths, right);
            }
        }
        b.append("=".repeat(tableWidth)).append('\n');
        Summary.Totals t = summary.totals();
        b.append("Total parameters:     ").append(Units.count(t.parameters())).append('\n');
        b.append("Total multiply-adds:  ").append(Units.count(t.multiplyAdds()))
                .append(t.multiplyAdds() >= 1_000_000 ? " (" + Units.powerOfTen(t.multiplyAdds()) + ")" : "")
                .append('\n');
        b.append("Activation memory:    ").append(Units.bytes(t.activationBytes()))
                .append(" (every layer's output, one forward pass)\n");
        b.append("Parameter memory:     ").append(Units.bytes(t.parameterBytes())).append('\n');
        b.append('\n').append(summary.fullyConnectedCost().describe()).append('\n');
        return b.toString();
    }

    private static List<String[]> cells(List<Summary.Row> rows, boolean lecture) {
        List<String[]> cells = new ArrayList<>();
        for (Summary.Row r : rows) {
            ReceptiveField f = r.receptiveField();
            String[] row = {
                r.name().isEmpty() ? "(model)" : r.name(),
                r.layer(),
                r.outputShape().toString(),
                Units.count(r.parameters()),
                Units.count(r.multiplyAdds()),
                f.wholeInput() ? "whole input" : f.height() + "x" + f.width(),
                f.wholeInput() ? "-" : f.jumpH() + "x" + f.jumpW(),
                Units.bytes(r.activationBytes())};
            cells.add(lecture ? withLecture(row, r.lectureName()) : row);
        }
        return cells;
    }

    /** {@code row} with {@code lecture} after its first cell, the layer's path. */
    private static String[] withLecture(String[] row, String lecture) {
        String[] out = new String[row.length + 1];
        out[0] = row[0];
        out[1] = lecture;
        System.arraycopy(row, 1, out, 2, row.length - 1);
        return out;
    }

    private static boolean[] withLecture(boolean[] right) {
        boolean[] out = new boolean[right.length + 1];
        out[0] = right[0];
        System.arraycopy(right, 1, out, 2, right.length - 1);
        return out;
    }

    private static void line(StringBuilder b, String[] row, int[] widths, boolean[] right) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < row.length; c++) {
            if (c > 0) {
                l.append(GAP);
            }
            String pad = " ".repeat(widths[c] - row[c].length());
            l.append(right[c] ? pad + row[c] : row[c] + pad);
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }
}
