package conv4j.kernels;

/**
 * Picks the GEMM micro-kernel once per JVM. The Vector API is an incubator module on Java 17: a JVM started without
 * {@code --add-modules jdk.incubator.vector} cannot load {@link VectorMicroKernel}, so it is loaded by name only when
 * {@link Simd} says the vector kernels run ({@code -Dconv4j.vector=false} forces the scalar twin).
 */
final class GemmMicroKernels {
    private static final String VECTOR_KERNEL_CLASS = "conv4j.kernels.VectorMicroKernel";

    private static final GemmMicroKernel SCALAR = new ScalarMicroKernel();
    private static final GemmMicroKernel VECTOR = loadVector();
    private static final GemmMicroKernel PREFERRED = VECTOR == null ? SCALAR : VECTOR;

    private GemmMicroKernels() {
    }

    /** The kernel {@link Gemm#sgemm} uses. */
    static GemmMicroKernel preferred() {
        return PREFERRED;
    }

    static GemmMicroKernel scalar() {
        return SCALAR;
    }

    /** The Vector API kernel, or null when the scalar kernels run. */
    static GemmMicroKernel vectorOrNull() {
        return VECTOR;
    }

    private static GemmMicroKernel loadVector() {
        if (!Simd.vectorized()) {
            return null;
        }
        try {
            return (GemmMicroKernel) Class.forName(VECTOR_KERNEL_CLASS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            // The module is there but unusable (a stripped runtime image, say): the scalar kernel gives the same bits.
            return null;
        }
    }
}
