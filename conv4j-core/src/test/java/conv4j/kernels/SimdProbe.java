package conv4j.kernels;

/** Run in a fresh JVM by {@link SimdTest}: prints what {@link Simd} found for the flags the JVM was started with. */
final class SimdProbe {
    private SimdProbe() {
    }

    public static void main(String[] args) {
        System.out.println("vectorized: " + Simd.vectorized());
        System.out.println("bits: " + Simd.bits());
        System.out.println("registers: " + Simd.registers());
        System.out.println("describe: " + Simd.describe());
    }
}
