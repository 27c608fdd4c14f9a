package conv4j.bench;

import conv4j.kernels.Conv2dGeometry;
import conv4j.kernels.Conv2dKernel;
import conv4j.kernels.Im2col;
import conv4j.kernels.ConvMethod;
import conv4j.tensor.Rng;
import java.util.Collection;
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
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Convolution forward and both backward passes on a ResNet stage-2 layer, LeNet's two convolutions, ResNet-18's
 * small maps at a CIFAR training batch, ResNet layers on one image and VGG-16's 3x3 layers, plus the im2col of one
 * forward pass alone (the unfolding overhead around the GEMM) and Winograd F(4x4, 3x3) forced on the layer. Run
 * through {@link #main} to get GFLOP/s (2 * multiply-adds / time; for Winograd, of the direct method's count)
 * besides JMH's ms/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class Conv2dBench {

    public enum Layer {
        RESNET_56("conv2d 8x64x56x56 k64 3x3", Conv2dGeometry.of(8, 64, 56, 56, 64, 3, 1, 1)),
        LENET_C1("lenet C1 64x1x28x28 k6 5x5 pad 2", Conv2dGeometry.of(64, 1, 28, 28, 6, 5, 1, 2)),
        LENET_C3("lenet C3 64x6x14x14 k16 5x5", Conv2dGeometry.of(64, 6, 14, 14, 16, 5, 1, 0)),
        // ResNet-18's stages on 32x32 inputs at batch 64: images' columns side by side (4x4), one dense matrix (2x2),
        // the 1x1 map's kernel cropped to its centre
        CIFAR_4("resnet18 cifar 64x128x4x4 k128 3x3", Conv2dGeometry.of(64, 128, 4, 4, 128, 3, 1, 1)),
        CIFAR_2("resnet18 cifar 64x256x2x2 k256 3x3", Conv2dGeometry.of(64, 256, 2, 2, 256, 3, 1, 1)),
        CIFAR_1("resnet18 cifar 64x512x1x1 k512 3x3", Conv2dGeometry.of(64, 512, 1, 1, 512, 3, 1, 1)),
        // One image at inference: the direct method split by output channels, the GEMM reading the weights in place
        IMAGE_14("resnet 1x256x14x14 k256 3x3", Conv2dGeometry.of(1, 256, 14, 14, 256, 3, 1, 1)),
        IMAGE_7("resnet 1x512x7x7 k512 3x3", Conv2dGeometry.of(1, 512, 7, 7, 512, 3, 1, 1)),
        IMAGE_7_POINTWISE("resnet50 1x512x7x7 k2048 1x1", Conv2dGeometry.of(1, 512, 7, 7, 2048, 1, 1, 0)),
        // VGG-16's 3x3 layers on one 224x224 image (named by map size and input channels), and ResNet-18's and
        // ResNet-50's stride-1 3x3 layers at batch 1 and 8 (the other two at batch 1 are IMAGE_14 and IMAGE_7, at
        // batch 8 RESNET_56): what Winograd is measured on
        VGG_224_3("vgg16 1x3x224x224 k64 3x3", Conv2dGeometry.of(1, 3, 224, 224, 64, 3, 1, 1)),
        VGG_224_64("vgg16 1x64x224x224 k64 3x3", Conv2dGeometry.of(1, 64, 224, 224, 64, 3, 1, 1)),
        VGG_112_64("vgg16 1x64x112x112 k128 3x3", Conv2dGeometry.of(1, 64, 112, 112, 128, 3, 1, 1)),
        VGG_112_128("vgg16 1x128x112x112 k128 3x3", Conv2dGeometry.of(1, 128, 112, 112, 128, 3, 1, 1)),
        VGG_56_128("vgg16 1x128x56x56 k256 3x3", Conv2dGeometry.of(1, 128, 56, 56, 256, 3, 1, 1)),
        VGG_56_256("vgg16 1x256x56x56 k256 3x3", Conv2dGeometry.of(1, 256, 56, 56, 256, 3, 1, 1)),
        VGG_28_256("vgg16 1x256x28x28 k512 3x3", Conv2dGeometry.of(1, 256, 28, 28, 512, 3, 1, 1)),
        VGG_28_512("vgg16 1x512x28x28 k512 3x3", Conv2dGeometry.of(1, 512, 28, 28, 512, 3, 1, 1)),
        VGG_14_512("vgg16 1x512x14x14 k512 3x3", Conv2dGeometry.of(1, 512, 14, 14, 512, 3, 1, 1)),
        IMAGE_56("resnet 1x64x56x56 k64 3x3", Conv2dGeometry.of(1, 64, 56, 56, 64, 3, 1, 1)),
        IMAGE_28("resnet 1x128x28x28 k128 3x3", Conv2dGeometry.of(1, 128, 28, 28, 128, 3, 1, 1)),
        RESNET_28("resnet 8x128x28x28 k128 3x3", Conv2dGeometry.of(8, 128, 28, 28, 128, 3, 1, 1)),
        RESNET_14("resnet 8x256x14x14 k256 3x3", Conv2dGeometry.of(8, 256, 14, 14, 256, 3, 1, 1)),
        RESNET_7("resnet 8x512x7x7 k512 3x3", Conv2dGeometry.of(8, 512, 7, 7, 512, 3, 1, 1));

        final String label;
        final Conv2dGeometry geometry;

        Layer(String label, Conv2dGeometry geometry) {
            this.label = label;
            this.geometry = geometry;
        }
    }

    @Param({"RESNET_56", "LENET_C1", "LENET_C3", "CIFAR_4", "CIFAR_2", "CIFAR_1", "IMAGE_14", "IMAGE_7",
            "IMAGE_7_POINTWISE", "VGG_224_3", "VGG_224_64", "VGG_112_64", "VGG_112_128", "VGG_56_128", "VGG_56_256",
            "VGG_28_256", "VGG_28_512", "VGG_14_512", "IMAGE_56", "IMAGE_28", "RESNET_28", "RESNET_14", "RESNET_7"})
    public Layer layer;

    private Conv2dGeometry g;
    private float[] x;
    private float[] weight;
    private float[] bias;
    private float[] y;
    private float[] dy;
    private float[] dx;
    private float[] dWeight;
    private float[] dBias;
    private float[] col;

    @Setup
    public void setUp() {
        g = layer.geometry;
        Rng rng = new Rng(42);
        x = random(rng, g.inputLength());
        weight = random(rng, g.weightLength());
        bias = random(rng, g.outChannels());
        dy = random(rng, g.outputLength());
        y = new float[g.outputLength()];
        dx = new float[g.inputLength()];
        dWeight = new float[g.weightLength()];
        dBias = new float[g.outChannels()];
        col = new float[g.columnRows() * g.columnCols()];
    }

    private static float[] random(Rng rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rng.nextGaussian();
        }
        return a;
    }

    @Benchmark
    public float[] forward() {
        Conv2dKernel.forward(g, x, weight, bias, y);
        return y;
    }

    @Benchmark
    public float[] backwardInput() {
        Conv2dKernel.backwardInput(g, dy, weight, dx);
        return dx;
    }

    @Benchmark
    public float[] backwardWeight() {
        Conv2dKernel.backwardWeight(g, x, dy, dWeight, dBias);
        return dWeight;
    }

    /** The direct method on the same layer, whichever method the layer takes today: its tiles, measured alone. */
    @Benchmark
    public float[] directForward() {
        Conv2dKernel.forward(ConvMethod.DIRECT, g, x, weight, bias, y);
        return y;
    }

    @Benchmark
    public float[] directBackwardInput() {
        Conv2dKernel.backwardInput(ConvMethod.DIRECT, g, dy, weight, dx);
        return dx;
    }

    /** Winograd F(4x4, 3x3) on the same layer, whichever method the layer takes today. */
    @Benchmark
    public float[] winogradForward() {
        Conv2dKernel.forward(ConvMethod.WINOGRAD, g, x, weight, bias, y);
        return y;
    }

    @Benchmark
    public float[] winogradBackwardInput() {
        Conv2dKernel.backwardInput(ConvMethod.WINOGRAD, g, dy, weight, dx);
        return dx;
    }

    /** The unfolding work of one forward pass, on one thread (the convolution spreads it over the pool). */
    @Benchmark
    public float[] im2col() {
        int imagePlane = g.inChannelsPerGroup() * g.inHeight() * g.inWidth();
        for (int n = 0; n < g.batch(); n++) {
            for (int group = 0; group < g.groups(); group++) {
                Im2col.im2col(g, x, (n * g.groups() + group) * imagePlane, col, 0);
            }
        }
        return col;
    }

    /** Runs the benchmarks (accepting JMH's command-line options) and prints GFLOP/s per layer and pass. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            builder.include(Conv2dBench.class.getName());
        }
        Options options = builder.build();
        Collection<RunResult> results = new Runner(options).run();
        String threads = System.getenv().getOrDefault("CONV4J_THREADS", "all cores");
        System.out.println();
        System.out.println("conv2d on " + threads + " threads (GFLOP/s = 2 * multiply-adds / time)");
        String last = null;
        for (Layer l : Layer.values()) {
            double forwardMs = Double.NaN;
            for (String pass : new String[] {"forward", "winogradForward", "backwardInput", "winogradBackwardInput",
                    "backwardWeight", "im2col"}) {
                RunResult r = find(results, l, pass);
                if (r == null) {
                    continue;
                }
                double ms = r.getPrimaryResult().getScore();
                if (pass.equals("im2col")) {
                    System.out.printf("%s %s: %.3f ms/op, %.1f%% of forward%n", l.label, pass, ms,
                            100 * ms / forwardMs);
                    continue;
                }
                double gflops = 2.0 * l.geometry.multiplyAdds() / (ms * 1e6);
                System.out.printf("%s %s: %.3f ms/op, %.2f GFLOP/s%n", l.label, pass, ms, gflops);
                if (pass.equals("forward")) {
                    forwardMs = ms;
                    if (l == Layer.RESNET_56) {
                        last = String.format("%s: conv4j %.2f GFLOP/s", l.label, gflops);
                    }
                }
            }
        }
        if (last != null) {
            System.out.println(last);
        }
    }

    private static RunResult find(Collection<RunResult> results, Layer l, String pass) {
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            if (name.endsWith("." + pass) && l.name().equals(r.getParams().getParam("layer"))) {
                if (!"ms/op".equals(r.getPrimaryResult().getScoreUnit())) {
                    throw new IllegalStateException("expected ms/op, got " + r.getPrimaryResult().getScoreUnit());
                }
                return r;
            }
        }
        return null;
    }
}
