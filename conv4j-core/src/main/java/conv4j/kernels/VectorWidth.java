package conv4j.kernels;

import jdk.incubator.vector.FloatVector;

/**
 * Loaded by name from {@link Simd} once the incubator module is known to be present; the first use of the vectors, so
 * it also prepares the JIT's profiles ({@link VectorProfiles}).
 */
final class VectorWidth {
    private VectorWidth() {
    }

    static int preferredBits() {
        VectorProfiles.mixOperatorKinds();
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }
}
