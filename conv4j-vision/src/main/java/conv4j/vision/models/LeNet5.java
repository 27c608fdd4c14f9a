package conv4j.vision.models;

import conv4j.nn.Conv2d;
import conv4j.nn.Flatten;
import conv4j.nn.Linear;
import conv4j.nn.MaxPool2d;
import conv4j.nn.ReLU;
import conv4j.nn.Sequential;
import conv4j.tensor.Rng;

/**
 * LeNet-5 as the lecture draws it, for 28 x 28 MNIST digits: C1 6@5x5 (padding 2 keeps 28x28), S2 2x2 pooling to
 * 14x14, C3 16@5x5 to 10x10 with every C1 map connected, S4 to 5x5, C5 120@5x5 to 1x1, F6 84, and the output layer.
 * 61,706 learned parameters for 10 classes. It uses the lecture's modern choices, ReLU and max pooling, in place of
 * the original's scaled tanh and trainable subsampling.
 */
public final class LeNet5 {
    private LeNet5() {
    }

    public static Sequential create(int classes, Rng rng) {
        Sequential features = new Sequential(
                Conv2d.builder(1, 6, 5).padding(2).build(rng), // C1: N x 6 x 28 x 28
                new ReLU(),
                new MaxPool2d(2),                               // S2: N x 6 x 14 x 14
                new Conv2d(6, 16, 5, rng),                      // C3: N x 16 x 10 x 10
                new ReLU(),
                new MaxPool2d(2),                               // S4: N x 16 x 5 x 5
                new Conv2d(16, 120, 5, rng),                    // C5: N x 120 x 1 x 1
                new ReLU());
        Sequential classifier = new Sequential(
                new Linear(120, 84, rng),                       // F6: N x 84
                new ReLU(),
                new Linear(84, classes, rng));                  // output: N x classes
        return new Sequential()
                .add("features", features)
                .add("flatten", new Flatten())
                .add("classifier", classifier);
    }
}
