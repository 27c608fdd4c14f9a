package conv4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.io.LoadOptions;
import conv4j.io.LoadedModel;
import conv4j.io.ModelFileException;
import conv4j.io.ModelFiles;
import conv4j.io.ModelInfo;
import conv4j.nn.Sequential;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxFormatTest {
    private static final List<String> NAMES = List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine");

    @TempDir
    Path dir;

    @Test
    void modelFilesOpensAnOnnxFileThroughTheServiceLoader() throws Exception {
        Path file = ToyOnnx.chain(dir.resolve("digits.onnx"), 1);
        LoadedModel loaded = ModelFiles.load(file);
        assertInstanceOf(OnnxModel.class, loaded.model());
        ModelInfo info = loaded.info();
        assertEquals(Shape.of(1, 28, 28), info.inputShape());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), info.classNames());
        assertEquals(List.of(0.1307), info.mean(), "a 1x28x28 graph is assumed to take MNIST's normalisation");
        assertEquals("28x28", info.facts().get(ModelInfo.RESIZE_FACT),
                "pictures are resized, not prepared as handwritten digits, unless asked");
        assertTrue(info.facts().get(ModelInfo.ASSUMED_FACT).contains("MNIST"));
    }

    @Test
    void aRenamedOnnxFileIsToldByItsFirstByte() throws Exception {
        Path file = Files.move(ToyOnnx.chain(dir.resolve("a.onnx"), 1), dir.resolve("model.bin"));
        assertInstanceOf(OnnxModel.class, ModelFiles.load(file).model());
    }

    @Test
    void whatTheUserSaysReplacesTheAssumptions() throws Exception {
        Path file = ToyOnnx.chain(dir.resolve("digits.onnx"), 1);
        LoadOptions options = LoadOptions.none().withClassNames(NAMES)
                .withNormalisation(List.of(0.5), List.of(0.25)).withPreparation(LoadOptions.Preparation.DIGIT);
        ModelInfo info = ModelFiles.load(file, options).info();
        assertEquals(NAMES, info.classNames());
        assertEquals(List.of(0.25), info.std());
        assertFalse(info.facts().containsKey(ModelInfo.RESIZE_FACT), "digit preparation has no resize step");
        assertFalse(info.facts().containsKey(ModelInfo.ASSUMED_FACT));
    }

    @Test
    void anOpenPictureSizeIsGivenByTheUserAndCheckedAgainstTheFixedDimensions() throws Exception {
        Path file = ToyOnnx.branching(dir.resolve("open.onnx"), 2);
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(file));
        assertTrue(open.getMessage().contains("Nx3xHxW") && open.getMessage().contains("--input"),
                open.getMessage());
        ModelInfo info = ModelFiles.load(file, LoadOptions.none().withInputShape(Shape.of(3, 40, 30))).info();
        assertEquals(Shape.of(3, 40, 30), info.inputShape());
        assertEquals(List.of(), info.mean(), "no normalisation is assumed for a graph of unknown origin");
        IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
                () -> ModelFiles.load(file, LoadOptions.none().withInputShape(Shape.of(1, 40, 30))));
        assertTrue(channels.getMessage().contains("fixes its input"), channels.getMessage());
    }

    @Test
    void aFileThatIsNotOnnxFailsNamingItInOneLine() throws Exception {
        Path notOnnx = Files.write(dir.resolve("picture.onnx"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(notOnnx));
        assertTrue(e.getMessage().startsWith(notOnnx + ": not a valid ONNX file"), e.getMessage());
        byte[] whole = Files.readAllBytes(ToyOnnx.chain(dir.resolve("whole.onnx"), 1));
        Path cut = Files.write(dir.resolve("cut.onnx"), java.util.Arrays.copyOf(whole, whole.length / 2));
        ModelFileException truncated = assertThrows(ModelFileException.class, () -> ModelFiles.load(cut));
        assertTrue(truncated.getMessage().startsWith(cut + ": not a valid ONNX file"), truncated.getMessage());
    }

    @Test
    void aChainBecomesASequentialThatComputesWhatTheGraphDoes() throws Exception {
        Path file = ToyOnnx.chain(dir.resolve("digits.onnx"), 3);
        LoadedModel chain = OnnxFormat.loadSequential(file, LoadOptions.none());
        Sequential seq = assertInstanceOf(Sequential.class, chain.model());
        assertEquals(List.of("Conv2d", "BatchNorm2d", "ReLU", "MaxPool2d", "Flatten", "Linear"),
                seq.layers().stream().map(m -> m.getClass().getSimpleName()).toList(), "Dropout is skipped");
        seq.eval();
        Tensor x = Tensor.randn(Shape.of(2, 1, 28, 28), new Rng(4), 1.0);
        assertArrayEquals(OnnxImport.load(file).predict(x).data(), seq.predict(x).data(), 1e-6f);
    }

    @Test
    void aGraphThatBranchesIsNoSequentialAndTheNodeIsNamed() throws Exception {
        Path file = ToyOnnx.branching(dir.resolve("branch.onnx"), 2);
        OnnxImportException e = assertThrows(OnnxImportException.class,
                () -> OnnxFormat.loadSequential(file, LoadOptions.none().withInputShape(Shape.of(3, 8, 8))));
        assertTrue(e.getMessage().startsWith("Add node 'add1'"), e.getMessage());
    }

    @Test
    void theSummaryListsEveryNodeWithItsLayersParameters() throws Exception {
        Path file = ToyOnnx.chain(dir.resolve("digits.onnx"), 1);
        OnnxSummary s = OnnxSummary.of(OnnxFormat.read(file), Shape.of(1, 28, 28));
        assertEquals(List.of("conv1", "bn1", "relu1", "pool1", "flat", "drop", "fc"),
                s.rows().stream().map(OnnxSummary.Row::name).toList());
        assertEquals(Shape.of(1, 4, 14, 14), s.rows().get(3).outputShape());
        // conv 4*1*3*3 + 4, batch norm's scale and shift 2*4, fc 10*784 + 10
        assertEquals(40 + 8 + 7850, s.parameters());
        // conv 28*28 outputs per channel of 9 products each, fc 10*784
        assertEquals(4L * 28 * 28 * 9 + 10 * 784, s.rows().get(0).multiplyAdds() + s.rows().get(6).multiplyAdds());
    }
}
