package conv4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.nn.AdaptiveAvgPool2d;
import conv4j.nn.Conv2d;
import conv4j.nn.Flatten;
import conv4j.nn.Linear;
import conv4j.nn.Module;
import conv4j.nn.Sequential;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files of a few kilobytes that would need gigabytes for one picture are refused before anything runs. */
class ActivationBudgetTest {
    @TempDir
    Path dir;

    /** Writes the model's tensors with a description naming {@code input}, as a hostile file would. */
    private Path file(Module model, Shape input) throws IOException {
        Path file = dir.resolve("hostile.safetensors");
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put(ModelFile.ARCHITECTURE_KEY, Architecture.toJson(model));
        metadata.put(ModelFile.INFO_KEY, ModelInfo.of("hostile", input, List.of()).toJson());
        SafeTensors.write(file, ModelState.of(model), metadata);
        assertTrue(Files.size(file) < 4096, "a small file: " + Files.size(file) + " bytes");
        return file;
    }

    private static Sequential pooledTo(int size, Rng rng) {
        return new Sequential(new Conv2d(1, 2, 3, rng), new AdaptiveAvgPool2d(size, size), new Flatten(),
                new Linear(2 * size * size, 2, rng));
    }

    @Test
    void anAdaptivePoolToTwelveThousandSquaredIsRefusedNamingTheLayer() throws IOException {
        Rng rng = new Rng(1);
        Sequential small = new Sequential(new Conv2d(1, 2, 3, rng), new AdaptiveAvgPool2d(12000, 12000));
        Path file = file(small, Shape.of(1, 8, 8));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        // 2 x 12000 x 12000 floats are 1,152,000,000 bytes, 1.07 GiB; the input and the convolution add 544 bytes
        assertEquals(file + ": conv4j.info: one 1x8x8 picture needs 1.1 GiB of activations in a forward pass, "
                + "over the limit of 1.0 GiB; the largest is layer '1' (AdaptiveAvgPool2d(12000x12000)), "
                + "1x2x12000x12000 = 1.1 GiB", e.getMessage());
    }

    @Test
    void justUnderTheLimitLoads() throws IOException {
        // 2 x 11000 x 11000 floats: 968,000,000 bytes, 0.90 GiB
        Rng rng = new Rng(1);
        Sequential small = new Sequential(new Conv2d(1, 2, 3, rng), new AdaptiveAvgPool2d(11000, 11000));
        ModelFile.load(file(small, Shape.of(1, 8, 8)));
    }

    @Test
    void aPaddingOfSixThousandIsRefused() throws IOException {
        Rng rng = new Rng(2);
        Module padded = new Sequential(Conv2d.builder(1, 2, 3).padding(6000).build(new Rng(2)),
                new AdaptiveAvgPool2d(1, 1), new Flatten(), new Linear(2, 2, rng));
        Path file = file(padded, Shape.of(1, 28, 28));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("the largest is layer '0' (Conv2d"), e.getMessage());
        assertTrue(e.getMessage().contains("1x2x12026x12026 = 1.1 GiB"), e.getMessage());
    }

    @Test
    void anInputOfTwentyThousandSquaredIsRefused() throws IOException {
        Path file = file(new Sequential(new AdaptiveAvgPool2d(1, 1), new Flatten()), Shape.of(1, 20000, 20000));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        // 400,000,000 floats: 1.49 GiB
        assertTrue(e.getMessage().contains("one 1x20000x20000 picture needs 1.5 GiB of activations"), e.getMessage());
        assertTrue(e.getMessage().endsWith("the largest is the input, 1x1x20000x20000 = 1.5 GiB"), e.getMessage());
    }

    @Test
    void theLargestZooScaleModelsStayWellInside() {
        // 64 maps of 224 x 224, as VGG's first block puts out twice, plus the input: 26 MB
        Module vggBlock = new Sequential(Conv2d.builder(3, 64, 3).padding(1).build(new Rng(4)),
                Conv2d.builder(64, 64, 3).padding(1).build(new Rng(5)));
        ActivationBudget.check(vggBlock, Shape.of(3, 224, 224));
        ActivationBudget.check(pooledTo(7, new Rng(6)), Shape.of(1, 28, 28));
    }
}
