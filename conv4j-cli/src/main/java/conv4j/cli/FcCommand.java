package conv4j.cli;

import conv4j.nn.Init;
import conv4j.nn.Linear;
import conv4j.nn.Param;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "fc",
        description = {
            "A fully connected layer, W x + b, on numbers you type.",
            "The engine's Linear layer computes scores = W x + b; each score's sum is",
            "written out. W has one row per score and one column per input value; rows",
            "separated by ';', numbers by ','.",
            "",
            "  conv4j fc --weights \"0.2,-0.5,0.1,2.0;1.5,1.3,2.1,0.0;0,0.25,0.2,-0.3\" \\",
            "      --input \"56,231,24,2\" --bias \"1.1,3.2,-1.2\"",
            "  (the lecture's example: scores -96.8, 437.9 and 60.75)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  conv4j fc --weights \"1,2;3,4\" --input \"5,6\" --bias \"0.5,-1\"",
            "  conv4j fc --weights \"0.2,-0.5;1.5,1.3\" --input \"56,231\" --json"},
        optionListHeading = "%nOptions:%n")
final class FcCommand implements Callable<Integer> {

    /** scores = W x + b, each score with the products of its row and the engine's result. */
    record Report(float[][] weights, float[] input, float[] bias, List<Score> scores, long parameters) {
    }

    record Score(int index, double[] products, float bias, float value) {
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--weights", paramLabel = "ROWS", required = true,
            description = "W, one row per score, e.g. \"0.2,-0.5;1.5,1.3\".")
    String weights;

    @Option(names = "--input", paramLabel = "VALUES", required = true,
            description = "x, one value per column of W, e.g. \"56,231\".")
    String input;

    @Option(names = "--bias", paramLabel = "VALUES",
            description = "b, one value per score (default: 0); repeat it or separate values with ','.")
    List<String> biases;

    @Option(names = "--json", description = "Print one JSON object: W, x, b, each score's products and value.")
    boolean json;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        Grid w;
        float[] x;
        float[] b;
        try {
            w = Grid.parse(weights, "--weights");
            x = Grids.values(List.of(input), "--input", w.width(), "column of --weights",
                    "columns of --weights");
            b = Grids.values(biases, "--bias", w.height(), "score", "scores");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, e.getMessage());
        }
        Linear fc = new Linear(w.width(), w.height(), true, Init.HE_UNIFORM, new Rng(0));
        fc.weight().value().copyFrom(Grids.tensor(List.of(w)).reshape(Shape.of(w.height(), w.width())));
        fc.bias().value().copyFrom(Tensor.of(b, b.length));
        Tensor scores = fc.predict(Tensor.of(x, 1, x.length));

        List<Score> rows = new ArrayList<>();
        for (int i = 0; i < w.height(); i++) {
            double[] products = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                products[j] = (double) w.get(i, j) * x[j];
            }
            rows.add(new Score(i + 1, products, b[i], scores.get(0, i)));
        }
        Report report = new Report(w.rows(), x, b, rows,
                fc.parameters().stream().mapToLong(Param::size).sum());
        PrintWriter out = cl.getOut();
        if (json) {
            out.println(Json.write(report));
        } else {
            print(out, report);
        }
        out.flush();
        return Main.OK;
    }

    private static void print(PrintWriter out, Report r) {
        int rows = r.weights().length;
        int cols = r.input().length;
        List<float[][]> w = List.of(new float[][][] {r.weights()});
        ConvText.printGrids(out, "W, " + rows + " x " + cols + ", one row per score", w, "", null);
        out.println("x = " + list(r.input()));
        out.println("b = " + list(r.bias()));
        out.println("scores = W x + b, each row of W times x, plus its bias:");
        for (Score s : r.scores()) {
            float[] row = r.weights()[s.index() - 1];
            StringBuilder line = new StringBuilder("score " + s.index() + " = ")
                    .append(Numbers.products(row, r.input())).append(" + ").append(Numbers.factor(s.bias()))
                    .append(" = ");
            for (int j = 0; j < s.products().length; j++) {
                line.append(signed(s.products()[j], j == 0));
            }
            line.append(signed(s.bias(), false)).append(" = ").append(Numbers.text(s.value()));
            out.println(line);
        }
        float[] values = new float[r.scores().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = r.scores().get(i).value();
        }
        out.println("scores = " + list(values));
        out.println("learned parameters: out x (in + 1) = " + rows + " x (" + cols + " + 1) = " + r.parameters());
    }

    /** A term of a sum as written by hand: "11.2", then " - 115.5", " + 2.4". */
    private static String signed(double v, boolean first) {
        String t = Numbers.text(v);
        if (first) {
            return t;
        }
        return t.startsWith("-") ? " - " + t.substring(1) : " + " + t;
    }

    private static String list(float[] values) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ", ").append(Numbers.text(values[i]));
        }
        return b.append(')').toString();
    }
}
