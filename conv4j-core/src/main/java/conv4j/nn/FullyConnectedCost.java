package conv4j.nn;

import conv4j.tensor.Shape;
import java.util.Objects;

/**
 * The lecture's argument against fully connected networks on images: one hidden layer of {@code hiddenUnits} neurons
 * on an input of C x H x W values needs C*H*W weights per neuron. A 12 MP RGB photo (3 x 3000 x 4000 = 36M values)
 * with 100 neurons needs 3.6 billion weights, 14.4 GB at 4 bytes each; a convolution shares a small kernel instead.
 */
public record FullyConnectedCost(Shape input, int hiddenUnits) {
    /** The hidden layer size the lecture uses. */
    public static final int LECTURE_HIDDEN_UNITS = 100;
    private static final int BYTES_PER_WEIGHT = Float.BYTES;

    public FullyConnectedCost {
        Objects.requireNonNull(input, "input");
        if (input.rank() == 0 || input.size() == 0) {
            throw new IllegalArgumentException("fully connected cost needs a non-empty input shape, received "
                    + input);
        }
        if (hiddenUnits < 1) {
            throw new IllegalArgumentException("hidden units must be positive, received " + hiddenUnits);
        }
    }

    /** The lecture's comparison (100 hidden neurons) for a per-sample input shape such as 3x3000x4000. */
    public static FullyConnectedCost of(Shape input) {
        return new FullyConnectedCost(input, LECTURE_HIDDEN_UNITS);
    }

    public long inputValues() {
        return input.size();
    }

    public long weights() {
        return inputValues() * hiddenUnits;
    }

    public long biases() {
        return hiddenUnits;
    }

    public long parameters() {
        return weights() + biases();
    }

    /** Memory of the weights alone at 4 bytes (float32) each, as the lecture counts. */
    public long weightBytes() {
        return weights() * BYTES_PER_WEIGHT;
    }

    /** One sentence with the numbers, e.g. for a summary's footer. */
    public String describe() {
        return "One fully connected layer of " + hiddenUnits + " neurons on this " + input + " input ("
                + Units.count(inputValues()) + " values) would need " + Units.count(weights()) + " weights (+"
                + Units.count(biases()) + " biases): " + Units.bytes(weightBytes()) + " at " + BYTES_PER_WEIGHT
                + " bytes a weight.";
    }
}
