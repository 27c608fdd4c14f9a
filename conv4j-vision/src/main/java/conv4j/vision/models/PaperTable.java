package conv4j.vision.models;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One of a paper's tables with a family's networks in columns, as the lecture shows them (VGG's configurations A to E,
 * ResNet's depths): a title, the headings of the cells before the columns ({@code layer name}, {@code output size};
 * none for VGG's table 1), the columns, the rows, and notes on how the numbers were counted. Cells are text as
 * printed; a row whose text belongs to every column (VGG's {@code maxpool}) spans them.
 */
public record PaperTable(String title, List<String> leadHeadings, List<Column> columns, List<Row> rows,
                         List<String> notes) {

    /** A column: its heading ({@code A-LRN}, {@code 50-layer}), the zoo's model it was counted in, a note under it. */
    public record Column(String name, String model, String note) {
        public Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(note, "note");
        }
    }

    /**
     * A row: its cells before the columns, and one cell a column, empty where a network has nothing there. A
     * spanning row has the same text in every column and is printed once across them.
     */
    public record Row(List<String> lead, List<String> cells, boolean spanning) {
        public Row {
            lead = List.copyOf(lead);
            cells = List.copyOf(cells);
            if (spanning && cells.stream().distinct().count() != 1) {
                throw new IllegalArgumentException("a row across the columns has one text, received " + cells);
            }
        }

        /** A row of {@code columns} cells of {@code text}, printed once across them. */
        static Row across(List<String> lead, String text, int columns) {
            return new Row(lead, Collections.nCopies(columns, text), true);
        }
    }

    public PaperTable {
        Objects.requireNonNull(title, "title");
        leadHeadings = List.copyOf(leadHeadings);
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException(title + ": a table needs at least one column");
        }
        for (Row r : rows) {
            if (r.lead().size() != leadHeadings.size() || r.cells().size() != columns.size()) {
                throw new IllegalArgumentException(title + ": a row has " + leadHeadings.size() + " cells before "
                        + columns.size() + " columns, received " + r.lead().size() + " and " + r.cells().size()
                        + ": " + r);
            }
        }
    }
}
