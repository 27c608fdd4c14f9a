package conv4j.cli;

import conv4j.io.LoadOptions;
import conv4j.io.LoadedModel;
import conv4j.io.ModelFile;
import conv4j.io.ModelFiles;
import conv4j.io.ModelInfo;
import conv4j.nn.Module;
import conv4j.onnx.OnnxFormat;
import conv4j.onnx.OnnxImportException;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.train.Plural;
import conv4j.vision.models.ModelEntry;
import conv4j.vision.transforms.ClassificationPreset;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "import",
        description = {
            "Turn weights from PyTorch, or an ONNX file, into a conv4j model file.",
            "The weights are a state_dict exported to a .safetensors file (e.g.",
            "torchvision's resnet50); the model file is for predict, eval, visualize and",
            "further training. The tensors must match the zoo model's names and shapes one",
            "to one; any that do not are listed.",
            "",
            "From an ONNX file: a conv4j model file holds a chain of layers, so the graph",
            "must be one: Conv, BatchNormalization, Relu, MaxPool, AveragePool,",
            "GlobalAveragePool, Flatten, Gemm (a fully connected layer), Dropout. A graph",
            "that branches (ResNet, GoogLeNet) runs as the .onnx file itself with predict,",
            "eval, summary, visualize. The graph records no normalisation: --mean/--std, else",
            "what predict assumes."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  conv4j import resnet50 resnet50-torch.safetensors --out resnet50.safetensors",
            "  conv4j import lenet5.onnx --out lenet5.safetensors --class-names digits.txt"})
final class ImportCommand implements Callable<Integer> {
    /** torchvision's normalisation for its ImageNet weights. */
    private static final List<Double> IMAGENET_MEAN = List.of(0.485, 0.456, 0.406);
    private static final List<Double> IMAGENET_STD = List.of(0.229, 0.224, 0.225);

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<model>", description = "The zoo model the weights are for, or an .onnx "
            + "file.")
    String model;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<weights.safetensors>",
            description = "The exported state_dict (none for an .onnx file).")
    Path weights;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The conv4j model file to write.")
    Path out;

    @Option(names = "--input", paramLabel = "CxHxW", converter = SampleShapeConverter.class,
            description = "The input the model takes (default: the model's, 3x224x224 for ImageNet networks).")
    Shape input;

    @Option(names = "--classes", paramLabel = "N",
            description = "Number of classes (default: the lines of --class-names, else the model's).")
    Integer classes;

    @Option(names = "--class-names", paramLabel = "FILE",
            description = "A text file with one class name per line, in the order of the outputs.")
    Path classNames;

    @Option(names = "--mean", paramLabel = "M,M,M", split = ",",
            description = "Per-channel mean subtracted from inputs (default for 3 channels: ImageNet's, as "
                    + "torchvision's weights expect).")
    List<Double> mean;

    @Option(names = "--std", paramLabel = "S,S,S", split = ",",
            description = "Per-channel std inputs are divided by (default for 3 channels: ImageNet's).")
    List<Double> std;

    @Override
    public Integer call() throws IOException {
        if (weights == null) {
            Path file = Path.of(model);
            if (!Files.exists(file) && !model.toLowerCase(Locale.ROOT).endsWith(".onnx")) {
                throw new ParameterException(spec.commandLine(), "give the zoo model and its weights ("
                        + "'conv4j import resnet50 weights.safetensors --out m.safetensors'), or an .onnx file");
            }
            return importOnnx(file);
        }
        ModelEntry entry;
        try {
            entry = main.registry().entry(model);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Shape sample = input != null ? input : entry.inputShape();
        List<String> names = classNames == null ? null : readClassNames(classNames);
        int count = classes != null ? classes : names != null ? names.size() : entry.classes();
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "--classes must be at least 1, received " + count);
        }
        if (names != null && names.size() != count) {
            throw new ParameterException(spec.commandLine(), "--class-names " + classNames + " has " + names.size()
                    + " names, --classes is " + count);
        }
        List<Double> m = mean;
        List<Double> s = std;
        if ((m == null) != (s == null)) {
            throw new ParameterException(spec.commandLine(), "--mean and --std go together");
        }
        if (m == null && sample.dim(0) == 3) {
            m = IMAGENET_MEAN;
            s = IMAGENET_STD;
        }
        if (m != null && (m.size() != sample.dim(0) || s.size() != sample.dim(0))) {
            throw new ParameterException(spec.commandLine(), "--mean and --std need one value per channel ("
                    + sample.dim(0) + "), received " + m.size() + " and " + s.size());
        }
        if (!Files.isRegularFile(weights)) {
            throw new IllegalArgumentException(weights + ": no such file");
        }
        OutputFiles.requireFolder(out, "--out");
        if (conv4j.io.SafeTensors.readHeader(weights).metadata().containsKey(ModelFile.INFO_KEY)) {
            // importing would keep the weights and drop the class names and normalisation the file records
            throw new IllegalArgumentException(weights + " is a conv4j model file already, with its classes and "
                    + "normalisation; use it as it is ('conv4j predict " + weights + " ...'); import takes a "
                    + "state_dict exported from PyTorch");
        }

        Module network = main.registry().create(model, count, sample, new Rng(0));
        ModelFile.loadInto(weights, network); // names every missing, unexpected or misshapen tensor at once
        network.eval();

        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("importedFrom", weights.getFileName().toString());
        facts.put(ClassificationPreset.RESIZE_FACT, ClassificationPreset.of(sample).resizeFact());
        List<String> labels = names != null ? names
                : IntStream.range(0, count).mapToObj(Integer::toString).toList();
        ModelInfo info = new ModelInfo(model, sample, m == null ? List.of() : m, s == null ? List.of() : s, labels,
                facts);
        ModelFile.save(out, network, info);

        PrintWriter err = spec.commandLine().getErr();
        err.printf("%s: %s weights for %s (%s, %s, input %s) written to %s%n", weights, model, entry.description(),
                Plural.of(network.parameterCount(), "parameter"), Plural.of(count, "class"), sample, out);
        err.flush();
        return Main.OK;
    }

    /** Where UTF-8 decoding first fails, as "byte 0xe9 at offset 3". */
    private static String firstBadByte(byte[] bytes) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.charset.CoderResult r = StandardCharsets.UTF_8.newDecoder()
                .decode(in, java.nio.CharBuffer.allocate(bytes.length + 1), true);
        int at = in.position();
        return r.isError() && at < bytes.length ? String.format("byte 0x%02x at offset %d", bytes[at] & 0xff, at)
                : "a sequence cut off at the end";
    }

    static List<String> readClassNames(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        List<String> names = new ArrayList<>();
        byte[] bytes = Files.readAllBytes(file);
        List<String> lines;
        try {
            lines = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString().lines()
                    .toList();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text (" + firstBadByte(bytes) + "); save the "
                    + "class names as UTF-8, one a line", e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String name = lines.get(i).strip();
            if (name.isEmpty()) {
                if (lines.subList(i, lines.size()).stream().allMatch(String::isBlank)) {
                    break; // blank lines at the end
                }
                throw new IllegalArgumentException(file + ": line " + (i + 1) + " is empty; one class name a line");
            }
            names.add(name);
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException(file + ": no class names");
        }
        return names;
    }


    /** An ONNX graph that is a chain of layers, as a conv4j model file with its weights. */
    private int importOnnx(Path file) throws IOException {
        if (classes != null) {
            throw new ParameterException(spec.commandLine(), "--classes: an ONNX graph's output gives its classes; "
                    + "--class-names names them");
        }
        if ((mean == null) != (std == null)) {
            throw new ParameterException(spec.commandLine(), "--mean and --std go together");
        }
        if (!ModelFiles.isForeign(file)) {
            throw new IllegalArgumentException(file + " is a conv4j model file already; 'conv4j import' takes an "
                    + ".onnx file, or a zoo model and its weights");
        }
        OutputFiles.requireFolder(out, "--out");
        LoadOptions options = new LoadOptions(input, classNames == null ? null : readClassNames(classNames), mean,
                std, LoadOptions.Preparation.DEFAULT);
        LoadedModel loaded;
        try {
            loaded = OnnxFormat.loadSequential(file, options);
        } catch (OnnxImportException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage() + ". The .onnx file itself runs with "
                    + "predict, eval, summary and visualize", e);
        }
        ModelOptions.reportAssumptions(spec, file, loaded.info());
        // What was assumed is said now; the model file records the outcome as its own normalisation.
        Map<String, String> facts = new LinkedHashMap<>(loaded.info().facts());
        facts.remove(ModelInfo.ASSUMED_FACT);
        facts.put("importedFrom", file.getFileName().toString());
        ModelInfo i = loaded.info();
        ModelInfo info = new ModelInfo(i.name(), i.inputShape(), i.mean(), i.std(), i.classNames(), facts);
        ModelFile.save(out, loaded.model(), info);
        PrintWriter err = spec.commandLine().getErr();
        err.printf("%s: %s (%s, %s, input %s) written to %s%n", file,
                Plural.of(loaded.model().children().size(), "layer"), Plural.of(loaded.model().parameterCount(),
                "parameter"), Plural.of(info.classNames().size(), "class"), info.inputShape(), out);
        err.flush();
        return Main.OK;
    }
}
