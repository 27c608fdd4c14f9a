package conv4j.vision.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.io.ModelFile;
import conv4j.io.ModelFileException;
import conv4j.io.ModelInfo;
import conv4j.nn.Module;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user gets wrong with the zoo: an input too small for a network, weights of another network. */
class ZooBadInputTest {
    @TempDir
    Path dir;

    private static String tooSmall(String model, Shape input) {
        return assertThrows(IllegalArgumentException.class, () -> Models.create(model, 10, input, new Rng(0)))
                .getMessage();
    }

    @Test
    void anInputTooSmallNamesTheLayerWhereTheMapVanishesAndTheSmallestInputThatWorks() {
        // five 2x2 poolings: 16 -> 8 -> 4 -> 2 -> 1, and the fifth has no 2x2 window left
        assertEquals("MaxPool2d 'features.20' on input 1x512x1x1: kernel height 2 is larger than the padded input "
                + "height 1 + 2 * 0 = 1; vgg-a takes inputs of at least 3x32x32",
                tooSmall("vgg-a", Shape.of(3, 16, 16)));
        // 7x7/2 then four 3x3/2 ceil-mode poolings: 47 -> 24 -> 12 -> 6 -> 3 -> 1, but 46 -> 23 -> 11 -> 5 -> 2
        String grey = tooSmall("googlenet", Shape.of(1, 32, 32));
        assertTrue(grey.startsWith("MaxPool2d 'maxpool4' on input 1x832x2x2: "), grey);
        assertTrue(grey.endsWith("; googlenet takes inputs of at least 1x47x47"), grey);
    }

    @Test
    void theSmallestInputIsTheFirstSizeThatFits() {
        ModelEntry googlenet = Models.list().get("googlenet");
        int side = ModelRegistry.smallestSide(googlenet, 10, Shape.of(3, 8, 8), null).orElseThrow();
        Models.create("googlenet", 10, Shape.of(3, side, side), new Rng(0));
        assertThrows(IllegalArgumentException.class,
                () -> Models.create("googlenet", 10, Shape.of(3, side - 1, side - 1), new Rng(0)));
        assertEquals(OptionalInt.of(28), ModelRegistry.smallestSide(Models.list().get("lenet5"), 10,
                Shape.of(1, 8, 8), null), "LeNet-5's layers follow the input size: each candidate is built");
        Models.create("googlenet-torchvision", 10, Shape.of(3, 32, 32), new Rng(0)); // 2x2 pooling fits CIFAR
    }

    @Test
    void resNetsTakeAnySizeDownToOnePixel() {
        // a 7x7/2 convolution with padding 3 and a 3x3/2 pooling with padding 1 map 1x1 to 1x1; then adaptive pooling
        assertEquals(OptionalInt.of(1), ModelRegistry.smallestSide(Models.list().get("resnet18"), 10,
                Shape.of(3, 8, 8), null));
    }

    @Test
    void weightsOfAnotherArchitectureListEveryMismatch() throws IOException {
        Shape input = Shape.of(3, 32, 32);
        Path file = dir.resolve("resnet18.safetensors");
        ModelFile.save(file, Models.create("resnet18", 10, input, new Rng(1)), ModelInfo.of("resnet18", input,
                List.of()));
        Module resnet34 = Models.create("resnet34", 10, input, new Rng(2));
        String message = assertThrows(ModelFileException.class, () -> ModelFile.loadInto(file, resnet34))
                .getMessage();
        // ResNet-34 has 3, 4, 6 and 3 blocks where ResNet-18 has two in every stage
        // (12 tensors each: two convolutions, two batch norms of weight, bias, mean, variance and count)
        assertTrue(message.startsWith(file + ": the tensors do not match the model: missing 96: "
                + "'layer1.2.conv1.weight' (64x64x3x3), 'layer1.2.bn1.weight' (64), "), message);
        assertTrue(message.endsWith(", and 86 more"), message);

        Path tv = dir.resolve("googlenet-torchvision.safetensors");
        ModelFile.save(tv, Models.create("googlenet-torchvision", 10, input, new Rng(3)), ModelInfo.of("g", input,
                List.of()));
        String shapes = assertThrows(ModelFileException.class, () -> ModelFile.loadInto(tv,
                Models.create("googlenet", 10, Shape.of(3, 64, 64), new Rng(4)))).getMessage();
        assertTrue(shapes.endsWith(": the tensors do not match the model: wrong 9: "
                + "'inception3a.branch3.1.conv.weight' is 32x16x3x3 in the file, 32x16x5x5 in the model, "
                + "'inception3b.branch3.1.conv.weight' is 96x32x3x3 in the file, 96x32x5x5 in the model, "
                + "'inception4a.branch3.1.conv.weight' is 48x16x3x3 in the file, 48x16x5x5 in the model, "
                + "'inception4b.branch3.1.conv.weight' is 64x24x3x3 in the file, 64x24x5x5 in the model, "
                + "'inception4c.branch3.1.conv.weight' is 64x24x3x3 in the file, 64x24x5x5 in the model, "
                + "'inception4d.branch3.1.conv.weight' is 64x32x3x3 in the file, 64x32x5x5 in the model, "
                + "'inception4e.branch3.1.conv.weight' is 128x32x3x3 in the file, 128x32x5x5 in the model, "
                + "'inception5a.branch3.1.conv.weight' is 128x32x3x3 in the file, 128x32x5x5 in the model, "
                + "'inception5b.branch3.1.conv.weight' is 128x48x3x3 in the file, 128x48x5x5 in the model"), shapes);
    }
}
