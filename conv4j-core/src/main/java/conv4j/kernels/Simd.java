package conv4j.kernels;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The one switch between the Vector API kernels and their scalar twins, and what the vector unit offers: every kernel
 * asks here, once per JVM. The vector kernels run when the {@code jdk.incubator.vector} module is present, its
 * preferred species holds at least 4 floats, and {@code -Dconv4j.vector=false} is not set. Without the module the
 * vector classes are never loaded.
 *
 * <p>Kernels are shaped for the width and the register file found here: AVX-512 has 32 registers of 16 floats, AVX2
 * 16 of 8, ARM's NEON 32 of 4. {@code -XX:MaxVectorSize=32} or {@code =16} narrows the vectors of any machine, and
 * {@code -XX:UseAVX=2} makes an AVX-512 machine an AVX2 one, registers included, so every shape can be run anywhere.
 */
public final class Simd {
    /** {@code -Dconv4j.vector=false} runs every kernel's scalar twin. */
    public static final String PROPERTY = "conv4j.vector";
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String WIDTH_CLASS = "conv4j.kernels.VectorWidth";
    /** Fewer lanes than this do not pay for the vector loops' tails. */
    private static final int MIN_FLOATS = 4;

    private static final Simd CURRENT = detect();

    private final int bits;
    private final int registers;
    private final String scalarReason;

    private Simd(int bits, int registers, String scalarReason) {
        this.bits = bits;
        this.registers = registers;
        this.scalarReason = scalarReason;
    }

    /** True when the kernels run on the Vector API. */
    public static boolean vectorized() {
        return CURRENT.bits > 0;
    }

    /** Bits of a vector, 0 when the scalar twins run. */
    public static int bits() {
        return CURRENT.bits;
    }

    /** Floats of a vector, 1 when the scalar twins run. */
    public static int floats() {
        return Math.max(1, CURRENT.bits / Float.SIZE);
    }

    /** Vector registers the JIT can keep values in (0 when scalar): what a register tile may use. */
    public static int registers() {
        return CURRENT.registers;
    }

    /** For benchmark headers and {@code conv4j --version}: "512-bit vectors (16 floats), 32 registers". */
    public static String describe() {
        if (!vectorized()) {
            return "scalar (" + CURRENT.scalarReason + ")";
        }
        return CURRENT.bits + "-bit vectors (" + floats() + " floats), " + CURRENT.registers + " registers";
    }

    private static Simd detect() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return new Simd(0, 0, VECTOR_MODULE + " not added");
        }
        String property = System.getProperty(PROPERTY);
        if (property != null && property.trim().equalsIgnoreCase("false")) {
            return new Simd(0, 0, "-D" + PROPERTY + "=false");
        }
        int bits;
        try {
            bits = (int) Class.forName(WIDTH_CLASS).getDeclaredMethod("preferredBits").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            // The module is there but unusable (a stripped runtime image, say): the scalar twins give the results.
            return new Simd(0, 0, VECTOR_MODULE + " unusable: " + e);
        }
        if (bits < MIN_FLOATS * Float.SIZE) {
            return new Simd(0, 0, "vectors of " + bits + " bits");
        }
        return new Simd(bits, registers(bits), null);
    }

    /**
     * AArch64 has 32 vector registers; x86 has 32 with AVX-512 (also when {@code MaxVectorSize} narrows the vectors)
     * and 16 without it.
     */
    private static int registers(int bits) {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (arch.equals("aarch64") || arch.equals("arm64") || bits >= 512) {
            return 32;
        }
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            return avx512Instructions() ? 32 : 16;
        }
        return 16;
    }

    /** Whether the JIT emits AVX-512 ({@code -XX:UseAVX=3}), which brings registers 16 to 31. */
    private static boolean avx512Instructions() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return vm != null && Integer.parseInt(vm.getVMOption("UseAVX").getValue()) >= 3;
        } catch (RuntimeException | LinkageError e) {
            return false; // not HotSpot, or no jdk.management: assume the smaller register file
        }
    }
}
