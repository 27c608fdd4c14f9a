package conv4j.onnx;

import conv4j.io.LoadOptions;
import conv4j.io.ModelInfo;
import conv4j.nn.Module;
import conv4j.tensor.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The {@link ModelInfo} of an ONNX graph. The graph gives the input's shape (where its height and width are numbers)
 * and, through the model, the number of scores; it records no class names, normalisation or picture preparation, so
 * those come from the user's {@link LoadOptions} or are assumed and said so ({@link ModelInfo#ASSUMED_FACT}): for a
 * 3 x 224 x 224 input with 1000 scores, ImageNet's mean and std and torchvision's resize to 256 and middle 224; for
 * 1 x 28 x 28, MNIST's mean and std; else none. Pictures are resized to the input, never prepared as a handwritten
 * digit unless asked ({@link LoadOptions.Preparation#DIGIT}): an ONNX file says nothing of how its pictures were made.
 */
final class OnnxModelInfo {
    private static final Shape IMAGENET = Shape.of(3, 224, 224);
    private static final int IMAGENET_CLASSES = 1000;
    /** torchvision's ImageNet evaluation: the shorter side to 256, then the middle 224 x 224. */
    private static final String IMAGENET_RESIZE = "256x256";
    private static final List<Double> IMAGENET_MEAN = List.of(0.485, 0.456, 0.406);
    private static final List<Double> IMAGENET_STD = List.of(0.229, 0.224, 0.225);
    private static final Shape MNIST = Shape.of(1, 28, 28);
    private static final List<Double> MNIST_MEAN = List.of(0.1307);
    private static final List<Double> MNIST_STD = List.of(0.3081);

    private OnnxModelInfo() {
    }

    static ModelInfo of(Path file, ModelProto proto, Module model, LoadOptions options) {
        GraphProto graph = OnnxGraphs.graph(proto);
        Shape sample = sampleShape(file, OnnxGraphs.dataInput(graph), options.inputShape());
        Shape out;
        try {
            out = model.outputShape(sample.withBatch(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": an input of " + sample + " does not fit the graph: "
                    + e.getMessage(), e);
        }
        int classes = out.sizeFrom(1);
        int channels = sample.dim(0);
        boolean imagenet = sample.equals(IMAGENET) && classes == IMAGENET_CLASSES;
        boolean mnist = sample.equals(MNIST);
        List<String> assumed = new ArrayList<>();

        List<String> names = options.classNames();
        if (names == null) {
            names = IntStream.range(0, classes).mapToObj(Integer::toString).toList();
            assumed.add("class names 0.." + (classes - 1));
        } else if (names.size() != classes) {
            throw new IllegalArgumentException(file + ": " + names.size() + " class names for a graph that gives "
                    + classes + " scores");
        }

        List<Double> mean = options.mean();
        List<Double> std = options.std();
        if (mean == null) {
            mean = imagenet ? IMAGENET_MEAN : mnist ? MNIST_MEAN : List.of();
            std = imagenet ? IMAGENET_STD : mnist ? MNIST_STD : List.of();
            assumed.add(imagenet ? "ImageNet's mean " + list(mean) + " and std " + list(std)
                    : mnist ? "MNIST's mean " + list(mean) + " and std " + list(std) : "no normalisation");
        } else if (mean.size() != channels || std.size() != channels) {
            throw new IllegalArgumentException(file + ": the mean and std need one value per channel (" + channels
                    + "), received " + mean.size() + " and " + std.size());
        }

        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("format", "onnx");
        facts.put("opset", Long.toString(OnnxGraphs.opset(proto)));
        if (!proto.producerName().isEmpty()) {
            facts.put("producer", proto.producerName());
        }
        switch (options.preparation()) {
            case DIGIT -> {
                if (!mnist) {
                    throw new IllegalArgumentException(file + ": pictures are prepared as handwritten digits only "
                            + "for a 1x28x28 input; this graph takes " + sample);
                }
            }
            case RESIZE -> facts.put(ModelInfo.RESIZE_FACT, sample.dim(1) + "x" + sample.dim(2));
            case DEFAULT -> {
                String resize = imagenet ? IMAGENET_RESIZE : sample.dim(1) + "x" + sample.dim(2);
                facts.put(ModelInfo.RESIZE_FACT, resize);
                assumed.add(imagenet ? "pictures resized to 256 on the shorter side and cut to 224x224 in the middle"
                        : "pictures resized to " + resize + (mnist ? " (not prepared as handwritten digits)" : ""));
            }
        }
        if (!assumed.isEmpty()) {
            facts.put(ModelInfo.ASSUMED_FACT, String.join("; ", assumed));
        }
        return new ModelInfo(stem(file), sample, mean, std, names, facts);
    }

    /**
     * C x H x W from the input's declared N x C x H x W, the batch free to be a symbol; {@code given} where the graph
     * leaves a dimension open, and checked against the ones it fixes.
     */
    static Shape sampleShape(Path file, ValueInfoProto input, Shape given) {
        TensorShapeProto declared = input.type() == null ? null : input.type().shape();
        if (declared == null) {
            if (given == null) {
                throw new IllegalArgumentException(file + ": the graph does not declare the shape of its input '"
                        + input.name() + "'; give it (--input CxHxW)");
            }
            return given;
        }
        List<TensorShapeProto.Dimension> dims = declared.dim();
        if (dims.size() != 4) {
            throw new IllegalArgumentException(file + ": the graph's input '" + input.name() + "' has rank "
                    + dims.size() + "; only N x C x H x W pictures are supported");
        }
        int[] fixed = new int[3];
        boolean open = false;
        for (int k = 0; k < 3; k++) {
            Long v = dims.get(k + 1).value();
            fixed[k] = v == null || v <= 0 ? -1 : Math.toIntExact(v);
            open |= fixed[k] < 0;
        }
        String declaredText = dims.stream().map(d -> d.value() != null ? d.value().toString()
                : d.param() != null ? d.param() : "?").collect(Collectors.joining("x"));
        if (given == null) {
            if (open) {
                throw new IllegalArgumentException(file + ": the graph's input '" + input.name() + "' is "
                        + declaredText + ", its size left open; give the size pictures are resized to "
                        + "(--input CxHxW)");
            }
            return Shape.of(fixed);
        }
        for (int k = 0; k < 3; k++) {
            if (fixed[k] >= 0 && fixed[k] != given.dim(k)) {
                throw new IllegalArgumentException(file + ": the graph fixes its input '" + input.name() + "' at "
                        + declaredText + "; --input " + given + " does not fit it");
            }
        }
        return given;
    }

    private static String stem(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String list(List<Double> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining(","));
    }
}
