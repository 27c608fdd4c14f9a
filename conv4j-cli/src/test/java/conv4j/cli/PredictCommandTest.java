package conv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import conv4j.io.ModelFile;
import conv4j.io.ModelInfo;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.vision.models.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A picture that cannot be read costs only itself: the others are still classified and printed. */
class PredictCommandTest {
    @TempDir
    Path dir;

    private Path model() throws Exception {
        Path file = dir.resolve("lenet.safetensors");
        ModelFile.save(file, Models.create("lenet5", new Rng(1)), ModelInfo.of("lenet5", Shape.of(1, 28, 28),
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")));
        return file;
    }

    @Test
    void aBadPictureAmongGoodOnesIsNamedAndTheGoodOnesArePrinted() throws Exception {
        Path model = model();
        Path good = ToyDigits.verticalStrokePhoto(dir.resolve("good.png"));
        Path bad = Files.writeString(dir.resolve("bad.png"), "a download that went wrong");
        Path alsoGood = ToyDigits.verticalStrokePhoto(dir.resolve("also-good.png"));

        CliRun r = CliRun.of("predict", model.toString(), good.toString(), bad.toString(), alsoGood.toString());
        assertEquals(1, r.exitCode(), "not every picture was classified");
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith(good + ": ") && lines.get(1).startsWith(alsoGood + ": "), r.out());
        assertTrue(r.errorLine().startsWith("conv4j: " + bad), r.err());

        CliRun j = CliRun.of("predict", model.toString(), good.toString(), bad.toString(), "--json");
        assertEquals(1, j.exitCode());
        JsonNode report = new ObjectMapper().readTree(j.out());
        assertEquals(1, report.get("predictions").size());
        assertEquals(bad.toString(), report.get("failed").get(0).get("image").asText());
    }
}
