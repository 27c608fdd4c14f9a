package conv4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import conv4j.io.SafeTensors;
import conv4j.io.TensorData;
import conv4j.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * torchvision's CNNs as {@code torch.onnx.export} writes them, at opsets 13 and 17: tools/export_torchvision.py
 * {@code --onnx-opsets 13,17} writes each model (random weights and BatchNorm statistics) to ONNX with a fixed input
 * and PyTorch's eval-mode output, and the imported graph must give the same logits within 1e-4 of their largest
 * magnitude. Runs when the folder named by CONV4J_TORCHVISION (or the system property conv4j.torchvision) holds
 * those files, as .ci/run arranges where PyTorch is installed; skipped otherwise.
 */
class TorchvisionOnnxTest {
    private static final double TOLERANCE = 1e-4;

    private static Path file(String name) {
        String dir = System.getProperty("conv4j.torchvision", System.getenv("CONV4J_TORCHVISION"));
        assumeTrue(dir != null && !dir.isBlank(), "CONV4J_TORCHVISION is not set: no torchvision exports to compare");
        Path f = Path.of(dir).resolve(name);
        assumeTrue(Files.isRegularFile(f), f + " is missing (tools/export_torchvision.py --onnx-opsets writes it)");
        return f;
    }

    @ParameterizedTest(name = "torchvision {0} exported at opset {1} gives PyTorch''s logits")
    @CsvSource({
        "alexnet, 13", "alexnet, 17",
        "vgg11_bn, 13", "vgg11_bn, 17",
        "googlenet, 13", "googlenet, 17",
        "resnet18, 13", "resnet18, 17",
        "resnet50, 13", "resnet50, 17",
    })
    void importedGraphGivesPyTorchsOutput(String model, int opset) throws IOException {
        Path onnx = file(model + "-opset" + opset + ".onnx");
        Map<String, TensorData> io = SafeTensors.read(file(model + "-io.safetensors")).tensors();
        Tensor input = io.get("input").tensor();
        Tensor expected = io.get("output").tensor();
        Tensor actual = OnnxImport.load(onnx).predict(input);

        assertEquals(expected.shape(), actual.shape(), model + ": output shape");
        float[] e = expected.data();
        float[] a = actual.data();
        double scale = 0;
        double worst = 0;
        int at = 0;
        for (int i = 0; i < e.length; i++) {
            scale = Math.max(scale, Math.abs(e[i]));
            double d = Math.abs(e[i] - a[i]);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        double relative = worst / scale;
        System.out.printf("%s opset %d: max |conv4j - pytorch| = %.3g, relative to max |pytorch| %.3g: %.3g%n", model,
                opset, worst, scale, relative);
        assertTrue(relative <= TOLERANCE, model + " opset " + opset + ": output " + at + " is " + a[at]
                + ", PyTorch's " + e[at] + "; the difference " + worst + " is " + relative + " of the largest output "
                + scale);
    }
}
