package conv4j.io;

import conv4j.autograd.Variable;
import conv4j.kernels.Padding;
import conv4j.nn.AdaptiveAvgPool2d;
import conv4j.nn.AvgPool2d;
import conv4j.nn.BatchNorm2d;
import conv4j.nn.Conv2d;
import conv4j.nn.Dropout;
import conv4j.nn.Flatten;
import conv4j.nn.GlobalAvgPool2d;
import conv4j.nn.Init;
import conv4j.nn.LeakyReLU;
import conv4j.nn.Linear;
import conv4j.nn.LocalResponseNorm;
import conv4j.nn.MaxPool2d;
import conv4j.nn.Module;
import conv4j.nn.Param;
import conv4j.nn.ReLU;
import conv4j.nn.Sequential;
import conv4j.nn.Sigmoid;
import conv4j.nn.Softmax;
import conv4j.nn.Tanh;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.List;

/** Small models for model-file tests: one with every layer type of conv4j.nn, and a tiny one. */
final class TestModels {
    static final Shape INPUT = Shape.of(3, 12, 12);
    static final List<String> CLASSES = List.of("ant", "bee", "cat", "dog", "eel");

    private TestModels() {
    }

    /** Every layer type, non-default settings where a layer has any. */
    static Sequential everyLayer(Rng rng) {
        Sequential features = new Sequential(
                Conv2d.builder(3, 8, 3).paddingSame().build(rng),                 // 8 x 12 x 12
                new BatchNorm2d(8, 1e-3f, 0.2f),
                new ReLU(),
                new LocalResponseNorm(3, 1e-2, 0.7, 1.5),
                Conv2d.builder(8, 8, 3, 2).stride(2, 1).padding(new Padding(1, 0, 0, 1)).dilation(1, 2)
                        .groups(2).bias(false).build(rng),                        // 8 x 6 x 11
                new LeakyReLU(0.2f),
                new MaxPool2d(3, 2, 1, true),
                new AvgPool2d(2, 1, 1, false, false),
                new Tanh(),
                Conv2d.builder(8, 6, 1).init(Init.XAVIER_NORMAL).build(rng),
                new Sigmoid(),
                new AdaptiveAvgPool2d(2, 3));                                     // 6 x 2 x 3
        Sequential classifier = new Sequential(
                new Linear(6, 16, rng),
                new Dropout(0.3f, rng),
                new ReLU(),
                new Linear(16, 5, false, Init.XAVIER_UNIFORM, rng),
                new Softmax());
        return new Sequential()
                .add("features", features)
                .add("pool", new GlobalAvgPool2d())
                .add("flatten", new Flatten())
                .add("classifier", classifier);
    }

    /** Runs a few training-mode forward passes so BatchNorm's running statistics and count move off their start. */
    static void warmUp(Module model, Rng rng) {
        model.train();
        for (int i = 0; i < 3; i++) {
            model.forward(Variable.of(Tensor.randn(INPUT.withBatch(4), rng, 1.0)));
        }
        for (Param p : model.parameters()) { // biases start at zero: give every value a distinct, non-trivial one
            float[] d = p.value().data();
            for (int k = 0; k < d.length; k++) {
                d[k] += (float) (0.01 * rng.nextGaussian());
            }
        }
    }

    static ModelInfo info() {
        return new ModelInfo("every-layer", INPUT, List.of(0.5, 0.25, -0.125), List.of(0.2, 0.3, 0.4), CLASSES,
                java.util.Map.of("testAccuracy", "0.75"));
    }

    /** A small fully connected model: few bytes, for cutting a file at every offset. */
    static Sequential tiny(Rng rng) {
        return new Sequential(new Flatten(), new Linear(3, 2, rng), new ReLU());
    }

    static ModelInfo tinyInfo() {
        return ModelInfo.of("tiny", Shape.of(3, 1, 1), List.of());
    }
}
