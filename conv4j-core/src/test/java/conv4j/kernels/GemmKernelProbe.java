package conv4j.kernels;

/**
 * Run in a fresh JVM by {@link GemmKernelSelectionTest}: prints the kernel in use and the vector unit it was chosen
 * for, then the result of a small product with integer entries, which every kernel computes exactly.
 */
final class GemmKernelProbe {
    private GemmKernelProbe() {
    }

    public static void main(String[] args) {
        int m = 11;
        int n = 37;
        int k = 13;
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = i % 7 - 3;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = i % 5 - 2;
        }
        float[] c = new float[m * n];
        Gemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        double sum = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double expected = 0;
                for (int p = 0; p < k; p++) {
                    expected += a[i * k + p] * b[p * n + j];
                }
                if (c[i * n + j] != expected) {
                    System.out.println("mismatch at " + i + "," + j);
                }
                sum += c[i * n + j];
            }
        }
        System.out.println("kernel: " + Gemm.kernelName());
        System.out.println("bits: " + Simd.bits());
        System.out.println("registers: " + Simd.registers());
        System.out.println("sum: " + sum);
    }
}
