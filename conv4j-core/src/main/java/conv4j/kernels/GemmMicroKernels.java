package conv4j.kernels;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks the GEMM micro-kernel once per JVM: the tile {@link GemmKernelShapes} names for the vector unit {@link Simd}
 * found. The Vector API is an incubator module on Java 17: a JVM started without
 * {@code --add-modules jdk.incubator.vector} cannot load {@link VectorMicroKernel}, so the vector kernels are loaded
 * by name only when {@link Simd} says they run ({@code -Dconv4j.vector=false} forces the scalar twin).
 */
final class GemmMicroKernels {
    private static final GemmMicroKernel SCALAR = new ScalarMicroKernel();
    private static final GemmMicroKernel VECTOR = Simd.vectorized()
            ? load(GemmKernelShapes.forVectorUnit(Simd.bits(), Simd.registers())) : null;
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

    /** The Vector API kernel chosen for this vector unit, or null when the scalar kernels run. */
    static GemmMicroKernel vectorOrNull() {
        return VECTOR;
    }

    /**
     * A kernel of every tile in the table, at this JVM's width (empty when the scalar kernels run): each computes the
     * same bits, those whose tile does not fit this register file only slower, so tests run them all.
     */
    static List<GemmMicroKernel> everyVectorKernel() {
        List<GemmMicroKernel> kernels = new ArrayList<>();
        if (VECTOR != null) {
            for (GemmKernelShapes.Shape shape : GemmKernelShapes.everyTile()) {
                GemmMicroKernel kernel = load(shape);
                if (kernel != null) {
                    kernels.add(kernel);
                }
            }
        }
        return kernels;
    }

    private static GemmMicroKernel load(GemmKernelShapes.Shape shape) {
        try {
            return (GemmMicroKernel) Class.forName(shape.className()).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            // The module is there but unusable (a stripped runtime image, say): the scalar kernel gives the same bits.
            return null;
        }
    }
}
