package conv4j.bench;

import conv4j.kernels.Gemm;
import conv4j.kernels.Simd;
import conv4j.tensor.Rng;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per SGEMM call, C = A B with no transposes, on the pool's thread count ({@code CONV4J_THREADS}). Shapes are
 * {@code MxKxN}: a square 1024 product, the im2col product of a 3x3 convolution with 64 input and 64 output
 * channels over a 32 x 28 x 28 batch (K = 64 * 3 * 3, N = 32 * 28 * 28), and two narrow products where A is read in
 * place: ResNet-50's last 1x1 convolution on one 7x7 image, and a 3x3 convolution of 512 channels over a batch of 64
 * 1x1 maps. GFLOP/s = 2 M K N / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 7, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBench {
    @Param({"1024x1024x1024", "64x576x25088", "2048x512x49", "512x4608x64"})
    public String shape;

    private int m;
    private int k;
    private int n;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setUp() {
        String[] parts = shape.split("x");
        m = Integer.parseInt(parts[0]);
        k = Integer.parseInt(parts[1]);
        n = Integer.parseInt(parts[2]);
        Rng rng = new Rng(42);
        a = random(rng, m * k);
        b = random(rng, k * n);
        c = new float[m * n];
        System.out.println("\nVector unit: " + Simd.describe());
        System.out.println("GEMM kernel: " + Gemm.kernelName());
    }

    private static float[] random(Rng rng, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = rng.nextFloat() * 2f - 1f;
        }
        return x;
    }

    @Benchmark
    public float[] sgemm() {
        Gemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        return c;
    }
}
