package conv4j.vision.models;

import conv4j.nn.AdaptiveAvgPool2d;
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

/**
 * AlexNet (Krizhevsky, Sutskever and Hinton, 2012): five convolutions, overlapping 3x3 max pooling with stride 2, and
 * three fully connected layers with dropout. Two layouts: torchvision's single tower (64-192-384-256-256 filters,
 * 61,100,840 parameters for 1000 classes), whose weights torchvision ships, and the paper's (96-256-384-384-256
 * filters, conv2, conv4 and conv5 split into two groups as the paper split them over two GPUs, local response
 * normalisation after conv1 and conv2; 60,965,224 parameters on a 227 x 227 input, the count of Caffe's reference
 * model). Both end in adaptive 6x6 average pooling, so other input sizes work where the convolutions fit.
 */
public final class AlexNet {
    private AlexNet() {
    }

    /** torchvision's layout: features.0..12, avgpool, classifier.0..6. */
    public static Sequential create(int classes, Shape input, Rng rng) {
        Sequential features = new Sequential(
                Conv2d.builder(input.dim(0), 64, 11).stride(4).padding(2).build(rng), // N x 64 x 55 x 55
                new ReLU(),
                new MaxPool2d(3, 2),                                                  // N x 64 x 27 x 27
                Conv2d.builder(64, 192, 5).padding(2).build(rng),                     // N x 192 x 27 x 27
                new ReLU(),
                new MaxPool2d(3, 2),                                                  // N x 192 x 13 x 13
                Conv2d.builder(192, 384, 3).padding(1).build(rng),                    // N x 384 x 13 x 13
                new ReLU(),
                Conv2d.builder(384, 256, 3).padding(1).build(rng),                    // N x 256 x 13 x 13
                new ReLU(),
                Conv2d.builder(256, 256, 3).padding(1).build(rng),                    // N x 256 x 13 x 13
                new ReLU(),
                new MaxPool2d(3, 2));                                                 // N x 256 x 6 x 6
        Sequential classifier = new Sequential(
                new Dropout(0.5f, rng),
                new Linear(256 * 6 * 6, 4096, rng),
                new ReLU(),
                new Dropout(0.5f, rng),
                new Linear(4096, 4096, rng),
                new ReLU(),
                new Linear(4096, classes, rng));
        return withHead(features, classifier);
    }

    /** The paper's layout, ReLU then LRN then pooling as in Caffe's reference model; dropout after fc6 and fc7. */
    public static Sequential createPaper(int classes, Shape input, Rng rng) {
        Sequential features = new Sequential(
                Conv2d.builder(input.dim(0), 96, 11).stride(4).build(rng),            // N x 96 x 55 x 55 (227 in)
                new ReLU(),
                LocalResponseNorm.alexNet(),
                new MaxPool2d(3, 2),                                                  // N x 96 x 27 x 27
                Conv2d.builder(96, 256, 5).padding(2).groups(2).build(rng),           // N x 256 x 27 x 27
                new ReLU(),
                LocalResponseNorm.alexNet(),
                new MaxPool2d(3, 2),                                                  // N x 256 x 13 x 13
                Conv2d.builder(256, 384, 3).padding(1).build(rng),                    // N x 384 x 13 x 13
                new ReLU(),
                Conv2d.builder(384, 384, 3).padding(1).groups(2).build(rng),          // N x 384 x 13 x 13
                new ReLU(),
                Conv2d.builder(384, 256, 3).padding(1).groups(2).build(rng),          // N x 256 x 13 x 13
                new ReLU(),
                new MaxPool2d(3, 2));                                                 // N x 256 x 6 x 6
        Sequential classifier = new Sequential(
                new Linear(256 * 6 * 6, 4096, rng),
                new ReLU(),
                new Dropout(0.5f, rng),
                new Linear(4096, 4096, rng),
                new ReLU(),
                new Dropout(0.5f, rng),
                new Linear(4096, classes, rng));
        return withHead(features, classifier);
    }

    private static Sequential withHead(Sequential features, Sequential classifier) {
        return new Sequential()
                .add("features", features)
                .add("avgpool", new AdaptiveAvgPool2d(6, 6))
                .add("flatten", new Flatten())
                .add("classifier", classifier);
    }
}
