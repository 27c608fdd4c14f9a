package conv4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.autograd.Variable;
import conv4j.nn.Conv2d;
import conv4j.nn.Flatten;
import conv4j.nn.Module;
import conv4j.nn.ReLU;
import conv4j.nn.Sequential;
import conv4j.onnx.TensorShapeProto.Dimension;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.vision.models.Models;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the exported file declares, and how export fails: by naming the layer, and without leaving a file behind. */
class OnnxExportFileTest {
    @TempDir
    Path folder;

    /** A layer no row of the export table knows. */
    static final class Doubling extends Module {
        @Override
        public Variable forward(Variable input) {
            return conv4j.autograd.Ops.add(input, input);
        }

        @Override
        public Shape outputShape(Shape input) {
            return input;
        }
    }

    private static Module unexportable() {
        return new Sequential().add("features", new Sequential(new Conv2d(1, 2, 3, new Rng(1)), new Doubling()))
                .add("flatten", new Flatten());
    }

    @Test
    void theFileDeclaresOpset17ASymbolicBatchAndTheStateDictNames() throws Exception {
        Module lenet = Models.create("lenet5", new Rng(1));
        Path file = folder.resolve("lenet5.onnx");
        OnnxExport.write(lenet, Shape.of(1, 28, 28), file);
        ModelProto m = OnnxReader.read(file);
        assertEquals(OnnxExport.toModel(lenet, Shape.of(1, 28, 28)), m);
        assertEquals(8, m.irVersion());
        assertEquals(List.of(new OperatorSetIdProto("", 17)), m.opsetImport());
        assertEquals("conv4j", m.producerName());
        assertFalse(m.producerVersion().isEmpty(), "the project version");
        ValueInfoProto in = m.graph().input().get(0);
        assertEquals("input", in.name());
        assertEquals(List.of(Dimension.of("N"), Dimension.of(1), Dimension.of(28), Dimension.of(28)),
                in.type().shape().dim());
        assertEquals(TensorProto.FLOAT, in.type().elemType());
        ValueInfoProto out = m.graph().output().get(0);
        assertEquals("output", out.name());
        assertEquals(List.of(Dimension.of("N"), Dimension.of(10)), out.type().shape().dim());
        assertEquals(List.copyOf(lenet.stateDict().keySet()),
                m.graph().initializer().stream().map(TensorProto::name).toList());
        assertEquals(List.of("features.0.weight", "features.0.bias"), m.graph().node().get(0).input().subList(1, 3));
    }

    @Test
    void batchNormKeepsItsRunningStatisticsAndDropoutAndAuxiliaryClassifiersAreLeftOut() {
        Module googlenet = Models.create("googlenet-aux", new Rng(1));
        GraphProto g = OnnxExport.toModel(googlenet, Shape.of(3, 64, 64)).graph();
        List<String> weights = g.initializer().stream().map(TensorProto::name).toList();
        assertEquals(googlenet.stateDict().keySet().stream().filter(k -> !k.startsWith("aux")).toList(), weights);
        assertTrue(weights.contains("conv1.bn.running_var"));
        assertTrue(g.node().stream().noneMatch(n -> n.opType().equals("Dropout")));
        NodeProto bn = g.node().stream().filter(n -> n.opType().equals("BatchNormalization")).findFirst()
                .orElseThrow();
        assertEquals(List.of("conv1.conv", "conv1.bn.weight", "conv1.bn.bias", "conv1.bn.running_mean",
                "conv1.bn.running_var"), bn.input());
    }

    @Test
    void anUnknownLayerIsNamedWithItsPathAndTheExportableLayersListed() {
        OnnxExportException e = assertThrows(OnnxExportException.class,
                () -> OnnxExport.toModel(unexportable(), Shape.of(1, 8, 8)));
        assertTrue(e.getMessage().contains("Doubling 'features.1'"), e.getMessage());
        assertTrue(e.getMessage().contains(Doubling.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("exportable layers: Sequential, Conv2d, Linear"), e.getMessage());
        assertTrue(e.getMessage().contains("Bottleneck"), e.getMessage());
    }

    @Test
    void aSubclassOfAnExportableLayerIsRefused() {
        Module custom = new Sequential() { };
        OnnxExportException e = assertThrows(OnnxExportException.class,
                () -> OnnxExport.toModel(custom, Shape.of(1, 4, 4)));
        assertTrue(e.getMessage().contains("no exporter knows this class"), e.getMessage());
    }

    @Test
    void anInputTheModelCannotTakeIsRefusedNamingTheLayer() {
        Module net = new Sequential(new Conv2d(3, 4, 5, new Rng(1)), new ReLU());
        OnnxExportException small = assertThrows(OnnxExportException.class,
                () -> OnnxExport.toModel(net, Shape.of(3, 4, 4)));
        assertTrue(small.getMessage().contains("Conv2d '0'"), small.getMessage());
        OnnxExportException rank = assertThrows(OnnxExportException.class,
                () -> OnnxExport.toModel(net, Shape.of(1, 3, 8, 8)));
        assertTrue(rank.getMessage().contains("C x H x W"), rank.getMessage());
    }

    @Test
    void writingIntoAMissingFolderSaysSoAndCreatesNothing() {
        Path missing = folder.resolve("no-such-folder");
        IOException e = assertThrows(IOException.class, () -> OnnxExport.write(
                new Sequential(new ReLU()), Shape.of(1, 2, 2), missing.resolve("model.onnx")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(Files.exists(missing));
    }

    @Test
    void aFailedExportLeavesTheOldFileAndNoTemporaryOne() throws Exception {
        Path file = folder.resolve("model.onnx");
        Files.writeString(file, "the previous model");
        assertThrows(OnnxExportException.class, () -> OnnxExport.write(unexportable(), Shape.of(1, 8, 8), file));
        assertEquals("the previous model", Files.readString(file));
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aModelThatComputesNothingInEvaluationModePassesItsInputThrough() {
        GraphProto g = OnnxExport.toModel(new conv4j.nn.Dropout(0.5f, new Rng(1)), Shape.of(2, 3, 3)).graph();
        assertEquals(1, g.node().size());
        assertEquals("Identity", g.node().get(0).opType());
        assertEquals(List.of("input"), g.node().get(0).input());
        assertEquals(List.of("output"), g.node().get(0).output());
    }
}
