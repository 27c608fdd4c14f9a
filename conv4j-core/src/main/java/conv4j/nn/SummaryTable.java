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
    private static final String GAP = "  ";

    private SummaryTable() {
    }

    public static String render(Summary summary) {
        List<String[]> cells = cells(summary.rows());
        List<String[]> aux = cells(summary.auxiliary());
        int[] widths = new int[HEADER.length];
        for (int c = 0; c < HEADER.length; c++) {
            widths[c] = HEADER[c].length();
            for (List<String[]> part : List.of(cells, aux)) {
                for (String[] row : part) {
                    widths[c] = Math.max(widths[c], row[c].length());
                }
            }
        }
        int tableWidth = (HEADER.length - 1) * GAP.length();
        for (int w : widths) {
            tableWidth += w;
        }

        StringBuilder b = new StringBuilder();
        b.append("Input: ").append(summary.input()).append(" (batch 1: every count is per sample)\n");
        b.append("=".repeat(tableWidth)).append('\n');
        line(b, HEADER, widths);
        b.append("-".repeat(tableWidth)).append('\n');
        for (String[] row : cells) {
            line(b, row, widths);
        }
        if (!aux.isEmpty()) {
            b.append("-".repeat(tableWidth)).append('\n');
            b.append("Auxiliary classifiers, in training only (their parameters are in the total, their multiply-adds"
                    + " are not):\n");
            for (String[] row : aux) {
                line(b, row, widths);
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

    private static List<String[]> cells(List<Summary.Row> rows) {
        List<String[]> cells = new ArrayList<>();
        for (Summary.Row r : rows) {
            ReceptiveField f = r.receptiveField();
            cells.add(new String[] {
                r.name().isEmpty() ? "(model)" : r.name(),
                r.layer(),
                r.outputShape().toString(),
                Units.count(r.parameters()),
                Units.count(r.multiplyAdds()),
                f.wholeInput() ? "whole input" : f.height() + "x" + f.width(),
                f.wholeInput() ? "-" : f.jumpH() + "x" + f.jumpW(),
                Units.bytes(r.activationBytes())});
        }
        return cells;
    }

    private static void line(StringBuilder b, String[] row, int[] widths) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < row.length; c++) {
            if (c > 0) {
                l.append(GAP);
            }
            String pad = " ".repeat(widths[c] - row[c].length());
            l.append(RIGHT[c] ? pad + row[c] : row[c] + pad);
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }
}
