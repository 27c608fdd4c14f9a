package conv4j.vision.models;

import conv4j.io.LoadOptions;
import conv4j.io.LoadedModel;
import conv4j.io.ModelFiles;
import conv4j.io.ModelInfo;
import conv4j.nn.Bottleneck;
import conv4j.nn.Module;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The model zoo: each network is a row of this table (name, description, input shape, classes, factory), and each
 * family's builder is itself table-driven. {@code Models.create("lenet5", rng)} builds a model with fresh weights.
 * Names without a suffix are torchvision's layouts, whose trained weights load by name, but for {@code googlenet}: the
 * paper's table 1 with torchvision's batch-norm unit (torchvision's own is {@code googlenet-torchvision}). The
 * papers' layouts where they differ are {@code alexnet-lrn}, {@code googlenet-2014} and {@code resnet50-v1} etc.
 */
public final class Models {
    private static final Shape IMAGENET = Shape.of(3, 224, 224);
    private static final int IMAGENET_CLASSES = 1000;
    private static final String[] VGG_CONFIGS = {"A", "B", "C", "D", "E"};
    /** torchvision's names of configurations A, B, D and E (it has no C). */
    private static final Map<String, String> VGG_TORCHVISION = Map.of("A", "vgg11", "B", "vgg13", "D", "vgg16",
            "E", "vgg19");
    private static final Map<String, String> PAPER_LAYOUT = paperLayouts();
    private static final ModelRegistry ZOO = new ModelRegistry(table());

    private Models() {
    }

    private static Map<String, ModelEntry> table() {
        Map<String, ModelEntry> t = new LinkedHashMap<>();
        t.put("lenet5", new ModelEntry("LeNet-5 for 28x28 digits (the lecture's; 61,706 parameters)",
                Shape.of(1, 28, 28), 10, (rng, classes, input) -> LeNet5.create(classes, input, rng),
                LeNet5.LECTURE_NAMES));
        t.put("alexnet", imagenet("AlexNet, torchvision's single tower (61,100,840 parameters)",
                (rng, classes, input) -> AlexNet.create(classes, input, rng)));
        t.put("alexnet-lrn", new ModelEntry("AlexNet as the paper: 96-256-384-384-256 filters in two groups, LRN, "
                + "227x227 input (60,965,224 parameters)", Shape.of(3, 227, 227), IMAGENET_CLASSES,
                (rng, classes, input) -> AlexNet.createPaper(classes, input, rng)));
        for (String config : VGG_CONFIGS) {
            String name = vggName(config);
            String same = VGG_TORCHVISION.containsKey(config) ? " (= " + VGG_TORCHVISION.get(config) + ")" : "";
            t.put(name, vgg("VGG configuration " + config + same, config, false));
            if (config.equals("A")) {
                t.put(vggName("A-LRN"), vgg("VGG configuration A-LRN: A with local response normalisation after the "
                        + "first convolution", "A-LRN", false));
            }
        }
        for (String config : VGG_CONFIGS) {
            String same = VGG_TORCHVISION.containsKey(config) ? " (= " + VGG_TORCHVISION.get(config) + "_bn)" : "";
            t.put("vgg-" + config.toLowerCase(Locale.ROOT) + "-bn", vgg("VGG configuration " + config
                    + " with batch norm after each convolution" + same, config, true));
        }
        VGG_TORCHVISION.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> {
            String vggName = "vgg-" + e.getKey().toLowerCase(Locale.ROOT);
            t.put(e.getValue(), vgg("= " + vggName + ", torchvision's name", e.getKey(), false));
            t.put(e.getValue() + "_bn", vgg("= " + vggName + "-bn, torchvision's name", e.getKey(), true));
        });
        t.put("googlenet", imagenet("GoogLeNet (Inception v1): the paper's table 1 (5x5 branches, 3x3/2 pooling "
                + "before 5a, 40% dropout) with torchvision's batch norm after each convolution, no LRN; no "
                + "auxiliary classifiers", (rng, classes, input) -> GoogLeNet.create(
                GoogLeNet.Variant.paperWithBatchNorm(false), classes, input, rng)));
        t.put("googlenet-aux", imagenet("googlenet (batch norm) with the two auxiliary classifiers for training "
                + "(loss + 0.3 aux)", (rng, classes, input) -> GoogLeNet.create(
                GoogLeNet.Variant.paperWithBatchNorm(true), classes, input, rng)));
        t.put("googlenet-2014", imagenet("GoogLeNet as published in 2014: the paper's table 1 with a bias and ReLU "
                + "per convolution, no batch norm, LRN after the first pooling and after conv2; no auxiliary "
                + "classifiers (6,998,552 parameters)", (rng, classes, input) -> GoogLeNet.create(
                GoogLeNet.Variant.published(), classes, input, rng)));
        t.put("googlenet-torchvision", imagenet("GoogLeNet as torchvision's trained one: batch norm, 3x3 in the "
                + "\"5x5\" branches, no auxiliary classifiers", (rng, classes, input) -> GoogLeNet.create(
                GoogLeNet.Variant.torchvision(false), classes, input, rng)));
        t.put("googlenet-torchvision-aux", imagenet("googlenet-torchvision with auxiliary classifiers, as "
                + "torchvision.models.googlenet() builds it untrained (batch norm)", (rng, classes, input) ->
                GoogLeNet.create(GoogLeNet.Variant.torchvision(true), classes, input, rng)));
        for (int depth : new int[] {18, 34, 50, 101, 152}) {
            boolean bottleneck = ResNet.depth(depth).block() == ResNet.Block.BOTTLENECK;
            t.put("resnet" + depth, imagenet("ResNet-" + depth + ", torchvision's layout" + (bottleneck
                    ? " (stride in the 3x3 of a bottleneck, \"v1.5\")" : " (the paper's)"),
                    (rng, classes, input) -> ResNet.create(depth, Bottleneck.StrideAt.CONV2, classes, input, rng)));
        }
        for (int depth : new int[] {50, 101, 152}) {
            t.put("resnet" + depth + "-v1", imagenet("ResNet-" + depth + " as the paper: stride in the first 1x1 of a "
                    + "bottleneck", (rng, classes, input) -> ResNet.create(depth, Bottleneck.StrideAt.CONV1, classes,
                    input, rng)));
        }
        return t;
    }

    /** The zoo's name of VGG configuration {@code config}: {@code vgg-a-lrn} for A-LRN. */
    static String vggName(String config) {
        return "vgg-" + config.toLowerCase(Locale.ROOT);
    }

    private static ModelEntry imagenet(String description, ModelEntry.Factory factory) {
        return new ModelEntry(description, IMAGENET, IMAGENET_CLASSES, factory);
    }

    private static ModelEntry vgg(String description, String config, boolean batchNorm) {
        return imagenet(description, (rng, classes, input) -> Vgg.create(config, batchNorm, classes, input, rng));
    }

    /** The zoo's name for the layout of the paper that introduced a network, where torchvision's differs. */
    private static Map<String, String> paperLayouts() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("alexnet", "alexnet-lrn");
        m.put("googlenet", "googlenet-2014");
        m.put("googlenet-torchvision", "googlenet-2014");
        m.put("googlenet-torchvision-aux", "googlenet-aux"); // the zoo has no published network with its aux
        for (int depth : new int[] {50, 101, 152}) {
            m.put("resnet" + depth, "resnet" + depth + "-v1");
        }
        return m;
    }

    /**
     * The name of the paper's layout of {@code name}: {@code resnet50} gives {@code resnet50-v1}, {@code alexnet}
     * gives {@code alexnet-lrn}; a model whose layout is the paper's already gives its own name.
     */
    public static String paperLayout(String name) {
        ZOO.entry(name); // an unknown name lists the known ones
        return PAPER_LAYOUT.getOrDefault(name, name);
    }

    public static ModelRegistry registry() {
        return ZOO;
    }

    /** Every model by name with its description, input shape and classes, in table order. */
    public static Map<String, ModelEntry> list() {
        return ZOO.entries();
    }

    public static Module create(String name, Rng rng) {
        return ZOO.create(name, rng);
    }

    public static Module create(String name, int classes, Rng rng) {
        return ZOO.create(name, classes, rng);
    }

    public static Module create(String name, int classes, Shape input, Rng rng) {
        return ZOO.create(name, classes, input, rng);
    }

    /**
     * A trained model from a file: a conv4j model file ({@code .safetensors}, from {@code conv4j train} or
     * {@code conv4j import}), or an ONNX file when conv4j-onnx is on the class path. An ONNX graph records no class
     * names or normalisation; what was assumed for them is the info's {@link ModelInfo#ASSUMED_FACT}, and
     * {@link #load(Path, LoadOptions)} says otherwise.
     */
    public static LoadedModel load(Path file) throws IOException {
        return ModelFiles.load(file);
    }

    /** {@link #load(Path)} with what the file does not say: an ONNX graph's input size, classes, normalisation. */
    public static LoadedModel load(Path file, LoadOptions options) throws IOException {
        return ModelFiles.load(file, options);
    }
}
