package conv4j.kernels;

/**
 * Picks the GEMM micro-kernel once per JVM. The Vector API is an incubator module on Java 17: a JVM started without
 * {@code --add-modules jdk.incubator.vector} cannot load {@link VectorMicroKernel}, so it is loaded by name only after
 * the module is seen in the boot layer. {@code -Dconv4j.gemm.scalar=true} forces the scalar twin.
 */
final class GemmMicroKernels {
    static final String FORCE_SCALAR_PROPERTY = "conv4j.gemm.scalar";
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_KERNEL_CLASS = "conv4j.kernels.VectorMicroKernel";

    private static final GemmMicroKernel SCALAR = new ScalarMicroKernel();
    private static final GemmMicroKernel VECTOR = loadVector();
    private static final GemmMicroKernel PREFERRED =
            VECTOR == null || Boolean.getBoolean(FORCE_SCALAR_PROPERTY) ? SCALAR : VECTOR;

    private GemmMicroKernels() {
    }

    /** The kernel {@link Gemm#sgemm} uses. */
    static GemmMicroKernel preferred() {
        return PREFERRED;
    }

    static GemmMicroKernel scalar() {
        return SCALAR;
    }

    /** The Vector API kernel, or null when this JVM runs without the incubator module. */
    static GemmMicroKernel vectorOrNull() {
        return VECTOR;
    }

    private static GemmMicroKernel loadVector() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
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
