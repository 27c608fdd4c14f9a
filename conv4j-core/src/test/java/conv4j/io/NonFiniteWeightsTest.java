package conv4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import conv4j.nn.Module;
import conv4j.tensor.Rng;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A weight that is NaN or infinite makes every score NaN: such a file is refused, naming the tensor. */
class NonFiniteWeightsTest {
    @TempDir
    Path dir;

    @Test
    void aNanWeightIsRefusedWithTheTensorAndIndexNamed() throws IOException {
        Module tiny = TestModels.tiny(new Rng(1));
        float[] w = tiny.stateDict().get("1.weight").data(); // 2 x 3
        w[4] = Float.NaN;
        w[5] = Float.POSITIVE_INFINITY;
        Path file = dir.resolve("nan.safetensors");
        ModelFile.save(file, tiny, TestModels.tinyInfo());

        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertEquals(file + ": tensor '1.weight' holds NaN at index 4 (2 of its 6 values are not finite); the model "
                + "cannot predict", e.getMessage());

        Module target = TestModels.tiny(new Rng(2));
        float[] before = target.stateDict().get("1.weight").data().clone();
        assertThrows(ModelFileException.class, () -> ModelFile.loadInto(file, target));
        assertArrayEquals(before, target.stateDict().get("1.weight").data(), "the model is left as it was");
    }

    @Test
    void anInfiniteBiasIsRefused() throws IOException {
        Module tiny = TestModels.tiny(new Rng(1));
        tiny.stateDict().get("1.bias").data()[1] = Float.NEGATIVE_INFINITY;
        Path file = dir.resolve("inf.safetensors");
        ModelFile.save(file, tiny, TestModels.tinyInfo());
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertEquals(file + ": tensor '1.bias' holds -Infinity at index 1 (1 of its 2 values are not finite); the "
                + "model cannot predict", e.getMessage());
    }
}
