package conv4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Shows the JIT every kind of Vector API operator before any kernel runs, so that no kernel is compiled into code that
 * boxes every vector.
 *
 * <p>Why: every lanewise operation of the Vector API passes through one shared cast of its operator
 * ({@code VectorOperators.opCode}). If C2 compiles that cast while its profile has seen one kind of operator (only
 * {@code FMA}, say, from the first kernel to run), it speculates on that kind, and the next kind traps four times. C2
 * then adds those four traps to a compilation once for every copy of the cast it inlines: a register tile of sixteen
 * multiply-adds passes the limit of 100 class-check traps per compilation, and the whole tile is compiled without
 * speculation, its vectors boxed. Measured with {@code -XX:MaxVectorSize=16} on JDK 17: in 6 JVMs of 20 the 8 x 2
 * forward tile of a 1x32x32x32 convolution allocated 15 MB per call for as long as the JVM ran, and took three
 * times as long; after this warm-up, none of 20 did. Once the cast has seen several kinds its
 * profile is polymorphic, and C2 no longer speculates there. The first use of the Vector API costs about 50 ms
 * anyway (class loading); these loops add little to it.
 */
final class VectorProfiles {
    /** Enough calls for C1 to compile the cast with a profile while the loop still runs. */
    private static final int ROUNDS = 1000;
    private static volatile float sink;

    private VectorProfiles() {
    }

    static void mixOperatorKinds() {
        VectorSpecies<Float> species = FloatVector.SPECIES_PREFERRED;
        FloatVector v = FloatVector.broadcast(species, 1f);
        float seen = 0;
        for (int i = 0; i < ROUNDS; i++) {
            // associative, binary, ternary and unary operators, a comparison, a test and a conversion
            v = v.add(v).sub(v).fma(v, v).neg().abs();
            if (v.compare(VectorOperators.GT, 0f).or(v.test(VectorOperators.IS_NAN)).anyTrue()) {
                seen++;
            }
            seen += ((IntVector) v.convert(VectorOperators.F2I, 0)).lane(0);
        }
        sink = seen + v.lane(0);
    }
}
