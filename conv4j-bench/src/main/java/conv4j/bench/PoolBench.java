package conv4j.bench;

import conv4j.kernels.Pool2dGeometry;
import conv4j.kernels.PoolKernel;
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
 * Max pooling forward with the argmax that training keeps for the backward pass, and without it, as inference runs:
 * GoogLeNet's branch pooling (3x3, stride 1, padding 1, on 480 channels of 14 x 14), its stem (3x3 stride 2 ceil mode
 * on 64 x 112 x 112) and ResNet's stem (3x3 stride 2 padding 1), on one image.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PoolBench {

    public enum Layer {
        GOOGLENET_BRANCH(new Pool2dGeometry(1, 480, 14, 14, 3, 3, 1, 1, 1, 1, true)),
        GOOGLENET_STEM(new Pool2dGeometry(1, 64, 112, 112, 3, 3, 2, 2, 0, 0, true)),
        RESNET_STEM(new Pool2dGeometry(1, 64, 112, 112, 3, 3, 2, 2, 1, 1, false));

        final Pool2dGeometry geometry;

        Layer(Pool2dGeometry geometry) {
            this.geometry = geometry;
        }
    }

    @Param({"GOOGLENET_BRANCH", "GOOGLENET_STEM", "RESNET_STEM"})
    public Layer layer;

    private float[] x;
    private float[] y;
    private int[] argmax;

    @Setup
    public void setUp() {
        Pool2dGeometry g = layer.geometry;
        Rng rng = new Rng(42);
        x = new float[g.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        y = new float[g.outputSize()];
        argmax = new int[g.outputSize()];
    }

    @Benchmark
    public float[] maxWithArgmax() {
        PoolKernel.maxForward(layer.geometry, x, y, argmax);
        return y;
    }

    @Benchmark
    public float[] maxForInference() {
        PoolKernel.maxForward(layer.geometry, x, y);
        return y;
    }
}
