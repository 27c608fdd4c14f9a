package conv4j.vision.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import conv4j.autograd.Variable;
import conv4j.io.Architecture;
import conv4j.io.LoadedModel;
import conv4j.io.ModelFile;
import conv4j.io.ModelInfo;
import conv4j.nn.Module;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model of each family saved and loaded gives the same outputs. VGG's layers are AlexNet's plus batch norm, which
 * the ResNets carry; its 130 million weights would only make this slow.
 */
class ZooModelFilesTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> eachFamilyComesBackFromAModelFile() {
        Map<String, Shape> models = Map.of("resnet18", Shape.of(3, 32, 32), "resnet50-v1", Shape.of(3, 32, 32),
                "googlenet-aux", Shape.of(3, 64, 64), "googlenet-2014", Shape.of(3, 64, 64),
                "alexnet-lrn", Shape.of(3, 67, 67),
                "lenet5", Shape.of(1, 28, 28));
        return models.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> DynamicTest.dynamicTest(
                e.getKey(), () -> roundTrip(e.getKey(), e.getValue())));
    }

    private void roundTrip(String name, Shape input) throws IOException {
        Rng rng = new Rng(11);
        Module model = Models.create(name, 3, input, rng);
        model.train();
        model.call(Variable.of(Tensor.randn(input.withBatch(2), rng, 1))); // batch norm statistics move
        Path file = dir.resolve(name + ".safetensors");
        ModelFile.save(file, model, ModelInfo.of(name, input, List.of("a", "b", "c")));

        LoadedModel loaded = ModelFile.load(file);
        assertEquals(Architecture.toJson(model), Architecture.toJson(loaded.model()));
        assertEquals(model.stateDict().keySet(), loaded.model().stateDict().keySet());
        Tensor images = Tensor.randn(input.withBatch(2), new Rng(12), 1);
        assertArrayEquals(model.eval().predict(images).data(), loaded.model().eval().predict(images).data(), name);
    }
}
