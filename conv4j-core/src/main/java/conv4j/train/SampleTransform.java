package conv4j.train;

import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;

/**
 * A change applied to each input as it is loaded: normalisation, and in training the random shifts, crops and flips
 * of data augmentation. The generator is the sample's own, derived from the loader's seed, the epoch and the sample's
 * index, so augmentation is reproducible whatever thread prepares the batch.
 */
@FunctionalInterface
public interface SampleTransform {

    /** The transformed input; may be {@code input} itself, changed in place. */
    Tensor apply(Tensor input, Rng rng);

    /** The shape of the output for an input shape (a crop makes it smaller). */
    default Shape outputShape(Shape input) {
        return input;
    }

    /** This transform, then {@code next}. */
    default SampleTransform andThen(SampleTransform next) {
        SampleTransform first = this;
        return new SampleTransform() {
            @Override
            public Tensor apply(Tensor input, Rng rng) {
                return next.apply(first.apply(input, rng), rng);
            }

            @Override
            public Shape outputShape(Shape input) {
                return next.outputShape(first.outputShape(input));
            }
        };
    }

    static SampleTransform identity() {
        return (input, rng) -> input;
    }
}
