package conv4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.nn.Module;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.vision.models.Models;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A model exported to a file and imported back ({@link OnnxImport#load}) computes what the original computes in
 * evaluation mode: max |difference| / max |original output| within 1e-6. Every form the exporter writes is here: the
 * chains, ResNet's Add, GoogLeNet's Concat, LRN (alexnet-lrn, vgg-a-lrn), adaptive pooling that does not divide (VGG
 * and AlexNet at 64 x 64: two MatMuls), the divisor map of average pooling that counts its padding, and a model built
 * from the layers that ends in Softmax after LeakyReLU, Sigmoid and Tanh.
 */
class OnnxExportRoundTripTest {
    private static final double TOLERANCE = 1e-6;

    @TempDir
    Path folder;

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("lenet5", Shape.of(1, 28, 28)),
                Arguments.of("resnet18", Shape.of(3, 64, 64)),
                Arguments.of("resnet50", Shape.of(3, 64, 64)),
                Arguments.of("googlenet", Shape.of(3, 64, 64)),
                Arguments.of("googlenet-2014", Shape.of(3, 64, 64)),
                Arguments.of("googlenet-torchvision-aux", Shape.of(3, 64, 64)),
                Arguments.of("alexnet", Shape.of(3, 224, 224)), // 6x6 pooled to 6x6: an AveragePool of 1x1
                Arguments.of("alexnet", Shape.of(3, 64, 64)), // 1x1 pooled to 6x6: MatMuls
                Arguments.of("alexnet-lrn", Shape.of(3, 67, 67)),
                Arguments.of("vgg-a-lrn", Shape.of(3, 64, 64)));
    }

    @org.junit.jupiter.api.Test
    void activationsSoftmaxAndPaddedAveragePoolingComeBackExactly() throws Exception {
        Rng rng = new Rng(4);
        Module model = new conv4j.nn.Sequential(conv4j.nn.Conv2d.builder(3, 4, 3).padding(1).build(rng),
                new conv4j.nn.LeakyReLU(0.1f), new conv4j.nn.AvgPool2d(3, 2, 1, false, true), new conv4j.nn.Sigmoid(),
                new conv4j.nn.Conv2d(4, 4, 1, rng), new conv4j.nn.Tanh(), new conv4j.nn.Flatten(),
                new conv4j.nn.Linear(4 * 5 * 5, 6, rng), new conv4j.nn.Softmax());
        Shape input = Shape.of(3, 9, 9);
        Path file = folder.resolve("layers.onnx");
        OnnxExport.write(model, input, file);
        Tensor x = Tensor.randn(input.withBatch(2), new Rng(5), 1.0);
        model.eval();
        Tensor expected = model.predict(x);
        Tensor actual = OnnxImport.load(file).predict(x);
        assertEquals(expected.shape(), actual.shape());
        double diff = OrtReference.relativeDifference(expected, actual);
        assertTrue(diff <= TOLERANCE, "relative difference " + diff);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void theImportedModelComputesWhatTheExportedOneDoes(String name, Shape input) throws Exception {
        Module model = Models.registry().create(name, Models.list().get(name).classes(), input, new Rng(1));
        TrainedStatistics.apply(model, new Rng(2));
        Path file = folder.resolve(name + ".onnx");
        OnnxExport.write(model, input, file);
        OnnxModel imported = OnnxImport.load(file);
        model.eval();
        Tensor x = Tensor.randn(input.withBatch(2), new Rng(3), 1.0);
        Tensor expected = model.predict(x);
        Tensor actual = imported.predict(x);
        assertEquals(expected.shape(), actual.shape(), name);
        double diff = OrtReference.relativeDifference(expected, actual);
        System.out.printf("onnx round trip %s at %s: relative difference %.2e%n", name, input, diff);
        assertTrue(diff <= TOLERANCE, name + ": relative difference " + diff);
    }
}
