package conv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import conv4j.io.LoadedModel;
import conv4j.io.ModelFile;
import conv4j.tensor.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTrainingTest {
    @TempDir
    static Path shared;
    static Path folder;

    @TempDir
    Path dir;

    @BeforeAll
    static void pictures() throws IOException {
        folder = ToyPictures.write(shared.resolve("shapes"), 20, 3);
    }

    private String[] train(Path data, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--dataset", data.toString(), "--input", "3x32x32",
                "--epochs", "3", "--batch-size", "8", "--optimizer", "adam", "--lr", "0.005",
                "--out", dir.resolve("shapes.safetensors").toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void trainsOnAFolderThenPredictsAndEvaluatesWithTheSavedFile() throws Exception {
        CliRun t = CliRun.of(train(folder, "--augment", "--json"));
        assertEquals(0, t.exitCode(), t.err());
        JsonNode report = new ObjectMapper().readTree(t.out());
        assertEquals("completed", report.get("stopReason").asText());
        assertTrue(t.err().contains("54 training images, 6 validation images"), t.err());
        assertTrue(t.err().contains("pictures resized to 37x37 and cut to 3x32x32"), t.err());
        assertTrue(t.err().contains("validation accuracy"), t.err());
        assertEquals("validation", report.get("validationData").asText(), t.out());
        double accuracy = report.get("testAccuracy").asDouble();
        assertTrue(accuracy >= 5 / 6.0, t.err());

        Path model = dir.resolve("shapes.safetensors");
        LoadedModel loaded = ModelFile.load(model);
        assertEquals(List.of(ToyPictures.CLASSES), loaded.info().classNames());
        assertEquals(Shape.of(3, 32, 32), loaded.info().inputShape());
        assertEquals(3, loaded.info().mean().size());
        assertEquals("37x37", loaded.info().facts().get("resize"));
        assertEquals(folder.toString(), loaded.info().facts().get("dataset"));

        Path photo = ToyPictures.photo(dir.resolve("photo.jpg"), 2);
        CliRun p = CliRun.of("predict", model.toString(), photo.toString(), "--json");
        assertEquals(0, p.exitCode(), p.err());
        JsonNode top = new ObjectMapper().readTree(p.out()).get("predictions").get(0).get("top");
        assertEquals("red-square", top.get(0).get("label").asText(), p.out());

        // eval finds the folder and the held-out share in the model file: the same 6 images, the same accuracy
        CliRun e = CliRun.of("eval", model.toString(), "--json");
        assertEquals(0, e.exitCode(), e.err());
        JsonNode eval = new ObjectMapper().readTree(e.out());
        assertEquals(6, eval.get("samples").asInt());
        CliRun heldOut = CliRun.of("eval", model.toString());
        assertTrue(heldOut.out().contains(folder + ", the 10% held out with seed 1 (validation split, 6 images)"),
                heldOut.out());
        assertEquals(accuracy, eval.get("accuracy").asDouble(), 1e-9);
        CliRun all = CliRun.of("eval", model.toString(), "--dataset", folder.toString(), "--split", "all", "--json");
        assertEquals(0, all.exitCode(), all.err());
        assertEquals(60, new ObjectMapper().readTree(all.out()).get("samples").asInt());
        CliRun rest = CliRun.of("eval", model.toString(), "--split", "train");
        assertEquals(0, rest.exitCode(), rest.err());
        assertTrue(rest.out().contains(folder + ", without the 10% held out with seed 1 (train split, 54 images)")
                && rest.out().contains("red-square"), rest.out());
        // names too long for a column: the columns are numbered, and each row says its number
        List<String> table = rest.out().lines().dropWhile(l -> !l.startsWith("true class")).toList();
        assertEquals("true class      accuracy   images    0    1    2", table.get(0), rest.out());
        assertTrue(table.get(1).startsWith("0 blue-circle ") && table.get(2).startsWith("1 green-circle ")
                && table.get(3).startsWith("2 red-square "), rest.out());
    }

    @Test
    void trainAndValFoldersAreUsedAsTheyAre() throws IOException {
        Path split = shared.resolve("split");
        ToyPictures.write(split.resolve("train"), 8, 4);
        ToyPictures.write(split.resolve("val"), 2, 5);
        Path metrics = dir.resolve("metrics.jsonl");
        Path plot = dir.resolve("curves.png");
        CliRun t = CliRun.of(train(split, "--epochs", "1", "--crop", "resized", "--augment", "--metrics",
                metrics.toString(), "--plot", plot.toString()));
        assertEquals(0, t.exitCode(), t.err());
        assertTrue(t.err().contains("24 training images, 6 validation images"), t.err());
        // val/ is validation data in every output: the epoch line, the metrics log, the curves' legend
        assertTrue(t.err().contains("  validation loss ") && !t.err().contains("test"), t.err());
        assertTrue(Files.readAllLines(metrics).get(0).contains("\"validation_data\":\"validation\""));
        assertTrue(t.err().contains("training and validation loss and accuracy of 1 epoch drawn to " + plot),
                t.err());
        CliRun p = CliRun.of("plot", metrics.toString(), "--out", dir.resolve("again.png").toString());
        assertTrue(p.out().contains(": training and validation loss and accuracy of 1 epoch"), p.out());
        CliRun e = CliRun.of("eval", dir.resolve("shapes.safetensors").toString(), "--json");
        assertEquals(0, e.exitCode(), e.err());
        CliRun text = CliRun.of("eval", dir.resolve("shapes.safetensors").toString());
        assertTrue(text.out().contains(split.resolve("val") + " (validation split, 6 images)"), text.out());

        CliRun r = CliRun.of(train(split, "--val-split", "0.2"));
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.errorLine().contains("has its own train/ and val/ folders"), r.err());
    }

    @Test
    void aResumedRunKeepsTheInputTheSplitAndTheCrop() {
        CliRun first = CliRun.of(train(folder, "--epochs", "2", "--max-steps", "4", "--val-split", "0.2", "--crop",
                "resized", "--augment", "--input", "3x28x28"));
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.err().contains("48 training images, 12 validation images"), first.err());
        CliRun resumed = CliRun.of("train", "--dataset", folder.toString(), "--out",
                dir.resolve("shapes.safetensors").toString(), "--resume",
                dir.resolve("shapes.checkpoint.safetensors").toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("48 training images, 12 validation images")
                && resumed.err().contains("cut to 3x28x28: random resized crops"), resumed.err());
    }

    @Test
    void anUnreadablePictureIsSkippedWithAWarningAndTrainingGoesOn() throws IOException {
        Path data = shared.resolve("broken");
        ToyPictures.write(data, 4, 6);
        Path broken = Files.writeString(data.resolve("red-square/broken.png"), "half a download");
        CliRun t = CliRun.of(train(data, "--epochs", "1", "--mean", "0.5", "--std", "0.25"));
        assertEquals(0, t.exitCode(), t.err());
        assertTrue(t.err().contains("conv4j: warning: skipped an unreadable image: " + broken), t.err());
        assertTrue(t.err().contains("1 unreadable skipped"), t.err());
        assertEquals(List.of(0.5, 0.5, 0.5), ModelFile.load(dir.resolve("shapes.safetensors")).info().mean());
    }

    @Test
    void badFoldersAndOptionsAreOneLineErrors() throws IOException {
        Path empty = Files.createDirectories(shared.resolve("classes/empty-class"));
        ToyPictures.write(shared.resolve("classes"), 2, 7);
        CliRun r = CliRun.of(train(shared.resolve("classes")));
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("conv4j: class folder " + empty + " has no images (PNG, JPEG, BMP or GIF)", r.errorLine());

        Path notes = Files.createDirectories(shared.resolve("notes"));
        Files.writeString(notes.resolve("readme.txt"), "x");
        r = CliRun.of(train(notes));
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.errorLine().contains("holds neither the IDX files") && r.errorLine().contains("class folders"),
                r.err());

        for (String[] args : List.of(train(folder, "--input", "4x32x32"), train(folder, "--mean", "0.5"),
                train(folder, "--val-split", "1.5"), train(folder, "--crop", "diagonal"),
                train(folder, "--mean", "0.1,0.2", "--std", "1,1"))) {
            r = CliRun.of(args);
            assertEquals(2, r.exitCode(), String.join(" ", args) + "\n" + r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace");
        }
    }
}
