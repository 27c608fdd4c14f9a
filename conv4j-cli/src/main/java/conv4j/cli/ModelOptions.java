package conv4j.cli;

import conv4j.io.LoadOptions;
import conv4j.io.LoadedModel;
import conv4j.io.ModelFiles;
import conv4j.io.ModelInfo;
import conv4j.tensor.Shape;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * How predict, eval and visualize open a model: a conv4j model file, or an ONNX file, whose graph records no class
 * names, normalisation or picture preparation; these options give them, and what is assumed instead is printed on
 * stderr. A conv4j model file records them all and takes none of these options.
 */
final class ModelOptions {
    static final String HELP = "ONNX files (.onnx) run too. A graph records no class names or normalisation: "
            + "for a 3x224x224 input with 1000 outputs ImageNet's mean and std and torchvision's preparation "
            + "(shorter side to 256, the middle 224x224) are assumed, for 1x28x28 MNIST's mean and std with the "
            + "picture resized (--prepare digit for handwritten digits), else none; what was assumed is printed.";

    @Option(names = "--input", paramLabel = "CxHxW", converter = SampleShapeConverter.class,
            description = "ONNX: the input, where the graph leaves the picture size open (e.g. 3x224x224).")
    Shape input;

    @Option(names = "--class-names", paramLabel = "FILE",
            description = "ONNX: a text file with one class name per line (default: the indices 0..K-1).")
    Path classNames;

    @Option(names = "--mean", paramLabel = "M,M,M", split = ",",
            description = "ONNX: per-channel mean subtracted from pictures in [0, 1], e.g. 0.485,0.456,0.406.")
    List<Double> mean;

    @Option(names = "--std", paramLabel = "S,S,S", split = ",",
            description = "ONNX: per-channel std pictures are divided by, e.g. 0.229,0.224,0.225.")
    List<Double> std;

    @Option(names = "--prepare", paramLabel = "resize|digit",
            description = "ONNX: resize pictures to the input (default), or prepare a handwritten digit as MNIST's "
                    + "were (1x28x28 inputs).")
    String prepare;

    LoadOptions options(CommandSpec spec) throws IOException {
        if ((mean == null) != (std == null)) {
            throw new ParameterException(spec.commandLine(), "--mean and --std go together");
        }
        LoadOptions.Preparation p = LoadOptions.Preparation.DEFAULT;
        if (prepare != null) {
            p = switch (prepare.toLowerCase(Locale.ROOT)) {
                case "resize" -> LoadOptions.Preparation.RESIZE;
                case "digit" -> LoadOptions.Preparation.DIGIT;
                default -> throw new ParameterException(spec.commandLine(), "--prepare must be resize or digit, "
                        + "received '" + prepare + "'");
            };
        }
        List<String> names = classNames == null ? null : ImportCommand.readClassNames(classNames);
        return new LoadOptions(input, names, mean, std, p);
    }

    /** The model in {@code file}, with these options; what a loader assumed goes to stderr. */
    LoadedModel load(CommandSpec spec, Path file) throws IOException {
        LoadedModel loaded = ModelFiles.load(file, options(spec));
        reportAssumptions(spec, file, loaded.info());
        return loaded;
    }

    static void reportAssumptions(CommandSpec spec, Path file, ModelInfo info) {
        String assumed = info.facts().get(ModelInfo.ASSUMED_FACT);
        if (assumed != null) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(file + ": assumed " + assumed);
            err.flush();
        }
    }
}
