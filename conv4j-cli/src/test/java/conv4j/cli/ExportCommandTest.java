package conv4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.io.ModelFile;
import conv4j.io.ModelInfo;
import conv4j.nn.Module;
import conv4j.onnx.OnnxImport;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.vision.models.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conv4j export}: a model file or a zoo model as ONNX that computes what conv4j computes. */
class ExportCommandTest {
    @TempDir
    Path dir;

    @Test
    void aModelFileExportsToOnnxThatGivesTheSameScores() throws Exception {
        Module lenet = Models.create("lenet5", new Rng(3));
        Path file = dir.resolve("lenet.safetensors");
        ModelFile.save(file, lenet, ModelInfo.of("lenet5", Shape.of(1, 28, 28),
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")));
        Path onnx = dir.resolve("lenet.onnx");

        CliRun r = CliRun.of("export", file.toString(), "--out", onnx.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("exported " + file + " (61,706 parameters, input N x 1x28x28) to " + onnx),
                r.err());
        Tensor x = Tensor.randn(Shape.of(3, 1, 28, 28), new Rng(4), 1);
        lenet.eval();
        assertArrayEquals(lenet.predict(x).data(), OnnxImport.load(onnx).predict(x).data(), 1e-5f);
    }

    @Test
    void aZooModelExportsAtTheInputGiven() throws Exception {
        Path onnx = dir.resolve("resnet18.onnx");
        CliRun r = CliRun.of("export", "resnet18", "--input", "3x64x64", "--out", onnx.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(Shape.of(2, 1000), OnnxImport.load(onnx).outputShape(Shape.of(2, 3, 64, 64)));
    }

    @Test
    void mistakesAreOneLineAndWriteNothing() throws Exception {
        Path onnx = dir.resolve("x.onnx");
        CliRun missing = CliRun.of("export", dir.resolve("missing.safetensors").toString(), "--out", onnx.toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.errorLine().contains("missing.safetensors"), missing.err());

        CliRun.of("export", "lenet5", "--out", onnx.toString());
        CliRun again = CliRun.of("export", onnx.toString(), "--out", dir.resolve("y.onnx").toString());
        assertEquals(1, again.exitCode());
        assertEquals("conv4j: " + onnx + " is an ONNX file already", again.errorLine());

        CliRun folder = CliRun.of("export", "lenet5", "--out", dir.resolve("no/such/x.onnx").toString());
        assertEquals(1, folder.exitCode());
        assertTrue(folder.errorLine().contains("does not exist"), folder.err());
        assertTrue(Files.notExists(dir.resolve("y.onnx")));
    }
}
