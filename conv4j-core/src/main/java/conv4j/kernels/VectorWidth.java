package conv4j.kernels;

import jdk.incubator.vector.FloatVector;

/** Loaded by name from {@link Simd} once the incubator module is known to be present. */
final class VectorWidth {
    private VectorWidth() {
    }

    static int preferredBits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }
}
