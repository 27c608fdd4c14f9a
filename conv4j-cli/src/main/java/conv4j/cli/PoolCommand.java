package conv4j.cli;

import conv4j.nn.AvgPool2d;
import conv4j.nn.MaxPool2d;
import conv4j.nn.Module;
import conv4j.nn.Param;
import conv4j.tensor.Tensor;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "pool",
        description = {
            "Max or average pooling on numbers you type, window by window.",
            "The engine's MaxPool2d or AvgPool2d computes the output; printed are the",
            "input, the output, the size formula H' = (H - F)/s + 1 with the numbers, and",
            "with --steps every window with the value that wins (max) or the average.",
            "A grid is rows separated by ';', numbers by ',' or spaces; an input of several",
            "channels is --input once per channel (or channels separated by '|'), each pooled",
            "on its own.",
            "",
            "  conv4j pool --input \"1,3,2,1;4,6,5,0;7,2,9,8;3,1,4,6\" --steps",
            "  conv4j pool --input \"1,3,2,1;4,6,5,0;7,2,9,8;3,1,4,6\" --kind avg",
            "  conv4j pool --input \"...\" --size 3 --stride 2   (overlapping, as AlexNet's)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  conv4j pool --input \"1,3,2,1;4,6,5,0;7,2,9,8;3,1,4,6\" --steps",
            "  conv4j pool --input \"1,3,2,1;4,6,5,0;7,2,9,8;3,1,4,6\" --kind avg",
            "  conv4j pool --input \"1,3,2,1;4,6,5,0;7,2,9,8;3,1,4,6\" --size 3 --stride 1"},
        optionListHeading = "%nOptions:%n")
final class PoolCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", paramLabel = "ROWS", required = true,
            description = "One channel of the input, e.g. \"1,3;4,6\"; repeat it, or separate channels with '|',"
                    + " for several.")
    List<String> inputs;

    @Option(names = "--size", paramLabel = "F", defaultValue = "2",
            description = "The window's side (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--stride", paramLabel = "N",
            description = "Step of the window (default: the window's side, non-overlapping windows).")
    Integer stride;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "max",
            description = "max or avg (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--steps", description = "List every window with its values, in order.")
    boolean steps;

    @Option(names = "--json", description = "Print one JSON object: input, output, sizes, and the steps with"
            + " --steps.")
    boolean json;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        String k = kind.strip().toLowerCase(Locale.ROOT);
        if (!k.equals("max") && !k.equals("avg")) {
            throw new ParameterException(cl, "--kind must be max or avg, received '" + Printable.of(kind) + "'");
        }
        int s = stride != null ? stride : size;
        if (size < 1) {
            throw new ParameterException(cl, "--size must be at least 1, received " + size);
        }
        if (s < 1) {
            throw new ParameterException(cl, "--stride must be at least 1, received " + s);
        }
        List<Grid> channels;
        try {
            channels = Grid.channels(inputs, "--input");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, e.getMessage());
        }
        if (channels.size() > ConvCommand.MAX_CHANNELS) {
            throw new ParameterException(cl, "--input has " + channels.size() + " channels, more than "
                    + ConvCommand.MAX_CHANNELS);
        }
        Grid first = channels.get(0);
        if (size > first.height() || size > first.width()) {
            throw new ParameterException(cl, "the window " + size + " x " + size + " is larger than the input "
                    + first.size());
        }
        Module pool = k.equals("max") ? new MaxPool2d(size, s) : new AvgPool2d(size, s);
        Tensor x = Grids.tensor(channels);
        Tensor y = pool.predict(x);
        long values = (long) y.size() * size * size;
        if (steps && values > StepText.MAX_PRODUCTS) {
            throw new ParameterException(cl, "--steps would write " + values + " values, more than "
                    + StepText.MAX_PRODUCTS + "; leave it out for the output alone");
        }
        long parameters = pool.parameters().stream().mapToLong(Param::size).sum();
        PoolReport report = PoolReport.of(k, size, s, x, y, parameters, steps);
        PrintWriter out = cl.getOut();
        if (json) {
            out.println(Json.write(report));
        } else {
            PoolText.print(out, report);
        }
        out.flush();
        return Main.OK;
    }
}
