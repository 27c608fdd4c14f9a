package conv4j.vision.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import conv4j.io.ModelFile;
import conv4j.io.SafeTensors;
import conv4j.io.SafeTensorsFile;
import conv4j.io.TensorData;
import conv4j.nn.LocalResponseNorm;
import conv4j.nn.Module;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * conv4j's zoo against PyTorch: tools/export_torchvision.py writes a torchvision model's weights (random, with random
 * BatchNorm statistics), a fixed input and PyTorch's eval-mode output; the zoo model of the same layout loads the
 * weights by their state_dict names and must give the same logits within 1e-4 of their largest magnitude. Runs when
 * the folder named by CONV4J_TORCHVISION (or the system property conv4j.torchvision) holds those files, as .ci/run
 * arranges where PyTorch and torchvision are installed; skipped otherwise.
 */
class TorchvisionEqualityTest {
    private static final double TOLERANCE = 1e-4;

    private static Path folder() {
        String dir = System.getProperty("conv4j.torchvision", System.getenv("CONV4J_TORCHVISION"));
        assumeTrue(dir != null && !dir.isBlank(), "CONV4J_TORCHVISION is not set: no torchvision files to compare");
        return Path.of(dir);
    }

    private static Path file(String name) {
        Path f = folder().resolve(name);
        assumeTrue(Files.isRegularFile(f), f + " is missing (tools/export_torchvision.py writes it)");
        return f;
    }

    @ParameterizedTest(name = "{1} gives torchvision {0}''s logits")
    @CsvSource({
        "alexnet, alexnet",
        "vgg11, vgg11",
        "vgg11_bn, vgg11_bn",
        "googlenet, googlenet-torchvision",
        "resnet18, resnet18",
        "resnet50, resnet50",
    })
    void zooModelGivesTorchvisionsOutput(String torchvisionName, String zooName) throws IOException {
        Path weights = file(torchvisionName + ".safetensors");
        Map<String, TensorData> io = SafeTensors.read(file(torchvisionName + "-io.safetensors")).tensors();
        Tensor input = io.get("input").tensor();
        Tensor expected = io.get("output").tensor();

        Shape sample = input.shape().dropFirst();
        int classes = expected.shape().dim(1);
        Module model = Models.create(zooName, classes, sample, new Rng(99));
        ModelFile.loadInto(weights, model);
        model.eval();
        assertClose(expected, model.predict(input), zooName);
    }

    @Test
    void localResponseNormGivesTorchsOutput() throws IOException {
        SafeTensorsFile f = SafeTensors.read(file("lrn-io.safetensors"));
        Map<String, String> meta = f.metadata();
        LocalResponseNorm lrn = new LocalResponseNorm(Integer.parseInt(meta.get("size")),
                Double.parseDouble(meta.get("alpha")), Double.parseDouble(meta.get("beta")),
                Double.parseDouble(meta.get("k")));
        // The same setting as AlexNet's, so the zoo's alexnet-lrn is what PyTorch computes.
        LocalResponseNorm alexNet = LocalResponseNorm.alexNet();
        assertEquals(alexNet.size(), lrn.size());
        assertEquals(alexNet.alpha(), lrn.alpha());
        assertEquals(alexNet.beta(), lrn.beta());
        assertEquals(alexNet.k(), lrn.k());
        Tensor input = f.tensors().get("input").tensor();
        assertClose(f.tensors().get("output").tensor(), alexNet.predict(input), "LocalResponseNorm");
    }

    private static void assertClose(Tensor expected, Tensor actual, String what) {
        assertEquals(expected.shape(), actual.shape(), what + ": output shape");
        float[] e = expected.data();
        float[] a = actual.data();
        double scale = 0;
        double worst = 0;
        int at = 0;
        for (int i = 0; i < e.length; i++) {
            scale = Math.max(scale, Math.abs(e[i]));
        }
        for (int i = 0; i < e.length; i++) {
            double d = Math.abs(e[i] - a[i]);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        double relative = worst / scale;
        System.out.printf("%s: max |conv4j - pytorch| = %.3g, relative to max |pytorch| %.3g: %.3g%n", what, worst,
                scale, relative);
        assertTrue(relative <= TOLERANCE, what + ": output " + at + " is " + a[at] + ", PyTorch's " + e[at]
                + "; the difference " + worst + " is " + relative + " of the largest output " + scale);
    }
}
