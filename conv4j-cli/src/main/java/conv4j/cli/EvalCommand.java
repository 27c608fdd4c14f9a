package conv4j.cli;

import conv4j.io.LoadedModel;
import conv4j.io.ModelInfo;
import conv4j.nn.Module;
import conv4j.optim.Sgd;
import conv4j.tensor.Shape;
import conv4j.train.DataLoader;
import conv4j.train.Dataset;
import conv4j.train.EvaluationResult;
import conv4j.train.Plural;
import conv4j.train.SampleTransform;
import conv4j.train.Trainer;
import conv4j.vision.data.MnistSplit;
import conv4j.vision.image.ModelInput;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "eval",
        description = {
            "Measure how well a saved model classifies a dataset.",
            "Prints the accuracy, top-k accuracy, loss, accuracy per class and the confusion",
            "matrix (rows: true class, columns: predicted).",
            "",
            ModelOptions.HELP},
        footerHeading = "%nExamples:%n",
        footer = {
            "  conv4j eval lenet5-mnist.safetensors",
            "  conv4j eval lenet5-mnist.safetensors --split train --json",
            "  conv4j eval resnet18-my-photos.safetensors --dataset ./my-photos"})
final class EvalCommand implements Callable<Integer> {

    record Report(String model, String dataset, String split, int samples, double accuracy, double loss, int topK,
                  double topKAccuracy, List<String> classes, double[] perClassAccuracy, long[][] confusion) {
    }

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<model>",
            description = "A .safetensors file from 'conv4j train' or 'conv4j import', or an .onnx file.")
    Path modelFile;

    @Option(names = "--dataset", paramLabel = "NAME|DIR",
            description = "mnist, fashion-mnist, an IDX folder or an image folder (default: the one the model was "
                    + "trained on).")
    String dataset;

    @Option(names = "--split", paramLabel = "test|train|all", defaultValue = "test",
            description = "Which split to measure (default: ${DEFAULT-VALUE}). Of an image folder: test/, else the "
                    + "validation images (val/, or the share held out in training); all: every picture of a folder "
                    + "of class folders.")
    String split;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The dataset cache (default: $CONV4J_DATA, else ~/.conv4j/data).")
    Path dataDir;

    @Option(names = "--json", description = "Print one JSON object with every figure.")
    boolean json;

    @Mixin
    ModelOptions modelOptions;

    @Override
    public Integer call() throws IOException {
        String which = split.toLowerCase(Locale.ROOT);
        if (!which.equals("test") && !which.equals("train") && !which.equals("all")) {
            throw new ParameterException(spec.commandLine(), "--split must be test, train or all, received '" + split
                    + "'");
        }
        LoadedModel loaded = modelOptions.load(spec, modelFile);
        ModelInfo info = loaded.info();
        String name = dataset != null ? dataset : info.facts().getOrDefault("dataset", "mnist");
        ModelInput input = new ModelInput(info);
        SampleTransform normalise = (x, rng) -> input.normalise(x);
        Dataset set;
        SampleTransform transform;
        String described = name;
        String measured = which;
        if (DatasetKind.of(spec, name) == DatasetKind.IMAGE_FOLDER) {
            ImageFolderData.Evaluation e = ImageFolderData.forEvaluation(spec, Path.of(name), info, which,
                    spec.commandLine().getErr(), main.terminal());
            set = e.set();
            transform = e.crop().andThen(normalise);
            described = e.described();
            measured = e.split();
        } else {
            if (which.equals("all")) {
                throw new ParameterException(spec.commandLine(), "--split all is for image folders; " + name
                        + " has a test and a train split");
            }
            DatasetChoice data = DatasetChoice.resolve(spec, name, dataDir, main.terminal());
            set = data.load(which.equals("train") ? MnistSplit.TRAIN : MnistSplit.TEST);
            transform = normalise;
        }
        Shape shape = transform.outputShape(set.sampleShape());
        if (!shape.equals(info.inputShape())) {
            throw new IllegalArgumentException(name + " has " + set.sampleShape() + " images; " + modelFile
                    + " takes " + info.inputShape());
        }
        if (set.classes() > info.classNames().size()) {
            throw new IllegalArgumentException(name + " has " + Plural.of(set.classes(), "class") + "; " + modelFile
                    + " scores " + info.classNames().size());
        }
        // Scores are compared with labels by index: a model of other classes gets a number, so say that it means little
        if (!set.classNames().equals(info.classNames().subList(0, Math.min(info.classNames().size(),
                set.classNames().size())))) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("conv4j: note: " + modelFile + " names its classes " + Printable.of(abbreviated(
                    info.classNames())) + ", " + name + " " + Printable.of(abbreviated(set.classNames()))
                    + "; the accuracy compares class numbers only");
            err.flush();
        }
        Module model = loaded.model();
        // Evaluation needs no optimizer; the trainer takes one, so it gets one that never steps.
        Trainer trainer = Trainer.builder(model, new Sgd(model.parameters(), 1e-3)).build();
        int batch = (int) Math.max(1, Math.min(1000, 16_000_000L / shape.size()));
        EvaluationResult r = trainer.evaluate(DataLoader.inOrder(set, batch, transform));

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(new Report(modelFile.toString(), name, split, r.samples(), r.accuracy(), r.loss(),
                    r.topK(), r.topKAccuracy(), info.classNames(), r.perClassAccuracy(), r.confusion().counts())));
        } else {
            print(out, described, measured, r, info.classNames());
        }
        out.flush();
        return Main.OK;
    }

    private static String abbreviated(List<String> names) {
        return names.size() <= 4 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 3)) + ", ... (" + names.size() + ")";
    }

    /** {@code measured}: the split as it is, "test", "validation" (an image folder's held-out images) or "train". */
    private void print(PrintWriter out, String name, String measured, EvaluationResult r, List<String> fileClasses) {
        List<String> classes = Printable.of(fileClasses);
        out.printf(Locale.ROOT, "%s on %s (%s split, %s)%n", modelFile, name, measured,
                Plural.of(r.samples(), "image"));
        out.printf(Locale.ROOT, "accuracy %.2f%%   top-%d %.2f%%   loss %.4f%n%n", 100 * r.accuracy(), r.topK(),
                100 * r.topKAccuracy(), r.loss());
        long[][] counts = r.confusion().counts();
        long[] images = new long[counts.length];
        for (int c = 0; c < counts.length; c++) {
            images[c] = r.confusion().support(c);
        }
        out.println("per class: accuracy, images and the confusion matrix (rows: true class, columns: predicted "
                + "class)");
        ConfusionTable.lines(classes, r.perClassAccuracy(), images, counts).forEach(out::println);
    }
}
