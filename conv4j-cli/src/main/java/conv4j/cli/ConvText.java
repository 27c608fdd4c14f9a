package conv4j.cli;

import conv4j.cli.ConvReport.FilterReport;
import conv4j.cli.ConvReport.PaddingReport;
import conv4j.cli.ConvReport.Sizes;
import conv4j.cli.ConvReport.Step;
import conv4j.cli.ConvReport.Term;
import conv4j.train.Plural;
import java.io.PrintWriter;
import java.util.List;

/** {@code conv4j conv}'s report as the lecture's slides show it: grids, then the size formula with its numbers. */
final class ConvText {
    static final String INDENT = "  ";

    private ConvText() {
    }

    static void print(PrintWriter out, ConvReport r) {
        Sizes s = r.sizes();
        int depth = s.depth();
        printGrids(out, "input, " + planes(depth, s.height(), s.width()), r.input(), "channel", null);
        PaddingReport p = r.padding();
        if (!p.none()) {
            int ph = s.height() + p.top() + p.bottom();
            int pw = s.width() + p.left() + p.right();
            out.println("padding " + padding(p) + "; padded input, " + planes(depth, ph, pw)
                    + " ('.' is a padding zero):");
            Grid.Marks marks = (row, col) -> row < p.top() || row >= p.top() + s.height() || col < p.left()
                    || col >= p.left() + s.width();
            printGrids(out, null, r.paddedInput(), "channel", marks);
        }
        for (int k = 0; k < r.filters().size(); k++) {
            FilterReport f = r.filters().get(k);
            String kernel = s.kernelHeight() + " x " + s.kernelWidth();
            String head = (r.filters().size() == 1 ? "" : "filter " + (k + 1) + ": ")
                    + (depth == 1 ? "kernel, " + kernel + ", bias " + Numbers.text(f.bias())
                            : depth + " kernels of " + kernel + ", one per input channel, and one bias shared by"
                                    + " them, b = " + Numbers.text(f.bias()));
            printGrids(out, head, f.kernels(), "kernel on channel", null);
        }
        String outHead = "output, " + (s.filters() == 1 ? s.outputHeight() + " x " + s.outputWidth()
                : s.filters() + " maps of " + s.outputHeight() + " x " + s.outputWidth() + ", one per filter")
                + ", stride " + r.stride();
        printGrids(out, outHead, r.output(), "map of filter", null);
        for (String line : formula(r)) {
            out.println(line);
        }
        if (r.steps() != null) {
            out.println("steps: the window at each position, rows and columns of the padded input counted from 1,"
                    + " input x weight");
            for (Step step : r.steps()) {
                out.println(step(step, depth, s.filters()));
            }
        }
    }

    /** H' = (H + 2p - F)/s + 1 with the numbers, W' likewise, D' = K, and the count (F x F x D + 1) x K. */
    static List<String> formula(ConvReport r) {
        Sizes s = r.sizes();
        PaddingReport p = r.padding();
        return List.of(
                SizeFormula.axis("H'", "H", s.height(), p.top(), p.bottom(), "p_top + p_bottom", s.kernelHeight(),
                        s.stride(), s.outputHeight()),
                SizeFormula.axis("W'", "W", s.width(), p.left(), p.right(), "p_left + p_right", s.kernelWidth(),
                        s.stride(), s.outputWidth()),
                "D' = K = " + s.outputDepth(),
                "learned parameters: (F x F x D + 1) x K = (" + s.kernelHeight() + " x " + s.kernelWidth() + " x "
                        + s.depth() + " + 1) x " + s.filters() + " = " + s.parameters());
    }

    static String step(Step step, int depth, int filters) {
        StringBuilder b = new StringBuilder(filters == 1 ? "" : "filter " + step.filter() + ", ")
                .append(StepText.position(step.step(), step.steps(), step.rows(), step.cols()));
        int perChannel = step.terms().size() / depth;
        for (int c = 0; c < depth; c++) {
            List<Term> terms = step.terms().subList(c * perChannel, (c + 1) * perChannel);
            float[] inputs = new float[perChannel];
            float[] weights = new float[perChannel];
            for (int i = 0; i < perChannel; i++) {
                inputs[i] = terms.get(i).input();
                weights[i] = terms.get(i).weight();
            }
            String products = Numbers.products(inputs, weights);
            b.append(c == 0 ? "" : " + ").append(depth == 1 ? products : "(" + products + ")");
        }
        if (step.bias() != 0) {
            b.append(" + bias ").append(Numbers.text(step.bias()));
        }
        return b.append(" = ").append(Numbers.text(step.value())).toString();
    }

    private static String padding(PaddingReport p) {
        if (p.even()) {
            return (p.kind().equals("same") ? "same, p = " : "p = ") + p.top() + " on every side";
        }
        return p.kind() + ": " + Plural.of(p.top(), "row") + " on top, " + p.bottom()
                + " below, " + Plural.of(p.left(), "column") + " on the left, " + p.right()
                + " on the right";
    }

    private static String planes(int count, int h, int w) {
        return count == 1 ? h + " x " + w : count + " channels of " + h + " x " + w;
    }

    /** A grid, or several under "channel 1:", "channel 2:" ... headings. */
    static void printGrids(PrintWriter out, String head, List<float[][]> grids, String each, Grid.Marks marks) {
        if (head != null) {
            out.println(head + ":");
        }
        for (int i = 0; i < grids.size(); i++) {
            if (grids.size() > 1) {
                out.println(each + " " + (i + 1) + ":");
            }
            Grid g = new Grid(grids.get(i));
            for (String line : marks == null ? g.lines(INDENT) : g.lines(INDENT, marks)) {
                out.println(line);
            }
        }
    }
}
