package conv4j.onnx;

import conv4j.nn.BatchNorm2d;
import conv4j.nn.Conv2d;
import conv4j.nn.Module;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;

/**
 * Gives every batch norm of a model a scale, shift, running mean and running variance away from the fresh values
 * (1, 0, 0, 1), and every convolution's bias values away from its fresh zeros, as training would: with the fresh
 * values, a batch norm is nearly the identity and a bias nothing, and an export that swapped their inputs or dropped
 * them would go unseen.
 */
final class TrainedStatistics {
    private TrainedStatistics() {
    }

    static <M extends Module> M apply(M model, Rng rng) {
        for (Module m : model.modules()) {
            if (m instanceof BatchNorm2d bn) {
                Shape c = Shape.of(bn.channels());
                bn.weight().value().copyFrom(Tensor.uniform(c, rng, 0.5, 1.5));
                bn.bias().value().copyFrom(Tensor.uniform(c, rng, -0.5, 0.5));
                bn.runningMean().copyFrom(Tensor.uniform(c, rng, -0.3, 0.3));
                bn.runningVar().copyFrom(Tensor.uniform(c, rng, 0.5, 2));
            } else if (m instanceof Conv2d conv && conv.bias() != null) {
                conv.bias().value().copyFrom(Tensor.uniform(Shape.of(conv.outChannels()), rng, -0.2, 0.2));
            }
        }
        return model;
    }
}
