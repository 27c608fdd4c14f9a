package conv4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.kernels.Padding;
import conv4j.nn.AdaptiveAvgPool2d;
import conv4j.nn.AvgPool2d;
import conv4j.nn.BasicBlock;
import conv4j.nn.BatchNorm2d;
import conv4j.nn.Bottleneck;
import conv4j.nn.Conv2d;
import conv4j.nn.ConvReLU;
import conv4j.nn.Dropout;
import conv4j.nn.Flatten;
import conv4j.nn.GlobalAvgPool2d;
import conv4j.nn.Inception;
import conv4j.nn.InceptionAux;
import conv4j.nn.LeakyReLU;
import conv4j.nn.Linear;
import conv4j.nn.LocalResponseNorm;
import conv4j.nn.MaxPool2d;
import conv4j.nn.Module;
import conv4j.nn.ReLU;
import conv4j.nn.Sequential;
import conv4j.nn.Sigmoid;
import conv4j.nn.Softmax;
import conv4j.nn.Tanh;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each row of the export table, on settings that reach its corners, runs in ONNX Runtime as in conv4j's evaluation
 * mode: max |difference| / max |conv4j output| within 1e-5 on a batch of 3.
 */
class OnnxExportLayersTest {
    private static final double TOLERANCE = 1e-5;
    private static final int BATCH = 3;

    static Stream<Arguments> layers() {
        Rng rng = new Rng(7);
        return Stream.of(
                layer("conv with stride, padding, dilation, groups and bias", Shape.of(4, 11, 13),
                        Conv2d.builder(4, 6, 3).stride(2, 1).padding(2, 1).dilation(2).groups(2).build(rng)),
                layer("conv without bias, asymmetric padding", Shape.of(3, 9, 8),
                        Conv2d.builder(3, 5, 2, 3).padding(new Padding(0, 1, 2, 0)).bias(false).build(rng)),
                layer("conv with same padding at stride 2", Shape.of(2, 9, 10),
                        Conv2d.builder(2, 4, 4).stride(2).paddingSame().build(rng)),
                layer("batch norm with running statistics", Shape.of(5, 4, 3), trainedBatchNorm(5, rng)),
                layer("relu, sigmoid, tanh, leaky relu", Shape.of(2, 3, 3),
                        new Sequential(new Tanh(), new LeakyReLU(0.2f), new Sigmoid(), new ReLU())),
                layer("max pool ceil mode with padding", Shape.of(2, 10, 9), new MaxPool2d(3, 2, 1, true)),
                layer("max pool floor mode", Shape.of(2, 10, 9), new MaxPool2d(2, 2, 0, false)),
                layer("max pool ceil mode, last window dropped", Shape.of(1, 5, 5), new MaxPool2d(2, 2, 1, true)),
                layer("max pool ceil mode, a window added down, one dropped across", Shape.of(1, 6, 5),
                        new MaxPool2d(3, 3, 1, true)),
                layer("avg pool ceil mode, a window added down, one dropped across", Shape.of(2, 6, 5),
                        new AvgPool2d(3, 3, 1, true, true)),
                layer("avg pool ceil mode, last window dropped", Shape.of(1, 5, 5), new AvgPool2d(2, 2, 1, true, true)),
                layer("avg pool counting padding, ceil mode", Shape.of(2, 10, 9), new AvgPool2d(3, 2, 1, true, true)),
                layer("avg pool without padding, ceil mode", Shape.of(2, 14, 14), new AvgPool2d(3, 2, 0, true, true)),
                layer("avg pool counting padding, floor mode", Shape.of(2, 7, 7), new AvgPool2d(3, 2, 1, false, true)),
                layer("avg pool without padding, floor mode", Shape.of(2, 7, 7), new AvgPool2d(2, 2, 0, false, true)),
                layer("avg pool not counting padding", Shape.of(2, 10, 9), new AvgPool2d(3, 2, 1, true, false)),
                layer("adaptive pool to 1x1", Shape.of(3, 5, 7), new AdaptiveAvgPool2d(1, 1)),
                layer("adaptive pool dividing evenly", Shape.of(3, 12, 8), new AdaptiveAvgPool2d(3, 4)),
                layer("adaptive pool not dividing", Shape.of(3, 5, 7), new AdaptiveAvgPool2d(3, 3)),
                layer("adaptive pool to a larger map", Shape.of(2, 2, 1), new AdaptiveAvgPool2d(7, 7)),
                layer("global pool, linear, softmax", Shape.of(6, 4, 4), new Sequential(new GlobalAvgPool2d(),
                        new Linear(6, 5, rng), new Softmax())),
                layer("flatten, linear without bias, dropout", Shape.of(2, 3, 3), new Sequential(new Flatten(),
                        new Dropout(0.5f, rng), new Linear(18, 4, false, conv4j.nn.Init.HE_UNIFORM, rng))),
                layer("local response norm, odd size", Shape.of(7, 3, 3), new LocalResponseNorm(5, 1e-2, 0.75, 2)),
                layer("local response norm, even size", Shape.of(7, 3, 3), new LocalResponseNorm(4, 0.5, 0.6, 1.5)),
                layer("local response norm, size 1", Shape.of(3, 2, 2), new LocalResponseNorm(1, 0.3, 0.5, 1)),
                layer("basic block with projection", Shape.of(4, 8, 8), trained(new BasicBlock(4, 8, 2, rng), rng)),
                layer("basic block, identity shortcut", Shape.of(4, 6, 6), trained(new BasicBlock(4, 4, 1, rng), rng)),
                layer("bottleneck, stride in conv1", Shape.of(8, 6, 6),
                        trained(new Bottleneck(8, 4, 2, Bottleneck.StrideAt.CONV1, rng), rng)),
                layer("bottleneck, stride in conv2", Shape.of(16, 5, 5),
                        trained(new Bottleneck(16, 4, 1, Bottleneck.StrideAt.CONV2, rng), rng)),
                layer("inception", Shape.of(8, 7, 7), trained(new Inception(8, 4, 3, 5, 2, 3, 2, 5, rng), rng)),
                layer("inception with the 2014 paper's units, bias and ReLU", Shape.of(8, 7, 7),
                        trained(new Inception(8, 4, 3, 5, 2, 3, 2, 5, Inception.Unit.CONV_RELU, rng), rng)),
                layer("conv with bias and ReLU as one unit, stride 2", Shape.of(3, 9, 8),
                        trained(new ConvReLU(3, 5, 7, 2, 3, rng), rng)),
                layer("inception aux as a layer", Shape.of(8, 10, 10),
                        trained(new InceptionAux(8, 5, 0.7f, 6, 12, rng), rng)),
                layer("a lone dropout", Shape.of(2, 2, 2), new Dropout(0.3f, rng)));
    }

    private static Arguments layer(String name, Shape input, Module m) {
        return Arguments.of(name, input, m);
    }

    /** Batch norm with running statistics and an affine part away from the defaults, so each shows. */
    private static BatchNorm2d trainedBatchNorm(int channels, Rng rng) {
        return trained(new BatchNorm2d(channels, 1e-3f, 0.1f), rng);
    }

    private static <M extends Module> M trained(M m, Rng rng) {
        return TrainedStatistics.apply(m, rng);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void onnxRuntimeComputesWhatConv4jComputes(String name, Shape input, Module layer) throws Exception {
        layer.train(); // the export is of evaluation mode whatever mode the layer is in
        byte[] onnx = OnnxExport.toBytes(layer, input);
        layer.eval();
        Tensor x = Tensor.randn(input.withBatch(BATCH), new Rng(11), 1.0);
        Tensor expected = layer.predict(x);
        Tensor actual = OrtReference.run(onnx, x);
        assertEquals(expected.shape(), actual.shape(), name);
        double diff = OrtReference.relativeDifference(expected, actual);
        assertTrue(diff <= TOLERANCE, name + ": relative difference " + diff);
    }
}
