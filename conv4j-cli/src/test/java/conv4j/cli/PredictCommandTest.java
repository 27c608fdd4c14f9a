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

    @Test
    void aPictureWhereTheModelGoesIsNamedWithTheArgumentOrder() throws Exception {
        Path model = model();
        Path picture = ToyDigits.verticalStrokePhoto(dir.resolve("digit.png"));
        CliRun r = CliRun.of("predict", picture.toString(), model.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("conv4j: " + picture + " is a PNG picture, not a model file; usage: conv4j predict <model> "
                + "<image>...", r.errorLine());

        for (String format : List.of("jpeg", "gif", "bmp")) {
            Path other = dir.resolve("digit." + format);
            javax.imageio.ImageIO.write(javax.imageio.ImageIO.read(picture.toFile()), format, other.toFile());
            String kind = format.toUpperCase(java.util.Locale.ROOT);
            for (String[] args : List.of(new String[] {"eval", other.toString()},
                    new String[] {"summary", other.toString()},
                    new String[] {"visualize", other.toString(), picture.toString(), "--out", dir.toString()},
                    new String[] {"export", other.toString(), "--out", dir.resolve("m.onnx").toString()})) {
                CliRun c = CliRun.of(args);
                assertEquals(1, c.exitCode(), String.join(" ", args) + ": " + c.err());
                assertTrue(c.errorLine().startsWith("conv4j: " + other + " is a " + kind + " picture, not a model "
                        + "file; usage: conv4j " + args[0] + " <model>"), c.err());
            }
        }
        CliRun resume = CliRun.of("train", "--resume", picture.toString());
        assertEquals("conv4j: " + picture + " is a PNG picture, not a model file", resume.errorLine());
        CliRun weights = CliRun.of("import", "lenet5", picture.toString(), "--out", dir.resolve("w.safetensors")
                .toString());
        assertEquals("conv4j: " + picture + " is a PNG picture, not a model file; usage: conv4j import <model> "
                + "[<weights.safetensors>]", weights.errorLine());
    }
}
