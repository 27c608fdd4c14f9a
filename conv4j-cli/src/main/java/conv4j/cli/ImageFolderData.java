package conv4j.cli;

import conv4j.io.ModelInfo;
import conv4j.tensor.Shape;
import conv4j.train.Dataset;
import conv4j.train.Plural;
import conv4j.train.SampleTransform;
import conv4j.vision.data.ChannelStatistics;
import conv4j.vision.data.FolderLayout;
import conv4j.vision.data.ImageFolder;
import conv4j.vision.data.StratifiedSplit;
import conv4j.vision.data.Subset;
import conv4j.vision.transforms.ClassificationPreset;
import conv4j.vision.transforms.Normalize;
import java.io.PrintWriter;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * A user's image folder as training or evaluation data. Pictures are resized once as the model's
 * {@link ClassificationPreset} says (kept in memory by the {@link ImageFolder}), then cropped to the input each time:
 * in the middle for evaluation, at random with a mirror image for training with {@code --augment}. The held-out
 * images are the folder's own {@code val/} (or {@code test/}) folder when it has one, else a seeded stratified share
 * of the folder; the model file records which, with the resize, so that eval measures the same images later.
 */
final class ImageFolderData {
    static final double DEFAULT_VAL_SPLIT = 0.1;
    /** Pictures measured for the mean and std: enough for three decimals, cheap next to an epoch. */
    static final int STATISTICS_SAMPLES = 2000;

    static final String VAL_SPLIT = "valSplit";
    static final String SPLIT_SEED = "splitSeed";

    private ImageFolderData() {
    }

    /** What training asks of the folder. {@code valSplit}, {@code mean} and {@code std} are null when not given. */
    record Request(Path root, Shape input, Double valSplit, long seed, boolean augment, String crop,
                   List<Double> mean, List<Double> std) {
    }

    static TrainingData forTraining(CommandSpec command, Request r, PrintWriter err, boolean terminal) {
        int channels = r.input().dim(0);
        ClassificationPreset preset = ClassificationPreset.of(r.input());
        FolderLayout layout = FolderLayout.of(r.root());
        Dataset train;
        Dataset heldOut;
        String heldOutName;
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("dataset", r.root().toString());
        facts.put(ClassificationPreset.RESIZE_FACT, preset.resizeFact());
        if (layout.presplit()) {
            if (r.valSplit() != null) {
                throw new ParameterException(command.commandLine(), "--val-split " + r.valSplit() + ": " + r.root()
                        + " has its own " + layout.train().getFileName() + "/ and " + layout.heldOut().getFileName()
                        + "/ folders, which are used as they are");
            }
            ImageFolder trainFolder = read(layout.train(), channels, preset, null, err, terminal);
            train = trainFolder;
            heldOut = read(layout.heldOut(), channels, preset, trainFolder.classNames(), err, terminal);
            heldOutName = layout.heldOut().equals(layout.test()) ? "test" : "validation";
        } else {
            double share = r.valSplit() != null ? r.valSplit() : DEFAULT_VAL_SPLIT;
            ImageFolder all = read(r.root(), channels, preset, null, err, terminal);
            StratifiedSplit split = StratifiedSplit.of(all, share, r.seed());
            train = new Subset(all, split.train());
            heldOut = new Subset(all, split.validation());
            heldOutName = "validation";
            facts.put(VAL_SPLIT, Double.toString(share));
            facts.put(SPLIT_SEED, Long.toString(r.seed()));
        }

        List<Double> mean = r.mean();
        List<Double> std = r.std();
        if (mean == null) {
            ChannelStatistics s = ChannelStatistics.of(train, STATISTICS_SAMPLES);
            mean = Arrays.stream(s.mean()).boxed().toList();
            std = Arrays.stream(s.std()).boxed().toList();
            err.println(String.format(Locale.ROOT, "normalising by mean %s and std %s, measured on %s",
                    rounded(mean), rounded(std), Plural.of(s.samples(), "training image")));
        }
        Normalize normalize = new Normalize(floats(mean), floats(std));
        SampleTransform evaluation = preset.evaluation().andThen(normalize);
        SampleTransform training = !r.augment() ? evaluation
                : (r.crop().equals("resized") ? preset.randomResizedCrop() : preset.randomCrop()).andThen(normalize);
        String cut = !r.augment() ? "in the middle"
                : (r.crop().equals("resized") ? "random resized crops" : "random crops") + " with mirror images for "
                        + "training, the middle for " + heldOutName;
        err.println(String.format(Locale.ROOT, "%s: %s (%s); pictures resized to %dx%d and cut to %s: %s",
                r.root(), Plural.of(train.classes(), "class"), abbreviated(train.classNames()), preset.resizeHeight(),
                preset.resizeWidth(), r.input(), cut));
        err.flush();
        return new TrainingData(r.root().toString(), train, heldOut, heldOutName, training, evaluation, r.input(),
                mean, std, facts, "<image>");
    }

    /**
     * The images of the folder that eval measures, the crop that takes them to the model's input, and what they are:
     * {@code split} "test" (a test/ folder), "validation" (val/, or the share held out in training), "train" or
     * "all".
     */
    record Evaluation(Dataset set, SampleTransform crop, String described, String split) {
    }

    /**
     * {@code split}: "test" (the folder's test/ or val/, else the share held out in training, as the model file
     * records it), "train" (the rest) or "all" (every image of a folder of class folders).
     */
    static Evaluation forEvaluation(CommandSpec command, Path root, ModelInfo info, String split, PrintWriter err,
                                    boolean terminal) {
        Shape input = info.inputShape();
        int channels = input.dim(0);
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("the model takes " + channels + "-channel inputs; an image folder "
                    + "gives 1 (grey) or 3 (RGB)");
        }
        ClassificationPreset preset = ClassificationPreset.of(info);
        FolderLayout layout = FolderLayout.of(root);
        List<String> classes = info.classNames();
        if (layout.presplit()) {
            Path folder = switch (split) {
                case "test" -> layout.testOrValidation();
                case "train" -> layout.train();
                default -> throw new ParameterException(command.commandLine(), "--split all reads a folder of class "
                        + "folders; " + root + " is split into folders: use --split train or test");
            };
            String name = split.equals("train") ? "train" : folder.equals(layout.test()) ? "test" : "validation";
            return new Evaluation(read(folder, channels, preset, classes, err, terminal), preset.evaluation(),
                    folder.toString(), name);
        }
        ImageFolder all = read(root, channels, preset, classes, err, terminal);
        if (split.equals("all")) {
            return new Evaluation(all, preset.evaluation(), root.toString(), "all");
        }
        double share = parse(info, VAL_SPLIT, DEFAULT_VAL_SPLIT);
        long seed = (long) parse(info, SPLIT_SEED, 1);
        StratifiedSplit s = StratifiedSplit.of(all, share, seed);
        Dataset part = new Subset(all, split.equals("test") ? s.validation() : s.train());
        String percent = new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(100 * share);
        String heldOut = "the " + percent + "% held out with seed " + seed;
        return new Evaluation(part, preset.evaluation(), root + ", " + (split.equals("test") ? heldOut
                : "without " + heldOut), split.equals("test") ? "validation" : "train");
    }


    private static ImageFolder read(Path folder, int channels, ClassificationPreset preset, List<String> classes,
                                    PrintWriter err, boolean terminal) {
        FolderProgress progress = new FolderProgress(err, terminal, folder.toString());
        ImageFolder.Builder b = ImageFolder.builder(folder).channels(channels).transform(preset.resize())
                .listener(progress);
        if (classes != null) {
            b.classes(classes);
        }
        long start = System.nanoTime();
        ImageFolder folderData;
        try {
            folderData = b.build();
        } finally {
            progress.finish();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int skipped = folderData.skipped().size();
        err.println(String.format(Locale.ROOT, "%s: read %s in %.1f s (%,.0f a second)%s, kept %,d in memory",
                folder, Plural.of(folderData.size() + skipped, "picture"), seconds,
                (folderData.size() + skipped) / Math.max(seconds, 1e-9),
                skipped == 0 ? "" : String.format(Locale.ROOT, ", %,d unreadable skipped", skipped),
                folderData.keptInMemory()));
        err.flush();
        return folderData;
    }

    private static double parse(ModelInfo info, String fact, double otherwise) {
        String v = info.facts().get(fact);
        if (v == null) {
            return otherwise;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the model file's '" + fact + "' is '" + v + "', not a number", e);
        }
    }

    private static float[] floats(List<Double> values) {
        float[] f = new float[values.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = values.get(i).floatValue();
        }
        return f;
    }

    private static String rounded(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).toList().toString();
    }

    private static String abbreviated(List<String> names) {
        return names.size() <= 6 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 5)) + ", ... " + names.get(names.size() - 1);
    }
}
