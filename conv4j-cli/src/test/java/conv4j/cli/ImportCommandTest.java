package conv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import conv4j.io.LoadedModel;
import conv4j.io.ModelFile;
import conv4j.io.SafeTensors;
import conv4j.io.TensorData;
import conv4j.nn.BatchNorm2d;
import conv4j.nn.Module;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.vision.models.Models;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {
    private static final Shape INPUT = Shape.of(3, 32, 32);

    @TempDir
    Path dir;

    /** A bare state_dict, as PyTorch's safetensors writer leaves it: tensors by name, no conv4j metadata. */
    private Path exportStateDict(Module model, String name) throws IOException {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        model.stateDict().forEach((k, t) -> tensors.put(k, TensorData.of(t)));
        for (Module m : model.modules()) {
            if (m instanceof BatchNorm2d bn) {
                tensors.put(bn.path() + ".num_batches_tracked", TensorData.scalar(bn.batchesTracked()));
            }
        }
        Path file = dir.resolve(name);
        SafeTensors.write(file, tensors, Map.of());
        return file;
    }

    @Test
    void importedWeightsGiveTheExportingModelsAnswers() throws Exception {
        Module original = Models.create("resnet18", 3, INPUT, new Rng(5));
        original.eval();
        Path weights = exportStateDict(original, "resnet18-state.safetensors");
        Path names = Files.writeString(dir.resolve("classes.txt"), "blue-circle\ngreen-circle\nred-square\n");
        Path out = dir.resolve("imported.safetensors");

        CliRun r = CliRun.of("import", "resnet18", weights.toString(), "--input", "3x32x32", "--class-names",
                names.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());

        LoadedModel loaded = ModelFile.load(out);
        assertEquals(List.of("blue-circle", "green-circle", "red-square"), loaded.info().classNames());
        assertEquals(List.of(0.485, 0.456, 0.406), loaded.info().mean());
        loaded.model().eval();
        Tensor x = Tensor.randn(INPUT.withBatch(2), new Rng(1), 1.0);
        assertTrue(java.util.Arrays.equals(original.predict(x).data(), loaded.model().predict(x).data()),
                "the imported model computes what the exported one did");

        Path photo = ToyPictures.photo(dir.resolve("photo.png"), 2);
        CliRun p = CliRun.of("predict", out.toString(), photo.toString(), "--json");
        assertEquals(0, p.exitCode(), p.err());
        JsonNode top = new ObjectMapper().readTree(p.out()).get("predictions").get(0).get("top");
        assertEquals(3, top.size());
    }

    @Test
    void weightsOfAnotherNetworkAreListedAndNothingIsWritten() throws IOException {
        Path weights = exportStateDict(Models.create("resnet18", 10, INPUT, new Rng(5)), "resnet18.safetensors");
        Path out = dir.resolve("never.safetensors");
        CliRun r = CliRun.of("import", "resnet34", weights.toString(), "--classes", "10", "--input", "3x32x32",
                "--out", out.toString());
        assertEquals(1, r.exitCode(), r.err());
        String line = r.errorLine();
        assertTrue(line.contains("resnet18.safetensors") && line.contains("layer1.2.conv1.weight"), line);
        assertFalse(Files.exists(out));

        r = CliRun.of("import", "resnet18", weights.toString(), "--input", "3x32x32", "--out", out.toString());
        assertEquals(1, r.exitCode(), r.err()); // 1000 classes by default: fc.weight is 10 x 512 in the file
        assertTrue(r.errorLine().contains("fc.weight"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void badArgumentsNameWhatWasWrong() throws IOException {
        Path weights = dir.resolve("w.safetensors");
        CliRun r = CliRun.of("import", "nonesuch", weights.toString(), "--out", "x.safetensors");
        assertEquals(2, r.exitCode());
        assertTrue(r.errorLine().contains("nonesuch"), r.err());

        r = CliRun.of("import", "resnet18", weights.toString(), "--out", dir.resolve("x.safetensors").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.errorLine().contains("w.safetensors: no such file"), r.err());

        Path names = Files.writeString(dir.resolve("two.txt"), "cat\ndog\n");
        r = CliRun.of("import", "resnet18", weights.toString(), "--classes", "3", "--class-names", names.toString(),
                "--out", dir.resolve("x.safetensors").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.errorLine().contains("has 2 names, --classes is 3"), r.err());

        r = CliRun.of("import", "resnet18", weights.toString(), "--mean", "0.5", "--std", "0.5",
                "--out", dir.resolve("x.safetensors").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.errorLine().contains("one value per channel (3)"), r.err());
    }

    @Test
    void classNamesThatAreNotUtf8AreNamedWithTheFirstBadByte() throws IOException {
        Path names = dir.resolve("latin1.txt");
        Files.write(names, new byte[] {'c', 'a', 't', '\n', 'c', 'a', 'f', (byte) 0xe9, '\n'}); // "café" in Latin-1
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ImportCommand.readClassNames(names));
        assertEquals(names + ": not UTF-8 text (byte 0xe9 at offset 7); save the class names as UTF-8, one a line",
                e.getMessage());
    }

    @Test
    void aConvModelFileIsRefusedRatherThanStrippedOfItsClasses() throws IOException {
        Path fm = dir.resolve("fm.safetensors");
        conv4j.io.ModelFile.save(fm, conv4j.vision.models.Models.create("lenet5", new conv4j.tensor.Rng(1)),
                conv4j.io.ModelInfo.of("lenet5", Shape.of(1, 28, 28), conv4j.vision.data.MnistVariant.FASHION_MNIST
                        .classNames()));
        CliRun r = CliRun.of("import", "lenet5", fm.toString(), "--out", dir.resolve("x.safetensors").toString());
        assertEquals(1, r.exitCode());
        assertEquals("conv4j: " + fm + " is a conv4j model file already, with its classes and normalisation; use it "
                + "as it is ('conv4j predict " + fm + " ...'); import takes a state_dict exported from PyTorch",
                r.errorLine());
        assertTrue(Files.notExists(dir.resolve("x.safetensors")));
    }
}
