package conv4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import conv4j.io.LoadedModel;
import conv4j.io.ModelFile;
import conv4j.io.ModelInfo;
import conv4j.nn.Sequential;
import conv4j.onnx.OnnxImport;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** predict, eval, summary, visualize and import on ONNX files written by the test. */
class OnnxCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void predictNamesTheClassesTheUserGivesAndSaysWhatItAssumed() throws Exception {
        Path model = ToyOnnx.chain(dir.resolve("digits.onnx"), 1);
        Path names = Files.writeString(dir.resolve("names.txt"),
                "bar\nstroke\nring\nthree\nfour\nfive\nsix\nseven\neight\nnine\n");
        Path photo = ToyDigits.verticalStrokePhoto(dir.resolve("stroke.png"));
        CliRun r = CliRun.of("predict", model.toString(), photo.toString(), "--class-names", names.toString(),
                "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode top = JSON.readTree(r.out()).get("predictions").get(0).get("top");
        assertEquals(3, top.size());
        List<String> labels = Files.readAllLines(names);
        top.forEach(c -> assertEquals(labels.get(c.get("index").asInt()), c.get("label").asText()));
        assertTrue(r.err().contains("assumed MNIST's mean 0.1307 and std 0.3081")
                && r.err().contains("not prepared as handwritten digits"), r.err());

        CliRun indices = CliRun.of("predict", model.toString(), photo.toString());
        assertEquals(0, indices.exitCode(), indices.err());
        assertTrue(indices.out().matches("(?s).*stroke.png: [0-9] \\(.*"), indices.out());
    }

    @Test
    void aGraphThatLeavesItsSizeOpenTakesTheInputFromTheUser() throws Exception {
        Path model = ToyOnnx.branching(dir.resolve("open.onnx"), 2);
        Path photo = ToyPictures.photo(dir.resolve("photo.png"), 1);
        CliRun open = CliRun.of("predict", model.toString(), photo.toString());
        assertEquals(1, open.exitCode());
        assertTrue(open.errorLine().contains("--input CxHxW"), open.err());
        CliRun given = CliRun.of("predict", model.toString(), photo.toString(), "--input", "3x32x32", "--mean",
                "0.5,0.5,0.5", "--std", "0.25,0.25,0.25");
        assertEquals(0, given.exitCode(), given.err());
        assertFalse(given.err().contains("no normalisation"), given.err());
    }

    @Test
    void evalMeasuresAnOnnxGraphOnAnIdxFolder() throws Exception {
        Path model = ToyOnnx.chain(dir.resolve("digits.onnx"), 1);
        Path data = ToyDigits.write(dir.resolve("toy"), 6, 30, 3);
        CliRun r = CliRun.of("eval", model.toString(), "--dataset", data.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode eval = JSON.readTree(r.out());
        assertEquals(30, eval.get("samples").asInt());
        assertEquals(10, eval.get("classes").size());
    }

    @Test
    void summaryListsTheGraphNodeByNode() throws Exception {
        Path model = ToyOnnx.branching(dir.resolve("open.onnx"), 2);
        CliRun r = CliRun.of("summary", model.toString(), "--input", "3x16x16");
        assertEquals(0, r.exitCode(), r.err());
        for (String node : new String[] {"conv1", "relu1", "add1", "gap", "flat", "fc"}) {
            assertTrue(r.out().contains(node), node + " in\n" + r.out());
        }
        assertTrue(r.out().contains("1x4x16x16"), r.out());
        CliRun json = CliRun.of("summary", model.toString(), "--input", "3x16x16", "--json");
        // the 1x1 convolution's 4 x 3 weights and the fully connected layer's 10 x 4 + 10
        assertEquals(12 + 50, JSON.readTree(json.out()).get("parameters").asLong());
    }

    @Test
    void visualizeDrawsTheConvolutionsOfAnOnnxGraph() throws Exception {
        Path model = ToyOnnx.chain(dir.resolve("digits.onnx"), 1);
        Path photo = ToyDigits.verticalStrokePhoto(dir.resolve("stroke.png"));
        Path out = dir.resolve("maps");
        CliRun r = CliRun.of("visualize", model.toString(), photo.toString(), "--out", out.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        List<String> files = new ArrayList<>();
        JSON.readTree(r.out()).get("files").forEach(f -> files.add(f.asText()));
        assertTrue(files.contains("filters-conv1.png") && files.contains("maps-01-conv1.png"), files.toString());
        for (String f : files) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
    }

    @Test
    void importTurnsAChainIntoAModelFileThatComputesWhatTheGraphDoes() throws Exception {
        Path model = ToyOnnx.chain(dir.resolve("digits.onnx"), 4);
        Path out = dir.resolve("digits.safetensors");
        CliRun r = CliRun.of("import", model.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());

        LoadedModel loaded = ModelFile.load(out);
        assertTrue(loaded.model() instanceof Sequential);
        assertEquals(Shape.of(1, 28, 28), loaded.info().inputShape());
        assertEquals("28x28", loaded.info().facts().get(ModelInfo.RESIZE_FACT));
        assertFalse(loaded.info().facts().containsKey(ModelInfo.ASSUMED_FACT), "assumptions are said at import");
        loaded.model().eval();
        Tensor x = Tensor.randn(Shape.of(3, 1, 28, 28), new Rng(2), 1.0);
        assertArrayEquals(OnnxImport.load(model).predict(x).data(), loaded.model().predict(x).data(), 1e-6f);

        Path photo = ToyDigits.verticalStrokePhoto(dir.resolve("stroke.png"));
        CliRun p = CliRun.of("predict", out.toString(), photo.toString());
        assertEquals(0, p.exitCode(), p.err());
        assertEquals("", p.err(), "a conv4j model file records everything");
    }

    @Test
    void importOfABranchingGraphNamesTheNodeAndPointsToTheOnnxFile() throws Exception {
        Path model = ToyOnnx.branching(dir.resolve("resnetish.onnx"), 2);
        Path out = dir.resolve("never.safetensors");
        CliRun r = CliRun.of("import", model.toString(), "--input", "3x16x16", "--out", out.toString());
        assertEquals(1, r.exitCode());
        String line = r.errorLine();
        assertTrue(line.contains("Add node 'add1'") && line.contains("runs with predict, eval, summary"), line);
        assertFalse(Files.exists(out));
    }

    @Test
    void badFilesFailInOneLine() throws Exception {
        Path photo = ToyPictures.photo(dir.resolve("photo.png"), 1);
        CliRun missing = CliRun.of("predict", dir.resolve("none.onnx").toString(), photo.toString());
        assertEquals(1, missing.exitCode());
        assertEquals("conv4j: " + dir.resolve("none.onnx") + ": no such file", missing.errorLine());

        Path renamed = Files.copy(photo, dir.resolve("photo.onnx"));
        CliRun picture = CliRun.of("predict", renamed.toString(), photo.toString());
        assertEquals(1, picture.exitCode());
        assertEquals("conv4j: " + renamed + " is a JPEG picture, not a model file; usage: conv4j predict <model> "
                + "<image>...", picture.errorLine());
        // four bytes of a PNG's eight-byte signature: no picture, and no ONNX file either
        Path junk = Files.write(dir.resolve("junk.onnx"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        CliRun notOnnx = CliRun.of("predict", junk.toString(), photo.toString());
        assertEquals(1, notOnnx.exitCode());
        assertTrue(notOnnx.errorLine().contains("junk.onnx: not a valid ONNX file"), notOnnx.err());

        byte[] whole = Files.readAllBytes(ToyOnnx.chain(dir.resolve("whole.onnx"), 1));
        Path cut = Files.write(dir.resolve("cut.onnx"), java.util.Arrays.copyOf(whole, whole.length - 100));
        for (String command : new String[] {"predict", "visualize", "summary", "import", "eval"}) {
            List<String> args = new ArrayList<>(List.of(command, cut.toString()));
            if (command.equals("predict") || command.equals("visualize")) {
                args.add(photo.toString());
            }
            if (command.equals("visualize") || command.equals("import")) {
                args.addAll(List.of("--out", dir.resolve("out-" + command).toString()));
            }
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(1, r.exitCode(), command + ": " + r.err());
            assertTrue(r.errorLine().contains("cut.onnx: not a valid ONNX file"), command + ": " + r.err());
        }
    }
}
