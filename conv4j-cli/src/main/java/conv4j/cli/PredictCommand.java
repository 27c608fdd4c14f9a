package conv4j.cli;

import conv4j.io.LoadedModel;
import conv4j.nn.Module;
import conv4j.tensor.Tensor;
import conv4j.nn.Softmax;
import conv4j.vision.image.ImageException;
import conv4j.vision.image.ModelInput;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "predict",
        description = {
            "Classify pictures with a model saved by 'conv4j train'.",
            "A digit model takes a photo or drawing of one digit of any size (PNG, JPEG,",
            "BMP, GIF): it is made grey, inverted if the background is light, cropped,",
            "scaled into 20 x 20 and centred in 28 x 28 as MNIST was made. For other models",
            "(an image folder's), the picture is resized and cut to the model's input in the",
            "middle, as eval prepares the folder's pictures.",
            "",
            ModelOptions.HELP},
        footerHeading = "%nExamples:%n",
        footer = {
            "  conv4j predict lenet5-mnist.safetensors digit.png",
            "  conv4j predict resnet18-my-photos.safetensors photo1.jpg photo2.jpg --top 2",
            "  conv4j predict resnet18.onnx photo.jpg --class-names imagenet-classes.txt"})
final class PredictCommand implements Callable<Integer> {

    /** {@code failed}: the pictures that could not be read, each with its reason. */
    record Report(String model, List<Prediction> predictions, List<Failure> failed) {
    }

    record Failure(String image, String reason) {
    }

    record Prediction(String image, List<ClassProbability> top) {
    }

    record ClassProbability(String label, int index, double probability) {
    }

    private static final Softmax SOFTMAX = new Softmax();

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<model>",
            description = "A .safetensors file from 'conv4j train' or 'conv4j import', or an .onnx file.")
    Path modelFile;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "<image>", description = "Pictures to classify.")
    List<Path> images;

    /** More classes are shown for a model that tells many apart (ImageNet's 1000) than for one of ten digits. */
    private static final int MANY_CLASSES = 100;
    private static final int SHOWN = 3;
    private static final int SHOWN_OF_MANY = 5;

    @Option(names = "--top", paramLabel = "K",
            description = "How many classes to show per picture (default: 3, or 5 for 100 classes or more).")
    Integer top;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--json", description = "Print one JSON object with the predictions.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (top != null && top < 1) {
            throw new ParameterException(spec.commandLine(), "--top must be at least 1, received " + top);
        }
        LoadedModel loaded = modelOptions.load(spec, modelFile);
        Module model = loaded.model().eval();
        List<String> classes = loaded.info().classNames();
        int shown = top != null ? top : classes.size() >= MANY_CLASSES ? SHOWN_OF_MANY : SHOWN;
        ModelInput input = new ModelInput(loaded.info());

        // Each picture is printed as soon as it is classified, and a bad one costs only itself: the others are still
        // classified, its reason goes to stderr, and the exit code says that not all were.
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Prediction> predictions = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        for (Path image : images) {
            Tensor x;
            try {
                x = input.prepare(image);
            } catch (ImageException e) {
                failed.add(new Failure(image.toString(), e.getMessage()));
                err.println("conv4j: " + Main.userMessage(e));
                err.flush();
                continue;
            }
            Tensor scores = model.predict(x.reshape(x.shape().withBatch(1)));
            Prediction p = new Prediction(image.toString(), top(SOFTMAX.predict(scores).data(), classes, shown));
            predictions.add(p);
            if (!json) {
                StringBuilder line = new StringBuilder(p.image()).append(": ");
                for (int i = 0; i < p.top().size(); i++) {
                    ClassProbability c = p.top().get(i);
                    line.append(i == 0 ? "" : ", ").append(Printable.of(c.label()))
                            .append(String.format(Locale.ROOT, " (%.1f%%)", 100 * c.probability()));
                }
                out.println(line);
                out.flush();
            }
        }
        if (json) {
            out.println(Json.write(new Report(modelFile.toString(), predictions, failed)));
        }
        out.flush();
        return failed.isEmpty() ? Main.OK : Main.FAILED;
    }

    private static List<ClassProbability> top(float[] probabilities, List<String> classes, int top) {
        Integer[] order = new Integer[probabilities.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(probabilities[b], probabilities[a]));
        List<ClassProbability> out = new ArrayList<>();
        for (int i = 0; i < Math.min(top, order.length); i++) {
            int c = order[i];
            out.add(new ClassProbability(c < classes.size() ? classes.get(c) : Integer.toString(c), c,
                    probabilities[c]));
        }
        return out;
    }
}
