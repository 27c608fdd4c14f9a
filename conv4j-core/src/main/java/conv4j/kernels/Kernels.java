package conv4j.kernels;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which kernels this JVM runs, in one place: the vector unit {@link Simd} found, the GEMM micro-kernel and the direct
 * convolution's tiles shaped for it, and the pool size. Benchmarks print it at the top of their output, and
 * {@code conv4j --version} shows it, so that every figure comes with the kernels that produced it. Which method each
 * convolution takes is its {@link ConvPlan}.
 */
public final class Kernels {
    private Kernels() {
    }

    /** Choice to description, in a fixed order: "vectors", "gemm", "direct convolution", "threads". */
    public static Map<String, String> choices() {
        Map<String, String> choices = new LinkedHashMap<>();
        choices.put("vectors", Simd.describe());
        choices.put("gemm", GemmMicroKernels.preferred().name());
        choices.put("direct convolution", DirectConv.preferred().name());
        choices.put("threads", Integer.toString(Parallel.threads()));
        return choices;
    }

    /** {@link #choices()} one per line: "gemm: vector 8x32 (512-bit)". */
    public static String describe() {
        StringBuilder b = new StringBuilder();
        choices().forEach((choice, value) -> b.append(choice).append(": ").append(value).append('\n'));
        return b.toString();
    }
}
