package conv4j.kernels;

/** Sums of equal-sized arrays: a residual connection's forward, and gradients that meet at one tensor. */
public final class Elementwise {
    /** Elements per chunk: below this a second thread does not pay for waking it. */
    static final int GRAIN = 1 << 16;

    private Elementwise() {
    }

    /** out = a + b; {@code out} may be {@code a} or {@code b}. */
    public static void add(float[] a, float[] b, float[] out) {
        int n = Lengths.length("add first operand", a);
        Lengths.require("add second operand", b, n);
        Lengths.require("add output", out, n);
        Parallel.forRange(n, GRAIN, (chunk, start, end) -> {
            for (int i = start; i < end; i++) {
                out[i] = a[i] + b[i];
            }
        });
    }

    /** accumulator += b. */
    public static void accumulate(float[] accumulator, float[] b) {
        int n = Lengths.length("accumulator", accumulator);
        Lengths.require("accumulated operand", b, n);
        Parallel.forRange(n, GRAIN, (chunk, start, end) -> {
            for (int i = start; i < end; i++) {
                accumulator[i] += b[i];
            }
        });
    }
}
