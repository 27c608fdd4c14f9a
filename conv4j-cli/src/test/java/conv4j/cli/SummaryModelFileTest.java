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
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code summary} of a model file: a trained LeNet-5 keeps the lecture's names; the zoo's options are refused. */
class SummaryModelFileTest {
    @TempDir
    static Path dir;
    static Path lenet;

    @BeforeAll
    static void trainedLeNet() throws IOException {
        lenet = dir.resolve("digits.safetensors");
        ModelFile.save(lenet, Models.create("lenet5", 10, new Rng(4)), new ModelInfo("lenet5", Shape.of(1, 28, 28),
                List.of(0.1307), List.of(0.3081), List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                Map.of()));
    }

    @Test
    void aLeNet5FileShowsTheLecturesNames() throws Exception {
        CliRun r = CliRun.of("summary", lenet.toString());
        assertEquals(0, r.exitCode(), r.err());
        String c3 = r.out().lines().filter(l -> l.startsWith("features.3 ")).findFirst().orElseThrow();
        assertTrue(c3.matches("features\\.3\\s+C3\\s+Conv2d\\(6, 16, kernel 5x5\\).*"), c3);
        JsonNode rows = new ObjectMapper().readTree(CliRun.of("summary", lenet.toString(), "--json").out())
                .get("rows");
        assertEquals("F6", rows.get(9).get("lectureName").asText(), rows.get(9).toString());
    }

    @Test
    void theZoosOptionsOnAFileAreOneLineEachNamingTheFile() throws Exception {
        CliRun paper = CliRun.of("summary", lenet.toString(), "--paper");
        assertEquals(2, paper.exitCode());
        assertTrue(paper.errorLine().startsWith("conv4j: --paper "), paper.err());
        assertTrue(paper.errorLine().contains(lenet.toString()), paper.err());

        CliRun plan = CliRun.of("summary", lenet.toString(), "--plan");
        assertEquals(2, plan.exitCode());
        assertTrue(plan.errorLine().startsWith("conv4j: --plan "), plan.err());
        assertTrue(plan.errorLine().contains(lenet.toString()), plan.err());

        CliRun classes = CliRun.of("summary", lenet.toString(), "--classes", "3");
        assertEquals(2, classes.exitCode());
        assertTrue(classes.errorLine().startsWith("conv4j: --classes "), classes.err());
        assertTrue(classes.errorLine().contains("10 classes"), classes.err());

        Path onnx = ToyOnnx.chain(dir.resolve("digits.onnx"), 1);
        CliRun onnxPaper = CliRun.of("summary", onnx.toString(), "--paper");
        assertEquals(2, onnxPaper.exitCode());
        assertTrue(onnxPaper.errorLine().startsWith("conv4j: --paper "), onnxPaper.err());
        assertTrue(onnxPaper.errorLine().contains(onnx.toString()), onnxPaper.err());
    }
}
