package conv4j.vision.models;

import conv4j.nn.AdaptiveAvgPool2d;
import conv4j.nn.BatchNorm2d;
import conv4j.nn.Conv2d;
import conv4j.nn.Dropout;
import conv4j.nn.Flatten;
import conv4j.nn.Linear;
import conv4j.nn.LocalResponseNorm;
import conv4j.nn.MaxPool2d;
import conv4j.nn.ReLU;
import conv4j.nn.Sequential;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * VGG (Simonyan and Zisserman, 2014), the configurations of the paper's table 1 as lists: a number is a 3x3
 * convolution (padding 1, then ReLU) with that many filters, {@code M} a 2x2 max pooling with stride 2, {@code LRN}
 * local response normalisation, and {@link OneByOne} configuration C's 1x1 convolutions. Then torchvision's head:
 * adaptive 7x7 average pooling, FC-4096, FC-4096 (ReLU and dropout 0.5 after each) and FC-classes. The -bn variants
 * put batch norm between each convolution and its ReLU, as torchvision's vgg11_bn etc. State_dict names are
 * torchvision's: features.0.weight ... classifier.6.bias.
 */
public final class Vgg {
    /** A 2x2 max pooling with stride 2. */
    static final String M = "M";
    /** Local response normalisation, AlexNet's (configuration A-LRN). */
    static final String LRN = "LRN";

    /** A 1x1 convolution with this many filters (configuration C). */
    record OneByOne(int filters) {
    }

    /** The paper's table 1, column by column. */
    static final Map<String, List<Object>> CONFIGURATIONS = Map.of(
            "A", List.of(64, M, 128, M, 256, 256, M, 512, 512, M, 512, 512, M),
            "A-LRN", List.of(64, LRN, M, 128, M, 256, 256, M, 512, 512, M, 512, 512, M),
            "B", List.of(64, 64, M, 128, 128, M, 256, 256, M, 512, 512, M, 512, 512, M),
            "C", List.of(64, 64, M, 128, 128, M, 256, 256, new OneByOne(256), M, 512, 512, new OneByOne(512), M,
                    512, 512, new OneByOne(512), M),
            "D", List.of(64, 64, M, 128, 128, M, 256, 256, 256, M, 512, 512, 512, M, 512, 512, 512, M),
            "E", List.of(64, 64, M, 128, 128, M, 256, 256, 256, 256, M, 512, 512, 512, 512, M,
                    512, 512, 512, 512, M));

    /** The configurations in the order of the paper's table 1, left to right. */
    static final List<String> TABLE_1 = List.of("A", "A-LRN", "B", "C", "D", "E");

    private Vgg() {
    }

    /**
     * Configuration {@code config} stage by stage, each layer as the paper's table 1 writes it: {@code conv3-64} (a
     * convolution's receptive field and filters), {@code conv1-256}, {@code LRN}; the max pooling after each stage
     * is left out.
     */
    static List<List<String>> stages(String config) {
        List<List<String>> stages = new ArrayList<>();
        List<String> stage = new ArrayList<>();
        for (Object layer : configuration(config)) {
            if (layer.equals(M)) {
                stages.add(List.copyOf(stage));
                stage.clear();
            } else if (layer.equals(LRN)) {
                stage.add("LRN");
            } else {
                stage.add(layer instanceof OneByOne one ? "conv1-" + one.filters() : "conv3-" + layer);
            }
        }
        return stages;
    }

    private static List<Object> configuration(String config) {
        List<Object> layers = CONFIGURATIONS.get(config);
        if (layers == null) {
            throw new IllegalArgumentException("unknown VGG configuration '" + config + "'; known: " + TABLE_1);
        }
        return layers;
    }

    /** Configuration {@code config} (A, A-LRN, B, C, D or E), with batch norm or without. */
    public static Sequential create(String config, boolean batchNorm, int classes, Shape input, Rng rng) {
        List<Object> layers = configuration(config);
        Sequential features = new Sequential();
        int channels = input.dim(0);
        for (Object layer : layers) {
            if (layer.equals(M)) {
                features.add(new MaxPool2d(2, 2));
            } else if (layer.equals(LRN)) {
                features.add(LocalResponseNorm.alexNet());
            } else {
                int filters = layer instanceof OneByOne one ? one.filters() : (Integer) layer;
                int kernel = layer instanceof OneByOne ? 1 : 3;
                features.add(Conv2d.builder(channels, filters, kernel).padding(kernel / 2).build(rng));
                if (batchNorm) {
                    features.add(new BatchNorm2d(filters));
                }
                features.add(new ReLU());
                channels = filters;
            }
        }
        Sequential classifier = new Sequential(
                new Linear(channels * 7 * 7, 4096, rng),
                new ReLU(),
                new Dropout(0.5f, rng),
                new Linear(4096, 4096, rng),
                new ReLU(),
                new Dropout(0.5f, rng),
                new Linear(4096, classes, rng));
        return new Sequential()
                .add("features", features)                    // N x 512 x 7 x 7 for a 224 x 224 input
                .add("avgpool", new AdaptiveAvgPool2d(7, 7))
                .add("flatten", new Flatten())                // N x 25088
                .add("classifier", classifier);
    }
}
