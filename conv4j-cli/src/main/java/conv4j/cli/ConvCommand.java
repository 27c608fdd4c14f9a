package conv4j.cli;

import conv4j.kernels.Conv2dGeometry;
import conv4j.nn.Conv2d;
import conv4j.nn.Param;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.train.Plural;
import conv4j.vision.filters.FilterPadding;
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

@Command(name = "conv",
        description = {
            "A convolution on numbers you type, worked out as on the slides.",
            "The engine's Conv2d computes the output (a cross-correlation, as in every",
            "deep-learning library). Printed are the input, the padded input ('.' marks a",
            "padding zero), the kernels, the output, the size formula",
            "H' = (H + 2p - F)/s + 1 with the numbers and the learned parameters",
            "(F x F x D + 1) x K. --steps lists every window position with its products.",
            "",
            "A grid is rows separated by ';', numbers by ',' or spaces. An input of D",
            "channels is --input once per channel (or channels separated by '|'). Each",
            "--kernel is one filter: one kernel per input channel, separated by '|'; one",
            "--bias per filter is shared by that filter's kernels. K filters, K maps.",
            "",
            "  conv4j conv --input \"4,3,2,1;2,3,9,8;1,2,3,4;3,4,0,0\" --kernel \"1,0;0,1\" \\",
            "      --padding same --steps",
            "  conv4j conv --input \"1,3,-1,2;2,-2,0,1;1,4,0,-1;-1,0,3,2\" \\",
            "      --kernel \"0,1,0;1,-1,1;0,1,0\" --padding 1",
            "  conv4j conv --input \"1,2,0;0,1,1;2,0,1\" --input \"0,1,1;1,0,2;1,1,0\" \\",
            "      --kernel \"1,0;0,1|0,1;1,0\" --bias 1 \\",
            "      --kernel \"1,1;1,1|-1,0;0,-1\" --bias -2",
            "  (2 input channels; 2 filters of 2 kernels and a bias each: 2 maps)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  conv4j conv --input \"4,3,2,1;2,3,9,8;1,2,3,4;3,4,0,0\" --kernel \"1,0;0,1\"",
            "  conv4j conv --input \"10,10,0,0;10,10,0,0;10,10,0,0\" --kernel \"1,0,-1\" --steps",
            "  conv4j conv --input \"1,2;3,4\" --kernel \"1\" --padding 1 --stride 2 --json"},
        optionListHeading = "%nOptions:%n")
final class ConvCommand implements Callable<Integer> {
    /** More filters or channels than this stop being a worked example. */
    static final int MAX_CHANNELS = 16;

    @Spec
    CommandSpec spec;

    @Option(names = "--input", paramLabel = "ROWS", required = true,
            description = "One channel of the input, e.g. \"4,3,2,1;2,3,9,8\"; repeat it, or separate channels"
                    + " with '|', for several.")
    List<String> inputs;

    @Option(names = "--kernel", paramLabel = "ROWS", required = true,
            description = "One filter: a kernel per input channel, separated by '|'; repeat for more filters.")
    List<String> kernels;

    @Option(names = "--bias", paramLabel = "B",
            description = "The bias of each filter, in order: repeat it, or separate values with ',' (default: 0).")
    List<String> biases;

    @Option(names = "--padding", paramLabel = "P", defaultValue = "valid",
            converter = FilterCommand.PaddingConverter.class,
            description = "valid (none), same (output = input / stride) or N zeros on every side"
                    + " (default: ${DEFAULT-VALUE}).")
    FilterPadding padding;

    @Option(names = "--stride", paramLabel = "N", defaultValue = "1",
            description = "Step of the window, rows and columns (default: ${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--steps", description = "List every window position with its products, in order.")
    boolean steps;

    @Option(names = "--json", description = "Print one JSON object: input, padded input, kernels, bias, output,"
            + " sizes, and the steps with --steps.")
    boolean json;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (stride < 1) {
            throw new ParameterException(cl, "--stride must be at least 1, received " + stride);
        }
        if (padding.pixels() > Grid.MAX_SIDE) {
            throw new ParameterException(cl, "--padding " + padding.pixels() + " is more than " + Grid.MAX_SIDE
                    + ", the largest side of a grid");
        }
        List<Grid> channels;
        List<List<Grid>> filters;
        float[] bias;
        try {
            channels = Grid.channels(inputs, "--input");
            filters = filters(kernels, channels.size());
            bias = Grids.values(biases, "--bias", filters.size(), "filter", "filters");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, e.getMessage());
        }
        Grid first = channels.get(0);
        Grid kernel = filters.get(0).get(0);
        requireFit(cl, first, kernel);

        Conv2d conv = layer(channels.size(), filters.size(), kernel, bias, weight(filters));
        Tensor x = Grids.tensor(channels);
        Conv2dGeometry g;
        try {
            g = conv.geometry(x.shape());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, e.getMessage());
        }
        long products = (long) g.outChannels() * g.outHeight() * g.outWidth() * g.inChannels() * g.kernelH()
                * g.kernelW();
        if (steps && products > StepText.MAX_PRODUCTS) {
            throw new ParameterException(cl, "--steps would write " + products + " products, more than "
                    + StepText.MAX_PRODUCTS + "; leave it out for the output alone");
        }
        Tensor y = conv.predict(x);
        long parameters = conv.parameters().stream().mapToLong(Param::size).sum();
        ConvReport report = ConvReport.of(x, conv.weight().value(), bias, g, padding.label(), y, parameters, steps);
        PrintWriter out = cl.getOut();
        if (json) {
            out.println(Json.write(report));
        } else {
            ConvText.print(out, report);
        }
        out.flush();
        return Main.OK;
    }

    /** The engine's layer with these weights: the CLI only shows what Conv2d computes. */
    private Conv2d layer(int depth, int count, Grid kernel, float[] bias, Tensor weight) {
        Conv2d.Builder b = Conv2d.builder(depth, count, kernel.height(), kernel.width()).stride(stride);
        switch (padding.kind()) {
            case VALID -> b.paddingValid();
            case SAME -> b.paddingSame();
            case EXPLICIT -> b.padding(padding.pixels());
            default -> throw new IllegalStateException("padding " + padding);
        }
        Conv2d conv = b.build(weight);
        System.arraycopy(bias, 0, conv.bias().value().data(), 0, count);
        return conv;
    }

    /** The lecture's condition F <= H + 2p, said in its words before the layer is built. */
    private void requireFit(CommandLine cl, Grid input, Grid kernel) {
        if (padding.kind() == FilterPadding.Kind.SAME) {
            return; // same padding always makes room for the window
        }
        int p = padding.pixels();
        int h = input.height() + 2 * p;
        int w = input.width() + 2 * p;
        if (kernel.height() > h || kernel.width() > w) {
            throw new ParameterException(cl, "the kernel is " + kernel.size() + ", larger than the padded input "
                    + h + " x " + w + " (input " + input.size() + ", padding " + p + "); pad more or use a smaller"
                    + " kernel");
        }
    }

    /** Each --kernel is one filter of one kernel per input channel, all of one size. */
    static List<List<Grid>> filters(List<String> texts, int depth) {
        if (texts.size() > MAX_CHANNELS) {
            throw new IllegalArgumentException(texts.size() + " filters (--kernel) are more than " + MAX_CHANNELS);
        }
        if (depth > MAX_CHANNELS) {
            throw new IllegalArgumentException("--input has " + depth + " channels, more than " + MAX_CHANNELS);
        }
        List<List<Grid>> filters = new ArrayList<>();
        Grid first = null;
        for (int k = 0; k < texts.size(); k++) {
            String name = texts.size() == 1 ? "--kernel" : "--kernel " + (k + 1);
            String[] parts = texts.get(k).split("\\|", -1);
            if (parts.length != depth) {
                throw new IllegalArgumentException(name + " has " + Plural.of(parts.length, "kernel")
                        + " for an input of " + Plural.of(depth, "channel") + "; a filter has one kernel per input channel, separated by '|'");
            }
            List<Grid> kernels = new ArrayList<>();
            for (int c = 0; c < depth; c++) {
                String where = depth == 1 ? name : name + ", channel " + (c + 1);
                Grid g = Grid.parse(parts[c], where);
                first = first == null ? g : first;
                if (g.height() != first.height() || g.width() != first.width()) {
                    throw new IllegalArgumentException(where + " is " + g.size() + ", the first kernel "
                            + first.size() + "; the kernels of a layer have one size");
                }
                kernels.add(g);
            }
            filters.add(kernels);
        }
        return filters;
    }

    /** K x D x F x F, the layout of Conv2d's weight. */
    private static Tensor weight(List<List<Grid>> filters) {
        List<Grid> all = new ArrayList<>();
        filters.forEach(all::addAll);
        Grid k = all.get(0);
        return Grids.tensor(all).reshape(Shape.of(filters.size(), filters.get(0).size(), k.height(), k.width()));
    }
}
