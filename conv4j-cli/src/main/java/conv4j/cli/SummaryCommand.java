package conv4j.cli;

import conv4j.io.LoadOptions;
import conv4j.io.LoadedModel;
import conv4j.io.ModelFiles;
import conv4j.nn.ConvPlans;
import conv4j.nn.FullyConnectedCost;
import conv4j.nn.Module;
import conv4j.nn.Summary;
import conv4j.nn.SummaryTable;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.train.Plural;
import conv4j.vision.models.LectureTables;
import conv4j.vision.models.ModelEntry;
import conv4j.vision.models.Models;
import conv4j.vision.models.PaperTables;
import conv4j.onnx.OnnxFormat;
import conv4j.onnx.OnnxSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "summary",
        description = {
            "Print a model's layers, shapes and costs for one input.",
            "Per layer: output shape, learned parameters, multiply-adds, receptive",
            "field and jump, activation memory. Then the totals, and what one fully",
            "connected layer of 100 neurons on the same input would cost.",
            "For GoogLeNet and ResNet, also the paper's table 1: per inception row",
            "or per stage, its parameters and multiply-adds.",
            "A family with --paper ('summary vgg --paper', 'summary resnet --paper'), or",
            "a list of its models ('summary vgg-a,vgg-d --paper'), prints the paper's",
            "table with the networks side by side, counted in the zoo's models.",
            "With --plan, every convolution and the method each of its passes takes.",
            "A model file works too: a conv4j .safetensors file, or an .onnx file, whose",
            "graph is listed node by node (output shape, parameters, multiply-adds)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  conv4j summary lenet5",
            "  conv4j summary resnet18 --input 3x64x64 --classes 10",
            "  conv4j summary resnet50 --paper",
            "  conv4j summary vgg --paper",
            "  conv4j summary resnet50 --plan --batch 32",
            "  conv4j summary lenet5-mnist.safetensors"})
final class SummaryCommand implements Callable<Integer> {

    /** The --json form: the summary plus the model it describes and the fully connected comparison. */
    record Report(String model, String description, Shape input, List<Summary.Row> rows,
                  List<Summary.Row> auxiliary, Summary.Totals totals, FullyConnected fullyConnected,
                  List<PlanRow> plans) {
    }

    /** One convolution of --plan: its input at the batch asked for, and the method of each pass. */
    record PlanRow(String name, Shape input, int kernelH, int kernelW, int stride, boolean cropped, String forward,
                   String inputGradient, String weightGradient) {
        static PlanRow of(ConvPlans.Layer l) {
            return new PlanRow(l.name(), l.geometry().inputShape(), l.geometry().kernelH(), l.geometry().kernelW(),
                    l.geometry().strideH(), l.plan().cropped(), l.plan().forward().label(),
                    l.plan().inputGradient().label(), l.plan().weightGradient().label());
        }
    }

    record FullyConnected(Shape input, int hiddenUnits, long inputValues, long weights, long biases,
                          long weightBytes) {
        static FullyConnected of(FullyConnectedCost c) {
            return new FullyConnected(c.input(), c.hiddenUnits(), c.inputValues(), c.weights(), c.biases(),
                    c.weightBytes());
        }
    }

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<model>",
            description = {"A model name ('conv4j models' lists them), a .safetensors model file or an .onnx file;",
                "with --paper also a family (vgg, resnet) or a comma-separated list of its models."})
    String model;

    @Option(names = "--input", paramLabel = "CxHxW", converter = SampleShapeConverter.class,
            description = "One sample's shape, e.g. 3x224x224 (default: the model's).")
    Shape input;

    @Option(names = "--classes", paramLabel = "N", description = "Number of classes (default: the model's).")
    Integer classes;

    @Option(names = "--paper", description = "The layout of the paper that introduced the network where "
            + "torchvision's differs: resnet50 -> resnet50-v1 (stride in the first 1x1), alexnet -> alexnet-lrn, "
            + "googlenet, googlenet-torchvision -> googlenet-2014. For a family or a list: the paper's table, its "
            + "networks side by side.")
    boolean paper;

    @Option(names = "--plan", description = "Also list every convolution with the method each pass takes "
            + "(forward, input gradient, weight gradient) at --batch images.")
    boolean plan;

    @Option(names = "--batch", paramLabel = "N", description = "Images a batch for --plan (default: 1).")
    int batch = 1;

    @Option(names = "--json", description = "Print one JSON object with the rows and totals.")
    boolean json;

    /** The --json form of an ONNX graph's summary. */
    record OnnxReport(String model, Shape input, List<OnnxSummary.Row> nodes, long parameters, long multiplyAdds) {
    }

    @Override
    public Integer call() throws IOException {
        Path file = Path.of(model);
        if (Files.isRegularFile(file) || model.toLowerCase(Locale.ROOT).endsWith(".onnx")
                || model.toLowerCase(Locale.ROOT).endsWith(".safetensors")) {
            return summariseFile(file);
        }
        if (model.contains(",") || PaperTables.isFamily(model) && !main.registry().entries().containsKey(model)) {
            return paperTables();
        }
        ModelEntry entry;
        String name = model;
        try {
            entry = main.registry().entry(model);
            if (paper && Models.list().containsKey(model)) {
                name = Models.paperLayout(model);
                entry = main.registry().entry(name);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage() + (paper ? "; the families with a "
                    + "paper table: " + String.join(", ", PaperTables.families()) : ""));
        }
        int classCount = classes == null ? entry.classes() : classes;
        if (classCount < 1) {
            throw new ParameterException(spec.commandLine(), "--classes must be at least 1, received " + classCount);
        }
        if (batch < 1) {
            throw new ParameterException(spec.commandLine(), "--batch must be at least 1, received " + batch);
        }
        Shape sample = input == null ? entry.inputShape() : input;
        // The weights do not matter for a summary; a fixed seed keeps the command reproducible.
        Module network = main.registry().create(name, classCount, sample, new Rng(0));
        Summary summary = Summary.of(network, sample).withLectureNames(main.registry().lectureNames(name, network));
        ConvPlans plans = plan ? ConvPlans.of(network, sample, batch) : null;

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(new Report(name, entry.description(), summary.sampleShape(), summary.rows(),
                    summary.auxiliary(), summary.totals(), FullyConnected.of(summary.fullyConnectedCost()),
                    plans == null ? null : plans.layers().stream().map(PlanRow::of).toList())));
        } else {
            out.println(name + ": " + entry.description());
            if (paper && name.equals(model)) {
                out.println("(--paper: the paper's layout of " + model + " is this one)");
            }
            out.print(SummaryTable.render(summary));
            LectureTables.render(network, sample).ifPresent(table -> out.print("\n" + table));
            if (plans != null) {
                out.print("\n" + plans.render());
            }
        }
        out.flush();
        return Main.OK;
    }

    /** A family's paper table, or a list of its networks: the networks side by side. */
    private int paperTables() {
        String families = String.join(", ", PaperTables.families());
        if (!paper) {
            throw new ParameterException(spec.commandLine(), model.contains(",")
                    ? "several models side by side are a paper's table: add --paper (the families with one: "
                            + families + ")"
                    : "'" + model + "' is a family, not one model: add --paper for its paper's table, its networks "
                            + "side by side, or name one of " + String.join(", ", PaperTables.columns(model)));
        }
        List<String> oneModel = new ArrayList<>();
        if (input != null) {
            oneModel.add("--input");
        }
        if (classes != null) {
            oneModel.add("--classes");
        }
        if (plan) {
            oneModel.add("--plan");
        }
        if (!oneModel.isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join(", ", oneModel) + (oneModel.size() == 1
                    ? " is" : " are") + " for one model: a paper's table has its networks at the paper's input and "
                    + "classes");
        }
        PaperTables.Family tables;
        try {
            tables = model.contains(",") ? PaperTables.of(List.of(model.split(",", -1))) : PaperTables.of(model);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? Json.write(tables) + "\n" : tables.render());
        out.flush();
        return Main.OK;
    }

    /** A model file: a conv4j one as the zoo's models, an ONNX graph node by node. */
    private int summariseFile(Path file) throws IOException {
        List<String> refused = new ArrayList<>();
        if (paper) {
            refused.add("--paper picks the paper's layout of a model of the zoo; " + file + " is a model file, "
                    + "summarised as it was saved");
        }
        if (plan) {
            refused.add("--plan lists the convolutions of a model of the zoo, not of a model file (" + file + ")");
        }
        if (!refused.isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join("; ", refused));
        }
        boolean onnx = ModelFiles.isForeign(file);
        LoadedModel loaded = ModelFiles.load(file, onnx ? LoadOptions.none().withInputShape(input)
                : LoadOptions.none());
        if (classes != null) {
            throw new ParameterException(spec.commandLine(), "--classes is for the zoo's models; " + file
                    + " has its own " + loaded.info().classNames().size() + " classes");
        }
        ModelOptions.reportAssumptions(spec, file, loaded.info());
        Shape sample = loaded.info().inputShape();
        if (!onnx && input != null) {
            sample = input;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (onnx) {
            OnnxSummary s = OnnxSummary.of(OnnxFormat.read(file), sample);
            if (json) {
                out.println(Json.write(new OnnxReport(file.toString(), sample, s.rows(), s.parameters(),
                        s.multiplyAdds())));
            } else {
                out.println(file + ": ONNX graph of " + Plural.of(s.rows().size(), "node") + ", input " + sample
                        + ", " + Plural.of(loaded.info().classNames().size(), "class"));
                out.print(renderNodes(s));
            }
        } else {
            Summary summary = Summary.of(loaded.model(), sample)
                    .withLectureNames(main.registry().lectureNames(loaded.info().name(), loaded.model()));
            if (json) {
                out.println(Json.write(new Report(file.toString(), loaded.info().name(), summary.sampleShape(),
                        summary.rows(), summary.auxiliary(), summary.totals(),
                        FullyConnected.of(summary.fullyConnectedCost()), null)));
            } else {
                out.println(file + ": " + loaded.info().name() + ", " + Plural.of(loaded.info().classNames().size(),
                        "class"));
                out.print(SummaryTable.render(summary));
            }
        }
        out.flush();
        return Main.OK;
    }

    /** One line a node: name, operator (with its conv4j layer), output shape, parameters, multiply-adds. */
    static String renderNodes(OnnxSummary s) {
        int nameWidth = Math.max(4, s.rows().stream().mapToInt(r -> r.name().length()).max().orElse(4));
        int opWidth = Math.max(8, s.rows().stream().mapToInt(r -> r.operator().length()).max().orElse(8));
        String format = "%-" + nameWidth + "s  %-" + opWidth + "s  %-16s  %,12d  %,16d%n";
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-" + nameWidth + "s  %-" + opWidth
                + "s  %-16s  %12s  %16s%n", "node", "operator", "output", "parameters", "multiply-adds"));
        for (OnnxSummary.Row r : s.rows()) {
            b.append(String.format(Locale.ROOT, format, r.name(), r.operator(), r.outputShape(), r.parameters(),
                    r.multiplyAdds()));
        }
        b.append(String.format(Locale.ROOT, "%-" + nameWidth + "s  %-" + opWidth + "s  %-16s  %,12d  %,16d%n",
                "total", "", "", s.parameters(), s.multiplyAdds()));
        return b.toString();
    }
}
