package conv4j.cli;

import conv4j.io.LoadedModel;
import conv4j.io.ModelInfo;
import conv4j.nn.Module;
import conv4j.nn.Softmax;
import conv4j.tensor.Tensor;
import conv4j.train.Plural;
import conv4j.vision.image.ImageTensors;
import conv4j.vision.image.PngWriter;
import conv4j.vision.visual.Enlarge;
import conv4j.vision.visual.FeatureMapGrid;
import conv4j.vision.visual.FeatureMaps;
import conv4j.vision.visual.FilterGrid;
import conv4j.vision.image.ModelInput;
import conv4j.vision.visual.LayerMaps;
import conv4j.vision.visual.ReportPage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "visualize",
        description = {
            "Draw what a saved model sees in one picture: feature maps, filters, a web page.",
            "Writes into the --out folder a PNG of the feature maps of every convolution and",
            "pooling layer, a PNG of the first convolution's filters, the picture as the",
            "model takes it, and an index.html that shows them in order with the top classes",
            "(no scripts, nothing from the net). The picture is prepared as 'conv4j predict'",
            "does. The folder is created if its parent exists; files of the same names in it",
            "are replaced. An ONNX graph's convolutions are drawn (its pooling and activation",
            "nodes are no layers).",
            "",
            ModelOptions.HELP},
        footerHeading = "%nExamples:%n",
        footer = {
            "  conv4j visualize lenet5-mnist.safetensors digit.png --out seen",
            "  conv4j visualize lenet5-mnist.safetensors digit.png --out seen --activations",
            "  conv4j visualize resnet18.onnx photo.jpg --out seen --max-maps 16"})
final class VisualizeCommand implements Callable<Integer> {
    /** The input picture on the page: its longer side enlarged to about this many pixels. */
    private static final int INPUT_SIZE = 224;
    private static final Softmax SOFTMAX = new Softmax();

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<model>",
            description = "A .safetensors file from 'conv4j train' or 'conv4j import', or an .onnx file.")
    Path modelFile;

    @Parameters(index = "1", paramLabel = "<image>", description = "The picture to run the model on.")
    Path image;

    @Option(names = "--out", required = true, paramLabel = "FOLDER", description = "Where the pictures go.")
    Path out;

    @Option(names = "--max-maps", paramLabel = "N", defaultValue = "" + FeatureMapGrid.DEFAULT_MAX_MAPS,
            description = "Draw at most the first N maps of a layer and N filters (default: ${DEFAULT-VALUE}).")
    int maxMaps;

    @Option(names = "--scale", paramLabel = "map|layer", defaultValue = "map",
            description = "Scale each map to its own min..max, or all maps of a layer to the layer's "
                    + "(default: ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--activations", description = "Also draw the outputs of activation layers (ReLU, ...).")
    boolean activations;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5",
            description = "How many classes to show (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "Print one JSON object with the files and the top classes.")
    boolean json;

    @Mixin
    ModelOptions modelOptions;

    record Report(String model, String image, String folder, List<String> files,
                  List<PredictCommand.ClassProbability> top, List<Layer> layers) {
    }

    /** A layer drawn: its name in the model, the lecture's name for it (empty where none), its picture. */
    record Layer(String name, String lectureName, String file) {
    }

    /** A picture to write, under its file name, with the words that go with it on the page. */
    private record Picture(String file, BufferedImage image, String heading, String caption) {
    }

    @Override
    public Integer call() throws IOException {
        FeatureMapGrid.Scaling scaling = checkOptions();
        TrainingPlot.headless();
        checkOutFolder();

        // Everything that can fail on the user's input fails here, before the folder or any file exists.
        LoadedModel loaded = modelOptions.load(spec, modelFile);
        ModelInfo info = loaded.info();
        Module model = loaded.model();
        ModelInput input = new ModelInput(info);
        Tensor x = input.prepare(image);
        model.outputShape(x.shape().withBatch(1)); // a model that does not take this input fails naming the layer
        Predicate<Module> which = activations
                ? m -> FeatureMaps.isConvOrPool(m) || FeatureMaps.isActivation(m) : FeatureMaps::isConvOrPool;
        Map<String, String> lectureNames = main.registry().lectureNames(info.name(), model);
        FeatureMaps.Capture capture = FeatureMaps.capture(model, x, which, maxMaps).withLectureNames(lectureNames);

        List<Picture> pictures = new ArrayList<>();
        BufferedImage seen = ImageTensors.toImage(denormalise(x, info));
        pictures.add(new Picture("input.png", Enlarge.nearest(seen, Enlarge.factor(x.dim(1), x.dim(2), INPUT_SIZE)),
                "Input", "the picture as the model takes it, " + dims(x) + ", before its normalisation"));
        if (capture.firstConv() != null) {
            FilterGrid filters = new FilterGrid(maxMaps);
            String name = capture.firstConvName();
            String title = LayerMaps.title(name, lectureNames.getOrDefault(name, ""));
            pictures.add(new Picture("filters-" + fileName(name) + ".png",
                    filters.render(title, capture.firstConv()).image(), "Filters of the first convolution",
                    String.join("; ", filters.caption(title, capture.firstConv()))));
        }
        FeatureMapGrid grid = new FeatureMapGrid(maxMaps, scaling);
        List<LayerMaps> layers = capture.layers();
        List<Layer> drawn = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerMaps layer = layers.get(i);
            String file = String.format(Locale.ROOT, "maps-%02d-%s.png", i + 1, fileName(layer.name()));
            pictures.add(new Picture(file, grid.render(layer).image(), i == 0 ? "Feature maps" : null,
                    String.join("; ", grid.caption(layer))));
            drawn.add(new Layer(layer.name(), layer.lectureName(), file));
        }
        List<PredictCommand.ClassProbability> best = topClasses(capture.output(), info.classNames());

        ReportPage page = page(info, best, pictures);
        createOutFolder();
        for (Picture p : pictures) {
            PngWriter.write(p.image(), out.resolve(p.file()));
        }
        page.write(out.resolve("index.html")); // last: the page never names a picture that is not there yet

        List<String> files = new ArrayList<>();
        pictures.forEach(p -> files.add(p.file()));
        files.add("index.html");
        print(best, files, drawn);
        return Main.OK;
    }

    private FeatureMapGrid.Scaling checkOptions() {
        List<String> bad = new ArrayList<>();
        if (maxMaps < 1) {
            bad.add("--max-maps must be at least 1, received " + maxMaps);
        }
        if (top < 1) {
            bad.add("--top must be at least 1, received " + top);
        }
        FeatureMapGrid.Scaling scaling = switch (scale.toLowerCase(Locale.ROOT)) {
            case "map" -> FeatureMapGrid.Scaling.PER_MAP;
            case "layer" -> FeatureMapGrid.Scaling.PER_LAYER;
            default -> null;
        };
        if (scaling == null) {
            bad.add("--scale must be map or layer, received '" + scale + "'");
        }
        if (!bad.isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join("; ", bad));
        }
        return scaling;
    }

    /** The folder may exist; if not, its parent must, and it is created there (one level only: a typo shows). */
    private void checkOutFolder() {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file, not a folder");
        }
        Path parent = out.toAbsolutePath().normalize().getParent();
        if (!Files.isDirectory(out) && (parent == null || !Files.isDirectory(parent))) {
            throw new IllegalArgumentException("--out " + out + ": the folder " + parent + " does not exist; "
                    + "the output folder is created only inside an existing one");
        }
    }

    private void createOutFolder() throws IOException {
        try {
            Files.createDirectory(out);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(out)) {
                throw new IllegalArgumentException("--out " + out + " is a file, not a folder");
            }
        }
    }

    private ReportPage page(ModelInfo info, List<PredictCommand.ClassProbability> best, List<Picture> pictures) {
        ReportPage page = new ReportPage(info.name() + " on " + fileName(image));
        StringBuilder about = new StringBuilder("Model file ").append(modelFile.getFileName()).append(": ")
                .append(info.name()).append(", input ").append(dims(info.inputShape().dims())).append(", ")
                .append(Plural.of(info.classNames().size(), "class"));
        // train records the accuracy on what it validated on: a test set, or images held out of a folder
        for (String heldOut : List.of("test", "validation")) {
            String accuracy = info.facts().get(heldOut + "Accuracy");
            if (accuracy != null) {
                about.append(", ").append(heldOut).append(" accuracy ").append(accuracy);
                break;
            }
        }
        page.paragraph(about.append(". Picture ").append(image.getFileName()).append('.').toString());
        for (int i = 0; i < pictures.size(); i++) {
            Picture p = pictures.get(i);
            if (p.heading() != null) {
                page.heading(p.heading());
            }
            page.picture(p.file(), p.caption());
            if (i == 0 && !best.isEmpty()) {
                page.heading("Top classes");
                page.predictions(best.stream()
                        .map(c -> new ReportPage.Prediction(c.label(), c.probability())).toList());
            }
        }
        return page;
    }

    private void print(List<PredictCommand.ClassProbability> best, List<String> files, List<Layer> layers) {
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(Json.write(new Report(modelFile.toString(), image.toString(), out.toString(), files, best,
                    layers)));
        } else {
            StringBuilder line = new StringBuilder(image.toString()).append(": ");
            for (int i = 0; i < best.size(); i++) {
                PredictCommand.ClassProbability c = best.get(i);
                line.append(i == 0 ? "" : ", ").append(Printable.of(c.label()))
                        .append(String.format(Locale.ROOT, " (%.1f%%)", 100 * c.probability()));
            }
            o.println(best.isEmpty() ? image + ": the model's output is not a score per class" : line);
            o.println("wrote " + Plural.of(files.size() - 1, "picture") + " and index.html to " + out);
        }
        o.flush();
    }

    /** The top classes of a 1 x K output, by softmax; none for an output of another shape. */
    private List<PredictCommand.ClassProbability> topClasses(Tensor output, List<String> classes) {
        if (output.rank() != 2 || output.dim(0) != 1) {
            return List.of();
        }
        float[] p = SOFTMAX.predict(output).data();
        Integer[] order = new Integer[p.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Float.compare(p[b], p[a]));
        List<PredictCommand.ClassProbability> best = new ArrayList<>();
        for (int i = 0; i < Math.min(top, order.length); i++) {
            int c = order[i];
            best.add(new PredictCommand.ClassProbability(c < classes.size() ? classes.get(c) : Integer.toString(c),
                    c, p[c]));
        }
        return best;
    }

    /** The picture before the model's (x - mean) / std, so that it looks as the picture did. */
    private static Tensor denormalise(Tensor x, ModelInfo info) {
        Tensor y = x.copy();
        if (info.mean().isEmpty()) {
            return y;
        }
        int channels = y.dim(0);
        int plane = y.size() / channels;
        float[] d = y.data();
        for (int c = 0; c < channels; c++) {
            float mean = info.mean().get(c).floatValue();
            float std = info.std().get(c).floatValue();
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                d[i] = d[i] * std + mean;
            }
        }
        return y;
    }

    /** A layer's path as a plain file name: letters, digits, '.', '-' and '_'. */
    static String fileName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }

    private static String fileName(Path p) {
        Path name = p.getFileName();
        return name == null ? p.toString() : name.toString();
    }

    private static String dims(Tensor t) {
        return dims(t.shape().dims());
    }

    private static String dims(int[] dims) {
        StringBuilder b = new StringBuilder();
        for (int d : dims) {
            b.append(b.length() == 0 ? "" : " x ").append(d);
        }
        return b.toString();
    }
}
