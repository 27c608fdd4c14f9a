package conv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.io.ModelFile;
import conv4j.io.ModelInfo;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.vision.models.Models;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class names from a model file cannot clear the screen or forge lines of output. */
class PrintableTest {
    @TempDir
    Path dir;

    @Test
    void controlCharactersBecomeVisibleEscapes() {
        assertEquals("cat\\u001b[2J", Printable.of("cat\u001b[2J"));
        assertEquals("dog\\u000a0: 100%", Printable.of("dog\n0: 100%"));
        assertEquals("\\u202eevil", Printable.of("\u202eevil"));
        assertEquals("Ankle boot", Printable.of("Ankle boot"));
        assertEquals("猫 chat", Printable.of("猫 chat"));
    }

    @Test
    void predictPrintsHostileClassNamesEscapedOnOneLine() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            names.add("c" + i + (i % 2 == 0 ? "\u001b[2J" : "\r\nforged: 100%"));
        }
        Path model = dir.resolve("hostile.safetensors");
        ModelFile.save(model, Models.create("lenet5", new Rng(1)), ModelInfo.of("lenet5", Shape.of(1, 28, 28), names));
        Path photo = ToyDigits.verticalStrokePhoto(dir.resolve("stroke.png"));
        CliRun r = CliRun.of("predict", model.toString(), photo.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.out().contains("\u001b") || r.out().contains("\r"), r.out());
        assertEquals(1, r.out().lines().count(), r.out());
        assertTrue(r.out().contains("\\u001b[2J") || r.out().contains("\\u000d\\u000aforged"), r.out());
    }
}
