package conv4j.cli;

import conv4j.cli.PoolReport.Sizes;
import conv4j.cli.PoolReport.Step;
import java.io.PrintWriter;

/** {@code conv4j pool}'s report: the grids, the size formula with its numbers, and each window on request. */
final class PoolText {
    private PoolText() {
    }

    static void print(PrintWriter out, PoolReport r) {
        Sizes s = r.sizes();
        String planes = s.depth() == 1 ? "" : s.depth() + " channels of ";
        ConvText.printGrids(out, "input, " + planes + s.height() + " x " + s.width(), r.input(), "channel", null);
        boolean max = r.kind().equals("max");
        out.println((max ? "max" : "average") + " pooling, window " + r.size() + " x " + r.size() + ", stride "
                + r.stride() + ": each window gives its " + (max ? "largest value" : "mean"));
        ConvText.printGrids(out, "output, " + planes + s.outputHeight() + " x " + s.outputWidth(), r.output(),
                "channel", null);
        out.println(SizeFormula.axis("H'", "H", s.height(), r.size(), r.stride(), s.outputHeight()));
        out.println(SizeFormula.axis("W'", "W", s.width(), r.size(), r.stride(), s.outputWidth()));
        out.println("D' = D = " + s.outputDepth() + ": each channel is pooled on its own");
        out.println("learned parameters: " + s.parameters() + ", the window's rule is fixed, not learned");
        if (r.steps() != null) {
            out.println("steps: the window at each position, rows and columns counted from 1");
            for (Step step : r.steps()) {
                out.println(step(step, s.depth(), max));
            }
        }
    }

    static String step(Step step, int depth, boolean max) {
        StringBuilder b = new StringBuilder(depth == 1 ? "" : "channel " + step.channel() + ", ")
                .append(StepText.position(step.step(), step.steps(), step.rows(), step.cols()))
                .append(max ? "max(" : "(");
        float[] values = step.values();
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : max ? ", " : " + ").append(max ? Numbers.text(values[i])
                    : Numbers.factor(values[i]));
        }
        b.append(max ? ")" : ")/" + values.length).append(" = ").append(Numbers.text(step.value()));
        if (max) {
            b.append(", at row ").append(step.winner()[0]).append(", col ").append(step.winner()[1]);
        }
        return b.toString();
    }
}
