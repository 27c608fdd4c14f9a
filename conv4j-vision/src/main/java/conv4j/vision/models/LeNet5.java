package conv4j.vision.models;

import conv4j.nn.Conv2d;
import conv4j.nn.Flatten;
import conv4j.nn.Linear;
import conv4j.nn.MaxPool2d;
import conv4j.nn.ReLU;
import conv4j.nn.Sequential;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LeNet-5 as the lecture draws it, for 28 x 28 MNIST digits: C1 6@5x5 (padding 2 keeps 28x28), S2 2x2 pooling to
 * 14x14, C3 16@5x5 to 10x10 with every C1 map connected, S4 to 5x5, C5 120@5x5 to 1x1, F6 84, and the output layer.
 * 61,706 learned parameters for 10 classes. It uses the lecture's modern choices, ReLU and max pooling, in place of
 * the original's scaled tanh and trainable subsampling.
 */
public final class LeNet5 {
    /**
     * The lecture's names of the layers, by state_dict path: the seven layers of the lecture's LeNet-5 (its ReLUs and
     * the flattening are none of them).
     */
    public static final Map<String, String> LECTURE_NAMES = lectureNames();

    private LeNet5() {
    }

    private static Map<String, String> lectureNames() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("features.0", "C1");
        names.put("features.2", "S2");
        names.put("features.3", "C3");
        names.put("features.5", "S4");
        names.put("features.6", "C5");
        names.put("classifier.0", "F6");
        names.put("classifier.2", "output");
        return Collections.unmodifiableMap(names);
    }

    public static Sequential create(int classes, Rng rng) {
        return create(classes, Shape.of(1, 28, 28), rng);
    }

    /**
     * LeNet-5 for other inputs: C1 takes the input's channels, and F6 takes every value C5 puts out (120 for 28 x 28;
     * 120 x 2 x 2 for 32 x 32).
     */
    public static Sequential create(int classes, Shape input, Rng rng) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException("LeNet-5 takes C x H x W inputs, received " + input);
        }
        Sequential features = new Sequential(
                Conv2d.builder(input.dim(0), 6, 5).padding(2).build(rng), // C1: N x 6 x 28 x 28
                new ReLU(),
                new MaxPool2d(2),                               // S2: N x 6 x 14 x 14
                new Conv2d(6, 16, 5, rng),                      // C3: N x 16 x 10 x 10
                new ReLU(),
                new MaxPool2d(2),                               // S4: N x 16 x 5 x 5
                new Conv2d(16, 120, 5, rng),                    // C5: N x 120 x 1 x 1
                new ReLU());
        Sequential net = new Sequential().add("features", features).add("flatten", new Flatten());
        // An input too small for the convolutions fails here, naming the layer (features.3 for C3).
        int c5 = features.outputShape(input.withBatch(1)).dropFirst().size();
        return net.add("classifier", new Sequential(
                new Linear(c5, 84, rng),                        // F6: N x 84
                new ReLU(),
                new Linear(84, classes, rng)));                 // output: N x classes
    }
}
