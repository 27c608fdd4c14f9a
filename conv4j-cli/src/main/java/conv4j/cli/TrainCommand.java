package conv4j.cli;

import conv4j.io.Checkpoint;
import conv4j.io.CheckpointData;
import conv4j.io.ModelFile;
import conv4j.io.ModelInfo;
import conv4j.nn.Module;
import conv4j.optim.Optimizer;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.train.DataLoader;
import conv4j.train.Dataset;
import conv4j.train.EpochMetrics;
import conv4j.train.EvaluationResult;
import conv4j.train.MetricsLog;
import conv4j.train.Plural;
import conv4j.train.SampleTransform;
import conv4j.train.StepInfo;
import conv4j.train.StopReason;
import conv4j.train.Trainer;
import conv4j.train.TrainingListener;
import conv4j.train.TrainingResult;
import conv4j.train.TrainingState;
import conv4j.vision.data.MnistSplit;
import conv4j.vision.image.ModelInput;
import conv4j.vision.models.ModelEntry;
import conv4j.vision.training.TrainingPlan;
import conv4j.vision.transforms.Normalize;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "train",
        description = {
            "Train a model of the zoo on a dataset or on a folder of your pictures.",
            "A dataset is fetched first if needed; a folder of pictures has one sub-folder",
            "per class. Shows progress, evaluates on the held-out images after every epoch,",
            "saves a checkpoint after every epoch and on Ctrl-C (a second Ctrl-C quits at",
            "once), and writes the trained model as one .safetensors file for 'conv4j",
            "predict'. With no options: LeNet-5 on MNIST."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  conv4j train",
            "  conv4j train --dataset fashion-mnist --epochs 5",
            "  conv4j train --dataset ./my-photos --model resnet18 --input 3x64x64",
            "  conv4j train --epochs 3 --metrics metrics.jsonl --plot curves.png",
            "  conv4j train --resume lenet5-mnist.checkpoint.safetensors"})
final class TrainCommand implements Callable<Integer> {

    /** Settings a checkpoint keeps, so that --resume continues the same run. */
    private static final List<String> KEPT = List.of("model", "dataset", "batch-size", "optimizer", "lr", "momentum",
            "weight-decay", "augment", "seed", "epochs", "input", "val-split", "crop");
    /** Files a checkpoint keeps, as absolute paths, so that --resume writes where the run wrote from any folder. */
    private static final List<String> OUTPUTS = List.of("out", "metrics", "plot");
    private static final String CHECKPOINT_SUFFIX = ".checkpoint.safetensors";

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "lenet5",
            description = "A model of the zoo (default: ${DEFAULT-VALUE}); 'conv4j models' lists them.")
    String model;

    @Option(names = "--dataset", paramLabel = "NAME|DIR", defaultValue = "mnist",
            description = "mnist, fashion-mnist, a folder with the four MNIST-style IDX files, or an image folder: "
                    + "one sub-folder of PNG/JPEG/BMP/GIF pictures per class, or train/ and val/ folders of them "
                    + "(default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--input", paramLabel = "CxHxW", converter = SampleShapeConverter.class,
            description = "The model's input; an image folder's pictures are resized and cropped to it, in grey "
                    + "(1) or RGB (3) (default: the model's input in the zoo).")
    Shape input;

    @Option(names = "--val-split", paramLabel = "SHARE",
            description = "The share of an image folder held out for validation, class by class, chosen with "
                    + "--seed (default: 0.1; a folder with its own val/ or test/ folder uses that instead).")
    Double valSplit;

    @Option(names = "--crop", paramLabel = "random|resized", defaultValue = "random",
            description = "With --augment on an image folder: random crops of the input's size from the resized "
                    + "picture (the lecture's, default) or random resized crops (torchvision's ResNet recipe).")
    String crop;

    @Option(names = "--mean", paramLabel = "M[,M,M]", split = ",",
            description = "Per-channel mean to subtract from inputs (default: measured on the training images).")
    List<Double> mean;

    @Option(names = "--std", paramLabel = "S[,S,S]", split = ",",
            description = "Per-channel std to divide inputs by (default: measured with the mean).")
    List<Double> std;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The dataset cache (default: $CONV4J_DATA, else ~/.conv4j/data).")
    Path dataDir;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10",
            description = "Epochs in all, counting those of a resumed run (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
            description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--optimizer", paramLabel = "sgd|adam", defaultValue = "sgd",
            description = "SGD with momentum or Adam (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE",
            description = "Initial learning rate, annealed to 0 on a cosine over the run "
                    + "(default: 0.02 for sgd, 0.002 for adam).")
    Double lr;

    @Option(names = "--momentum", paramLabel = "M", defaultValue = "0.9",
            description = "SGD momentum (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--weight-decay", paramLabel = "WD", defaultValue = "0",
            description = "L2 penalty on weights, not biases (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--augment", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Random shifts (up to 2 pixels) and rotations (up to 10 degrees) of the training images; "
                    + "on an image folder, random crops (see --crop) and mirror images (default: on; --no-augment "
                    + "trains on the images as they are).")
    boolean augment;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the weights, the data order and the augmentation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where the trained model goes (default: <model>-<dataset>.safetensors).")
    Path out;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Where checkpoints go (default: the --out name ending in .checkpoint.safetensors).")
    Path checkpoint;

    @Option(names = "--resume", paramLabel = "CHECKPOINT",
            description = "Continue the run a checkpoint saved, with its settings: the model, metrics and plot go "
                    + "where that run wrote them and checkpoints into CHECKPOINT; with --out, into new files.")
    Path resume;

    @Option(names = "--metrics", paramLabel = "FILE",
            description = "Append one JSON line per epoch to this file (metrics.jsonl).")
    Path metrics;

    @Option(names = "--plot", paramLabel = "FILE",
            description = "At the end, draw the loss and accuracy per epoch into this PNG (as 'conv4j plot').")
    Path plot;

    @Option(names = "--max-steps", paramLabel = "N",
            description = "Stop after this many optimizer steps in all, saving a checkpoint.")
    Long maxSteps;

    @Option(names = "--json", description = "Print one JSON object with the result.")
    boolean json;

    /**
     * The --json form. {@code validationData}: what the test figures were measured on, "test" (a test set such as
     * MNIST's) or "validation" (images held out of an image folder, or its val/ folder).
     */
    record Report(String model, String dataset, String stopReason, String message, long steps, double seconds,
                  Double testAccuracy, Double testLoss, String validationData, String modelFile,
                  String checkpointFile, List<Epoch> epochs) {
    }

    record Epoch(int epoch, double trainLoss, double trainAccuracy, Double testLoss, Double testAccuracy,
                 double learningRate, double imagesPerSecond, double seconds) {
        static Epoch of(EpochMetrics m) {
            return new Epoch(m.epoch() + 1, m.trainLoss(), m.trainAccuracy(), finite(m.validationLoss()),
                    finite(m.validationAccuracy()), m.learningRate(), m.imagesPerSecond(), m.seconds());
        }
    }

    /** Held from the output checks to the end of the run. */
    private OutputLock outputLock;
    /** What the run validates on, once the data is read: "test" or "validation". */
    private String validationData;

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    @Override
    public Integer call() throws IOException {
        try {
            return train();
        } finally {
            if (outputLock != null) {
                outputLock.close();
            }
        }
    }

    private Integer train() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        CheckpointData resumed = resume == null ? null : loadResume();
        checkOptions();
        String optimizerName = optimizer.toLowerCase(Locale.ROOT);
        double learningRate = lr != null ? lr : optimizerName.equals("adam") ? 0.002 : 0.02;

        ModelEntry entry = entry();
        TrainingData data = DatasetKind.of(spec, dataset) == DatasetKind.IMAGE_FOLDER ? folderData(entry, resumed)
                : idxData();
        Dataset train = data.train();
        validationData = data.heldOutName();
        Shape sample = data.input();
        // A model that does not fit the data fails here, naming the layer.
        Module network = resumed != null ? resumed.model()
                : main.registry().create(model, train.classes(), sample, new Rng(seed));
        network.outputShape(sample.withBatch(1));
        if (!sample.equals(entry.inputShape())) {
            err.println("conv4j: note: " + model + " was designed for " + entry.inputShape() + " inputs; this data is "
                    + sample);
        }

        Path modelFile = out != null ? out : Path.of(model + "-" + baseName(data.name()) + ".safetensors");
        Path checkpointFile = checkpoint != null ? checkpoint : Path.of(stripSuffix(modelFile.toString())
                + CHECKPOINT_SUFFIX);
        OutputFiles.requireFolder(modelFile, "--out");
        OutputFiles.requireFolder(checkpointFile, "--checkpoint");
        outputLock = OutputLock.acquire(modelFile, "--out");
        if (plot != null) {
            OutputFiles.requireFolder(plot, "--plot");
        }

        TrainingPlan plan = new TrainingPlan(model, epochs, batchSize, optimizerName, learningRate, momentum,
                weightDecay, augment, seed);
        DataLoader trainLoader = new DataLoader(train, batchSize, true, false, data.trainTransform(), seed);
        DataLoader testLoader = DataLoader.inOrder(data.heldOut(), data.evaluationBatch(), data.evalTransform());

        Optimizer opt = plan.optimizer(network);
        if (resumed != null) {
            opt.loadState(network.namedParameters(), resumed.optimizer());
        }
        ModelInfo info = new ModelInfo(model, sample, data.mean(), data.std(), train.classNames(), data.facts());
        Map<String, String> settings = settings(learningRate, modelFile);

        Trainer.Builder builder = plan.trainer(network, opt, trainLoader)
                .listener(new TrainingProgress(err, main.terminal(), data.heldOutName()))
                .listener(new BatchNormHint(err, model, data.heldOutName()));
        if (metrics != null) {
            OutputFiles.requireFolder(metrics, "--metrics");
            builder.listener(new MetricsLog(metrics, 0, data.heldOutName()));
        }
        CheckpointSaver saver = new CheckpointSaver(checkpointFile, info, settings);
        builder.listener(saver);
        if (maxSteps != null) {
            builder.listener(new TrainingListener() {
                @Override
                public void onBatchEnd(Trainer t, StepInfo s) {
                    if (s.step() >= maxSteps) {
                        t.requestStop(StopReason.REQUESTED, "stopped after " + Plural.of(maxSteps, "step")
                                + " (--max-steps)");
                    }
                }
            });
        }
        Trainer trainer = builder.build();

        if (resumed != null) {
            err.println("resuming " + resume + " at epoch " + (resumed.training().epoch() + 1) + ", step "
                    + resumed.training().step() + ": the model goes to " + modelFile + ", checkpoints to "
                    + checkpointFile + (metrics != null ? ", metrics to " + metrics : "")
                    + (plot != null ? ", the plot to " + plot : ""));
        }
        err.println("training " + model + " (" + Plural.of(network.parameterCount(), "parameter") + ") on "
                + data.name() + ": " + Plural.of(train.size(), "training image") + ", "
                + Plural.of(data.heldOut().size(), data.heldOutName() + " image") + ", " + Plural.of(epochs, "epoch")
                + " of " + Plural.of(trainLoader.batchesPerEpoch(), "batch") + " of " + batchSize + ", "
                + optimizerName + " lr " + learningRate + ", " + Plural.of(conv4j.kernels.Parallel.threads(),
                "thread"));
        err.flush();

        TrainingResult result;
        try (Interrupts interrupts = new Interrupts(() -> trainer.requestStop(StopReason.REQUESTED,
                "interrupted by Ctrl-C"))) {
            result = resumed != null ? trainer.fit(trainLoader, testLoader, epochs, resumed.training())
                    : trainer.fit(trainLoader, testLoader, epochs);
            if (interrupts.interrupted()) {
                saver.save(trainer);
                err.println("conv4j: interrupted: checkpoint saved to " + checkpointFile + "; continue with "
                        + "'conv4j train --resume " + checkpointFile + "'");
                printJson(result, null, null, checkpointFile);
                return Interrupts.EXIT_CODE;
            }
        }
        if (plot != null) {
            TrainingPlot.afterTraining(plot, metrics, result, data.heldOutName(), err);
        }
        if (result.reason() == StopReason.DIVERGED) {
            err.println("conv4j: training diverged at " + result.divergence().message()
                    + (saver.saved() ? "; the last good checkpoint is " + checkpointFile : ""));
            printJson(result, null, null, saver.saved() ? checkpointFile : null);
            return Main.FAILED;
        }
        saver.save(trainer);

        EpochMetrics last = result.lastEpoch();
        EvaluationResult evaluation = last != null && last.step() == result.finalState().step()
                && last.validation() != null ? last.validation() : trainer.evaluate(testLoader);
        ModelInfo trained = info
                .withFact(data.heldOutName() + "Accuracy", String.format(Locale.ROOT, "%.4f", evaluation.accuracy()))
                .withFact("epochs", Integer.toString(result.finalState().epoch()))
                .withFact("steps", Long.toString(result.finalState().step()));
        ModelFile.save(modelFile, network, trained);

        err.println(String.format(Locale.ROOT, "%s accuracy %.2f%% (%,d of %,d), loss %.4f, %s in %.1f s",
                data.heldOutName(), 100 * evaluation.accuracy(), Math.round(evaluation.accuracy() * evaluation.samples()),
                evaluation.samples(), evaluation.loss(), result.message(), result.seconds()));
        err.println("model saved to " + modelFile + "; try 'conv4j predict " + modelFile + " " + data.pictureHint()
                + "'");
        err.flush();
        printJson(result, evaluation, modelFile, checkpointFile);
        return Main.OK;
    }

    /** MNIST, Fashion-MNIST or an IDX folder: the images as they are, normalised, shifted and turned with --augment. */
    private TrainingData idxData() {
        DatasetChoice choice = DatasetChoice.resolve(spec, dataset, dataDir, main.terminal());
        Dataset train = choice.load(MnistSplit.TRAIN);
        Dataset test = choice.load(MnistSplit.TEST);
        Shape sample = train.sampleShape();
        if (input != null && !input.equals(sample)) {
            throw new ParameterException(spec.commandLine(), "--input " + input + ": " + choice.name() + " has "
                    + sample + " images; --input resizes only the pictures of an image folder");
        }
        if (mean != null && mean.size() != sample.dim(0)) {
            throw new ParameterException(spec.commandLine(), "--mean and --std need one value per channel ("
                    + sample.dim(0) + "), received " + mean.size());
        }
        List<Double> m;
        List<Double> s;
        if (mean != null) {
            m = mean;
            s = std;
        } else {
            choice = choice.withStatistics(train);
            m = List.of(choice.mean());
            s = List.of(choice.std());
        }
        Normalize normalize = new Normalize(floats(m), floats(s));
        SampleTransform trainTransform = TrainingPlan.digitTransform(augment, normalize);
        String preparation = ModelInput.preparationFor(choice.name(), sample);
        return new TrainingData(choice.name(), train, test, "test", trainTransform, normalize, sample, m, s,
                Map.of("dataset", choice.name(), ModelInput.PREPARATION_FACT, preparation),
                preparation.equals(ModelInput.DIGIT_PREPARATION) ? "<digit.png>" : "<picture.png>");
    }

    /** An image folder, resized and cropped to --input (default: the model's), normalised by its own statistics. */
    private TrainingData folderData(ModelEntry entry, CheckpointData resumed) {
        Shape shape = input != null ? input : entry.inputShape();
        if (shape.dim(0) != 1 && shape.dim(0) != 3) {
            throw new ParameterException(spec.commandLine(), "--input " + shape + ": pictures give 1 (grey) or 3 "
                    + "(RGB) channels" + (input == null ? " (" + model + " takes " + shape + ")" : ""));
        }
        List<Double> m = mean;
        List<Double> s = std;
        if (m == null && resumed != null && !resumed.info().mean().isEmpty()) {
            // the statistics the run started with, even if pictures were added since
            m = resumed.info().mean();
            s = resumed.info().std();
        }
        if (m != null && m.size() == 1 && shape.dim(0) == 3) {
            m = List.of(m.get(0), m.get(0), m.get(0));
            s = List.of(s.get(0), s.get(0), s.get(0));
        }
        if (m != null && m.size() != shape.dim(0)) {
            throw new ParameterException(spec.commandLine(), "--mean and --std need one value, or one per channel ("
                    + shape.dim(0) + "), received " + m.size());
        }
        return ImageFolderData.forTraining(spec, new ImageFolderData.Request(Path.of(dataset), shape, valSplit, seed,
                augment, crop.toLowerCase(Locale.ROOT), m, s), spec.commandLine().getErr(), main.terminal());
    }

    private static float[] floats(List<Double> values) {
        float[] f = new float[values.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = values.get(i).floatValue();
        }
        return f;
    }

    private void printJson(TrainingResult result, EvaluationResult evaluation, Path modelFile, Path checkpointFile) {
        if (!json) {
            return;
        }
        List<Epoch> history = new ArrayList<>();
        result.history().forEach(m -> history.add(Epoch.of(m)));
        PrintWriter o = spec.commandLine().getOut();
        o.println(Json.write(new Report(model, dataset, result.reason().name().toLowerCase(Locale.ROOT),
                result.message(), result.finalState().step(), result.seconds(),
                evaluation == null ? null : evaluation.accuracy(), evaluation == null ? null : evaluation.loss(),
                validationData, modelFile == null ? null : modelFile.toString(),
                checkpointFile == null ? null : checkpointFile.toString(), history)));
        o.flush();
    }

    /** Saves checkpoints at the end of every epoch, and at the end of the run when asked. */
    private final class CheckpointSaver implements TrainingListener {
        private final Path file;
        private final ModelInfo info;
        private final Map<String, String> settings;
        private boolean saved;

        CheckpointSaver(Path file, ModelInfo info, Map<String, String> settings) {
            this.file = file;
            this.info = info;
            this.settings = settings;
        }

        @Override
        public void onEpochEnd(Trainer trainer, EpochMetrics metrics) {
            save(trainer);
        }

        void save(Trainer trainer) {
            TrainingState state = trainer.currentState();
            try {
                Checkpoint.save(file, new CheckpointData(trainer.model(), info,
                        trainer.optimizer().state(trainer.model().namedParameters()), state, settings));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot save the checkpoint: " + e.getMessage(), e);
            }
            saved = true;
        }

        boolean saved() {
            return saved;
        }
    }

    private CheckpointData loadResume() {
        CheckpointData data;
        try {
            data = Checkpoint.load(resume);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        // The checkpoint's settings continue the run; an option given now must agree with them.
        Map<String, String> kept = data.settings();
        List<String> conflicts = new ArrayList<>();
        for (String name : KEPT) {
            String saved = kept.get(name);
            if (saved == null) {
                continue;
            }
            String option = "--" + name;
            boolean given = spec.commandLine().getParseResult().hasMatchedOption(option);
            if (given && !name.equals("epochs") && !saved.equals(current(name))) {
                conflicts.add(option + " " + current(name) + " (the checkpoint has " + saved + ")");
            }
            if (!given) {
                apply(name, saved);
            }
        }
        if (!conflicts.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--resume " + resume + ": options differ from the "
                    + "checkpoint's run: " + String.join(", ", conflicts));
        }
        keepOutputs(kept);
        return data;
    }

    /**
     * Without --out the resumed run writes where the first one did: its --out, --metrics and --plot, and checkpoints
     * into the file resumed. A checkpoint that records no --out (written before it did) names the model after itself,
     * as the first run named the checkpoint after the model: {@code X.checkpoint.safetensors} goes with
     * {@code X.safetensors}. With --out the run branches off into new files, keeping none of the first run's.
     */
    private void keepOutputs(Map<String, String> kept) {
        if (out != null) {
            return;
        }
        String saved = kept.getOrDefault("out", "");
        String name = resume.getFileName() == null ? "" : resume.getFileName().toString();
        if (!saved.isEmpty()) {
            out = Path.of(saved);
        } else if (name.endsWith(CHECKPOINT_SUFFIX) && name.length() > CHECKPOINT_SUFFIX.length()) {
            out = resume.resolveSibling(name.substring(0, name.length() - CHECKPOINT_SUFFIX.length())
                    + ".safetensors");
        }
        if (checkpoint == null) {
            checkpoint = resume;
        }
        if (metrics == null && !kept.getOrDefault("metrics", "").isEmpty()) {
            metrics = Path.of(kept.get("metrics"));
        }
        if (plot == null && !kept.getOrDefault("plot", "").isEmpty()) {
            plot = Path.of(kept.get("plot"));
        }
    }

    private Map<String, String> settings(double learningRate, Path modelFile) {
        Map<String, String> s = new LinkedHashMap<>();
        for (String name : KEPT) {
            s.put(name, name.equals("lr") ? Double.toString(learningRate) : current(name));
        }
        for (String name : OUTPUTS) {
            Path file = switch (name) {
                case "out" -> modelFile;
                case "metrics" -> metrics;
                case "plot" -> plot;
                default -> throw new IllegalStateException(name);
            };
            s.put(name, file == null ? "" : file.toAbsolutePath().normalize().toString());
        }
        return s;
    }

    private String current(String name) {
        return switch (name) {
            case "model" -> model;
            case "dataset" -> dataset;
            case "batch-size" -> Integer.toString(batchSize);
            case "optimizer" -> optimizer;
            case "lr" -> lr == null ? "" : Double.toString(lr);
            case "momentum" -> Double.toString(momentum);
            case "weight-decay" -> Double.toString(weightDecay);
            case "augment" -> Boolean.toString(augment);
            case "seed" -> Long.toString(seed);
            case "epochs" -> Integer.toString(epochs);
            case "input" -> input == null ? "" : input.toString();
            case "val-split" -> valSplit == null ? "" : Double.toString(valSplit);
            case "crop" -> crop;
            default -> throw new IllegalStateException(name);
        };
    }

    private void apply(String name, String value) {
        try {
            switch (name) {
                case "model" -> model = value;
                case "dataset" -> dataset = value;
                case "batch-size" -> batchSize = Integer.parseInt(value);
                case "optimizer" -> optimizer = value;
                case "lr" -> lr = Double.parseDouble(value);
                case "momentum" -> momentum = Double.parseDouble(value);
                case "weight-decay" -> weightDecay = Double.parseDouble(value);
                case "augment" -> augment = Boolean.parseBoolean(value);
                case "seed" -> seed = Long.parseLong(value);
                case "epochs" -> epochs = Integer.parseInt(value);
                case "input" -> input = value.isEmpty() ? null : Shape.parse(value);
                case "val-split" -> valSplit = value.isEmpty() ? null : Double.parseDouble(value);
                case "crop" -> crop = value;
                default -> throw new IllegalStateException(name);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(resume + ": setting '" + name + "' is not a number: '" + value + "'");
        }
    }

    private void checkOptions() {
        List<String> bad = new ArrayList<>();
        if (epochs < 1) {
            bad.add("--epochs must be at least 1, received " + epochs);
        }
        if (batchSize < 1) {
            bad.add("--batch-size must be at least 1, received " + batchSize);
        }
        if (lr != null && !(lr > 0 && Double.isFinite(lr))) {
            bad.add("--lr must be a positive number, received " + lr);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            bad.add("--momentum must be in [0, 1), received " + momentum);
        }
        if (!(weightDecay >= 0 && Double.isFinite(weightDecay))) {
            bad.add("--weight-decay must be >= 0, received " + weightDecay);
        }
        String o = optimizer.toLowerCase(Locale.ROOT);
        if (!o.equals("sgd") && !o.equals("adam")) {
            bad.add("--optimizer must be sgd or adam, received '" + optimizer + "'");
        }
        if (maxSteps != null && maxSteps < 1) {
            bad.add("--max-steps must be at least 1, received " + maxSteps);
        }
        if (valSplit != null && !(valSplit > 0 && valSplit < 1)) {
            bad.add("--val-split must be between 0 and 1, received " + valSplit);
        }
        String c = crop.toLowerCase(Locale.ROOT);
        if (!c.equals("random") && !c.equals("resized")) {
            bad.add("--crop must be random or resized, received '" + crop + "'");
        }
        if ((mean == null) != (std == null)) {
            bad.add("--mean and --std go together");
        } else if (mean != null) {
            if (mean.size() != std.size()) {
                bad.add("--mean has " + mean.size() + " values and --std " + std.size());
            }
            if (mean.stream().anyMatch(v -> !Double.isFinite(v))) {
                bad.add("--mean must be finite numbers, received " + mean);
            }
            if (std.stream().anyMatch(v -> !(v > 0 && Double.isFinite(v)))) {
                bad.add("--std must be positive numbers, received " + std);
            }
        }
        if (!bad.isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join("; ", bad));
        }
    }

    private ModelEntry entry() {
        try {
            return main.registry().entry(model);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }


    private static String baseName(String dataset) {
        Path p = Path.of(dataset).getFileName();
        return p == null ? "data" : p.toString();
    }

    private static String stripSuffix(String name) {
        return name.endsWith(".safetensors") ? name.substring(0, name.length() - ".safetensors".length()) : name;
    }
}
