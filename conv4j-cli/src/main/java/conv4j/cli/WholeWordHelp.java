package conv4j.cli;

import java.util.IllegalFormatException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * picocli's help, its lines broken only at spaces. picocli wraps where {@link java.text.BreakIterator} allows, and
 * that is also after a '.', ':' or ',' inside a word: "~/.conv4j/data" came out as "~/." and "conv4j/data" on two
 * lines, "a .safetensors file" as "a ." and "safetensors file". Options, parameters, the command list, the
 * description, header and footer are laid out in {@link WholeWordTable}s instead; the synopsis is picocli's.
 */
final class WholeWordHelp extends Help {

    WholeWordHelp(CommandSpec spec, ColorScheme scheme) {
        super(spec, scheme);
    }

    @Override
    public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> parameters,
                                      ColorScheme scheme) {
        Layout layout = super.createDefaultLayout(options, parameters, scheme);
        TextTable picocli = layout.textTable();
        TextTable table = table(picocli.columns());
        table.indentWrappedLines = picocli.indentWrappedLines;
        return new Layout(scheme, table, layout.optionRenderer(), layout.parameterRenderer());
    }

    @Override
    public String description(Object... params) {
        return lines(usage().description(), params);
    }

    @Override
    public String header(Object... params) {
        return lines(usage().header(), params);
    }

    @Override
    public String footer(Object... params) {
        return lines(usage().footer(), params);
    }

    /** As picocli lists commands: the names, then the first line of the header, else of the description. */
    @Override
    public String commandList(Map<String, Help> subcommands) {
        if (subcommands.isEmpty()) {
            return "";
        }
        int names = Math.min(subcommands.keySet().stream().mapToInt(String::length).max().orElse(0),
                usage().width() / 2);
        TextTable table = table(new Column(names + 2, 2, Column.Overflow.SPAN),
                new Column(usage().width() - (names + 2), 2, Column.Overflow.WRAP));
        for (Help help : subcommands.values()) {
            UsageMessageSpec usage = help.commandSpec().usageMessage();
            String summary = usage.header().length > 0 ? usage.header()[0]
                    : usage.description().length > 0 ? usage.description()[0] : "";
            Ansi.Text[] lines = colorScheme().text(format(summary)).splitLines();
            for (int i = 0; i < lines.length; i++) {
                table.addRowValues(i == 0 ? help.commandNamesText(", ") : colorScheme().text(""), lines[i]);
            }
        }
        return table.toString();
    }

    /** Lines of text as picocli's {@code Help.join} lays them out: each wrapped to the width on its own. */
    private String lines(String[] lines, Object... params) {
        TextTable table = table(new Column(usage().width(), 0, Column.Overflow.WRAP));
        table.indentWrappedLines = 0;
        for (String line : lines) {
            table.addRowValues(format(line, params));
        }
        return table.toString();
    }

    private TextTable table(Column... columns) {
        TextTable table = new WholeWordTable(colorScheme(), columns);
        table.setAdjustLineBreaksForWideCJKCharacters(usage().adjustLineBreaksForWideCJKCharacters());
        return table;
    }

    private UsageMessageSpec usage() {
        return commandSpec().usageMessage();
    }

    /** As picocli formats help text: %n is a line break, and a line that is no format string is kept as it is. */
    private static String format(String line, Object... params) {
        try {
            return String.format(line, params);
        } catch (IllegalFormatException e) {
            return line;
        }
    }

    /**
     * A text table that keeps words whole: while a cell is wrapped, each ASCII punctuation mark that touches another
     * non-space character stands in as a private-use character, which {@link java.text.BreakIterator} never breaks
     * at; the marks come back when the table is printed.
     */
    static final class WholeWordTable extends TextTable {
        private static final char STAND_IN = '\uE000';

        WholeWordTable(ColorScheme scheme, Column... columns) {
            super(scheme, columns);
        }

        @Override
        public Cell putValue(int row, int col, Ansi.Text value) {
            return super.putValue(row, col, joined(value));
        }

        @Override
        public StringBuilder toString(StringBuilder text) {
            String table = super.toString(new StringBuilder()).toString();
            for (int i = 0; i < table.length(); i++) {
                char c = table.charAt(i);
                text.append(c > STAND_IN && c < STAND_IN + 0x80 ? (char) (c - STAND_IN) : c);
            }
            return text;
        }

        private static Ansi.Text joined(Ansi.Text value) {
            String plain = value.plainString();
            Ansi.Text joined = value.substring(0, 0);
            int from = 0;
            for (int i = 0; i < plain.length(); i++) {
                if (insideWord(plain, i)) {
                    joined = joined.concat(value.substring(from, i)).concat(String.valueOf((char) (STAND_IN
                            + plain.charAt(i))));
                    from = i + 1;
                }
            }
            return from == 0 ? value : joined.concat(value.substring(from));
        }

        private static boolean insideWord(String text, int i) {
            char c = text.charAt(i);
            boolean punctuation = c > ' ' && c < 0x7F && !Character.isLetterOrDigit(c);
            return punctuation && (i > 0 && !Character.isWhitespace(text.charAt(i - 1))
                    || i + 1 < text.length() && !Character.isWhitespace(text.charAt(i + 1)));
        }
    }
}
