package conv4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.autograd.Variable;
import conv4j.nn.AdaptiveAvgPool2d;
import conv4j.nn.BasicBlock;
import conv4j.nn.BasicConv2d;
import conv4j.nn.Bottleneck;
import conv4j.nn.ConvReLU;
import conv4j.nn.Flatten;
import conv4j.nn.Inception;
import conv4j.nn.InceptionAux;
import conv4j.nn.Linear;
import conv4j.nn.MaxPool2d;
import conv4j.nn.Module;
import conv4j.nn.SequentialWithAux;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classic networks' blocks in model files: each comes back with its settings, weights and statistics. */
class BlockCodecsTest {
    private static final Shape INPUT = Shape.of(3, 12, 12);

    @TempDir
    Path dir;

    /** Every block type, in a network with an auxiliary classifier in the middle. */
    static SequentialWithAux everyBlock(Rng rng) {
        return new SequentialWithAux()
                .add("conv1", new BasicConv2d(3, 8, 3, 1, 1, rng))                         // 8 x 12 x 12
                .add("maxpool", new MaxPool2d(3, 2, 0, true))                               // 8 x 6 x 6
                .add("inception", new Inception(8, 4, 3, 4, 2, 4, 4, 5, rng))               // 16 x 6 x 6
                .add("inception2014", new Inception(16, 4, 3, 4, 2, 4, 4, 5, Inception.Unit.CONV_RELU, rng))
                .add("conv2", new ConvReLU(16, 16, 3, 1, 1, rng))                          // 16 x 6 x 6
                .add("layer1", new BasicBlock(16, 8, 2, rng))                               // 8 x 3 x 3
                .add("layer2", new Bottleneck(8, 2, 1, Bottleneck.StrideAt.CONV2, rng))     // 8 x 3 x 3
                .add("layer3", new Bottleneck(8, 4, 2, Bottleneck.StrideAt.CONV1, rng))     // 16 x 2 x 2
                .addAux("aux1", "inception", new InceptionAux(16, 5, 0.7f, rng))
                .add("avgpool", new AdaptiveAvgPool2d(1, 1))
                .add("flatten", new Flatten())
                .add("fc", new Linear(16, 5, rng));
    }

    @Test
    void aModelOfEveryBlockComesBackIdentical() throws IOException {
        Rng rng = new Rng(3);
        SequentialWithAux model = everyBlock(rng);
        TestModels.warmUp(model, rng.split()); // moves the running statistics of every batch norm
        Path file = dir.resolve("blocks.safetensors");
        ModelFile.save(file, model, ModelInfo.of("blocks", INPUT, List.of("a", "b", "c", "d", "e")));

        LoadedModel loaded = ModelFile.load(file);
        ModelFileTest.assertSameState(model, loaded.model());
        assertEquals(Architecture.toJson(model), Architecture.toJson(loaded.model()));
        SequentialWithAux back = (SequentialWithAux) loaded.model();
        assertEquals(List.of("conv1", "maxpool", "inception", "inception2014", "conv2", "layer1", "layer2", "layer3",
                "aux1", "avgpool", "flatten", "fc"), List.copyOf(back.children().keySet()));
        assertEquals("inception", back.auxAfter("aux1"));
        Bottleneck paper = (Bottleneck) back.children().get("layer3");
        assertEquals(Bottleneck.StrideAt.CONV1, paper.strideAt());
        assertEquals(5, ((Inception) back.children().get("inception")).kernel5x5());
        assertEquals(Inception.Unit.BASIC_CONV2D, ((Inception) back.children().get("inception")).unit());
        assertEquals(Inception.Unit.CONV_RELU, ((Inception) back.children().get("inception2014")).unit());
        Tensor images = Tensor.randn(INPUT.withBatch(3), new Rng(8), 1.0);
        assertArrayEquals(model.eval().predict(images).data(), back.eval().predict(images).data());
    }

    @Test
    void theReaderCountsExactlyTheValuesEachBlockHolds() {
        Rng rng = new Rng(4);
        List<Module> blocks = List.of(new BasicConv2d(3, 8, 3, 2, 1, rng), new Inception(8, 4, 3, 4, 2, 4, 4, 3, rng),
                new ConvReLU(3, 8, 3, 2, 1, rng), new Inception(8, 4, 3, 4, 2, 4, 4, 5, Inception.Unit.CONV_RELU, rng),
                new InceptionAux(16, 5, 0.7f, rng), new InceptionAux(16, 5, 0.5f, 4, 6, rng),
                new BasicBlock(8, 8, 1, rng), new BasicBlock(8, 16, 2, rng),
                new Bottleneck(16, 4, 1, Bottleneck.StrideAt.CONV2, rng),
                new Bottleneck(16, 8, 2, Bottleneck.StrideAt.CONV1, rng), everyBlock(rng));
        for (Module block : blocks) {
            long values = block.stateDict().values().stream().mapToLong(Tensor::size).sum();
            String json = Architecture.toJson(block);
            assertEquals(json, Architecture.toJson(Architecture.fromJson(json, new Rng(0), values)));
            String message = assertThrows(IllegalArgumentException.class,
                    () -> Architecture.fromJson(json, new Rng(0), values - 1), block.describe()).getMessage();
            assertTrue(message.contains("more parameter and buffer values than the limit of " + (values - 1)),
                    message);
        }
    }

    @Test
    void anInceptionWrittenBeforeItsUnitWasASettingHasTorchvisionsUnits() {
        Module read = Architecture.fromJson(ArchitectureTest.doc("{\"type\": \"Inception\", \"in\": 8, "
                + "\"widths\": [4, 3, 4, 2, 4, 4], \"kernel5x5\": 5}"), new Rng(0));
        assertEquals(Inception.Unit.BASIC_CONV2D, ((Inception) read).unit());
        assertEquals(new Inception(8, 4, 3, 4, 2, 4, 4, 5, new Rng(0)).stateDict().keySet(),
                read.stateDict().keySet());
    }

    @Test
    void settingsABlockRefusesAreNamedWithTheirPath() {
        ArchitectureTest.assertError("root.unit: expected \"BasicConv2d\" or \"ConvReLU\", found 'Conv2d'",
                ArchitectureTest.doc("{\"type\": \"Inception\", \"in\": 8, \"widths\": [1, 2, 3, 4, 5, 6], "
                        + "\"kernel5x5\": 5, \"unit\": \"Conv2d\"}"));
        ArchitectureTest.assertError("root.strideAt: expected \"conv1\" or \"conv2\", found 'conv3'",
                ArchitectureTest.doc("{\"type\": \"Bottleneck\", \"in\": 8, \"planes\": 2, \"stride\": 2, "
                        + "\"strideAt\": \"conv3\"}"));
        ArchitectureTest.assertError("root: Inception: the kernel of the 5x5 branch must be odd and positive",
                ArchitectureTest.doc("{\"type\": \"Inception\", \"in\": 8, \"widths\": [1, 2, 3, 4, 5, 6], "
                        + "\"kernel5x5\": 4}"));
        ArchitectureTest.assertError("root.children[1].after: SequentialWithAux: auxiliary classifier 'aux' follows "
                + "'nowhere', which is not a layer of the main path [fc]", ArchitectureTest.doc("{\"type\": "
                + "\"SequentialWithAux\", \"children\": [{\"name\": \"fc\", \"module\": {\"type\": \"Linear\", "
                + "\"in\": 4, \"out\": 2, \"bias\": true}}, {\"name\": \"aux\", \"after\": \"nowhere\", "
                + "\"module\": {\"type\": \"Linear\", \"in\": 4, \"out\": 2, \"bias\": true}}]}"));
        ArchitectureTest.assertError("root.widths: ", ArchitectureTest.doc("{\"type\": \"Inception\", \"in\": 8, "
                + "\"widths\": [1, 2, 3], \"kernel5x5\": 5}"));
    }

    @Test
    void trainingModeRunsTheAuxiliaryClassifierAndEvaluationDoesNot() {
        SequentialWithAux model = everyBlock(new Rng(5));
        Variable out = model.call(Variable.of(Tensor.randn(INPUT.withBatch(2), new Rng(6), 1.0)));
        assertEquals(1, model.auxOutputs(out).size());
        assertEquals(Shape.of(2, 5), model.auxOutputs(out).get(0).shape());
        model.eval();
        Variable evalOut = model.call(Variable.of(Tensor.randn(INPUT.withBatch(2), new Rng(6), 1.0)));
        assertEquals(List.of(), model.auxOutputs(evalOut));
        assertEquals(List.of(), model.auxOutputs(out), "the outputs of an earlier pass are gone");
    }
}
