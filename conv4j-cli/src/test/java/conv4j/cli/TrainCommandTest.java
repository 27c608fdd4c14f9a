package conv4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import conv4j.io.SafeTensors;
import conv4j.io.TensorData;
import conv4j.vision.models.Models;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {
    @TempDir
    static Path shared;
    static Path data;

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
        String errorLine() {
            String last = err.strip().lines().reduce((a, b) -> b).orElse("");
            assertTrue(last.startsWith("conv4j: "), err);
            return last;
        }
    }

    @BeforeAll
    static void toyData() throws IOException {
        data = ToyDigits.write(shared.resolve("toy"), 600, 150, 5);
    }

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine(Models.registry());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private String[] train(String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--dataset", data.toString(), "--epochs", "2",
                "--out", dir.resolve("toy.safetensors").toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void anUnwritableOutFolderIsFoundBeforeTheFirstStep() {
        // /proc takes no new files, not even from root, whom permission bits do not stop
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc");
        long start = System.nanoTime();
        Run t = run("train", "--dataset", data.toString(), "--epochs", "50", "--out", "/proc/toy.safetensors");
        assertEquals(1, t.exitCode(), t.err());
        assertTrue(t.err().startsWith("conv4j: --out /proc/toy.safetensors: the folder /proc cannot be written ("),
                t.err());
        assertEquals(1, t.err().lines().count(), t.err());
        assertTrue(System.nanoTime() - start < 20_000_000_000L, "no epoch ran");
    }

    @Test
    void anUnwritableMetricsLogOrPlotIsOneLineBeforeTheFirstStep() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc");
        for (String option : new String[] {"--metrics", "--plot", "--checkpoint"}) {
            long start = System.nanoTime();
            Run t = run(train("--epochs", "50", option, "/proc/toy.out"));
            assertEquals(1, t.exitCode(), t.err());
            assertTrue(t.err().startsWith("conv4j: " + option + " /proc/toy.out: the folder /proc cannot be written ("),
                    t.err());
            assertEquals(1, t.err().lines().count(), t.err());
            assertTrue(System.nanoTime() - start < 20_000_000_000L, "no epoch ran");
        }
    }

    @Test
    void aSecondTrainingOnTheSameOutIsRefusedWhileTheFirstRuns() throws Exception {
        Path out = dir.resolve("toy.safetensors");
        try (OutputLock first = OutputLock.acquire(out, "--out")) {
            Run t = run(train());
            assertEquals(1, t.exitCode(), t.err());
            assertEquals("conv4j: --out " + out + " is being written by another training (it holds "
                    + dir.resolve(".toy.safetensors.lock") + "); give another --out or wait for that run to end",
                    t.err().strip());
            assertTrue(Files.notExists(out));
        }
        Run t = run(train("--epochs", "1"));
        assertEquals(0, t.exitCode(), t.err());
        assertTrue(Files.notExists(dir.resolve(".toy.safetensors.lock")), "the claim ends with the run");
    }

    @Test
    void countsOfOneAreSingular() throws IOException {
        Path one = ToyDigits.write(dir.resolve("one"), 30, 1, 7);
        Path model = dir.resolve("one.safetensors");
        Run t = run("train", "--dataset", one.toString(), "--epochs", "1", "--batch-size", "30", "--out",
                model.toString());
        assertEquals(0, t.exitCode(), t.err());
        assertTrue(t.err().contains(": 30 training images, 1 test image, 1 epoch of 1 batch of 30, "), t.err());
        assertTrue(t.err().contains("trained 1 epoch (1 in all, 1 step)"), t.err());
        assertTrue(t.err().contains("test accuracy") && t.err().contains(" of 1), loss "), t.err());

        Run stopped = run("train", "--dataset", one.toString(), "--epochs", "2", "--batch-size", "10", "--max-steps",
                "1", "--out", dir.resolve("stopped.safetensors").toString());
        assertEquals(0, stopped.exitCode(), stopped.err());
        assertTrue(stopped.err().contains("2 epochs of 3 batches of 10"), stopped.err());
        assertTrue(stopped.err().contains("stopped after 1 step (--max-steps)"), stopped.err());

        Run e = run("eval", model.toString(), "--dataset", one.toString());
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.out().contains("(test split, 1 image)"), e.out());
        assertFalse((t.err() + stopped.err() + e.out()).matches("(?s).*\\b1 [a-z]*[^s]s\\b.*"), "no '1 <plural>'");
    }

    @Test
    void evaluatingAModelOfOtherClassesSaysSo() throws Exception {
        Path fm = dir.resolve("fm.safetensors");
        conv4j.io.ModelFile.save(fm, Models.create("lenet5", new conv4j.tensor.Rng(1)), conv4j.io.ModelInfo.of(
                "lenet5", conv4j.tensor.Shape.of(1, 28, 28), conv4j.vision.data.MnistVariant.FASHION_MNIST
                        .classNames()));
        Run e = run("eval", fm.toString(), "--dataset", data.toString());
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.err().contains("conv4j: note: " + fm + " names its classes T-shirt/top, Trouser, Pullover, ... "
                + "(10), " + data + " 0, 1, 2, ... (10); the accuracy compares class numbers only"), e.err());
    }

    @Test
    void trainsSavesEvaluatesAndPredicts() throws Exception {
        Run t = run(train("--json", "--metrics", dir.resolve("metrics.jsonl").toString()));
        assertEquals(0, t.exitCode(), t.err());
        JsonNode report = new ObjectMapper().readTree(t.out());
        assertEquals("completed", report.get("stopReason").asText());
        assertTrue(report.get("testAccuracy").asDouble() > 0.9, t.out());
        assertEquals(2, report.get("epochs").size());
        assertTrue(t.err().contains("test accuracy"), t.err());
        assertEquals("test", report.get("validationData").asText(), "MNIST-style t10k files are a test set");
        assertTrue(Files.exists(dir.resolve("toy.safetensors")));
        assertTrue(Files.exists(dir.resolve("toy.checkpoint.safetensors")));
        assertEquals(3, Files.readAllLines(dir.resolve("metrics.jsonl")).size()); // two epochs and the end

        Run e = run("eval", dir.resolve("toy.safetensors").toString(), "--dataset", data.toString(), "--json");
        assertFalse(e.err().contains("names its classes"), "a model of the data's own classes: " + e.err());
        assertEquals(0, e.exitCode(), e.err());
        JsonNode eval = new ObjectMapper().readTree(e.out());
        assertEquals(150, eval.get("samples").asInt());
        assertEquals(report.get("testAccuracy").asDouble(), eval.get("accuracy").asDouble(), 1e-9);
        Run table = run("eval", dir.resolve("toy.safetensors").toString(), "--dataset", data.toString());
        List<String> lines = table.out().lines().toList();
        int header = lines.indexOf("true class  accuracy   images    0    1    2    3    4    5    6    7    8    9");
        assertTrue(header > 0, table.out());
        assertEquals(" ".repeat(31) + "predicted class", lines.get(header - 1));
        assertTrue(lines.get(header + 2).matches("1 +\\d+\\.\\d\\d% +50( +\\d+){10}"), lines.get(header + 2));

        Path photo = ToyDigits.verticalStrokePhoto(dir.resolve("stroke.png"));
        Run p = run("predict", dir.resolve("toy.safetensors").toString(), photo.toString(), "--json");
        assertEquals(0, p.exitCode(), p.err());
        JsonNode top = new ObjectMapper().readTree(p.out()).get("predictions").get(0).get("top");
        assertEquals(3, top.size());
        assertEquals("1", top.get(0).get("label").asText(), p.out()); // the vertical bar class
        Run text = run("predict", dir.resolve("toy.safetensors").toString(), photo.toString());
        assertTrue(text.out().startsWith(photo + ": 1 ("), text.out());
    }

    @Test
    void badOptionsAreUsageErrors() {
        for (String[] args : List.of(train("--epochs", "0"), train("--lr", "-1"), train("--optimizer", "rmsprop"),
                train("--batch-size", "0"), train("--model", "nonesuch"),
                new String[] {"train", "--dataset", "no-such-dataset"})) {
            Run r = run(args);
            assertEquals(2, r.exitCode(), String.join(" ", args) + "\n" + r.err());
            String line = r.errorLine();
            assertTrue(line.contains("0") || line.contains("-1") || line.contains("rmsprop")
                    || line.contains("nonesuch") || line.contains("no-such-dataset"), line);
        }
    }

    @Test
    void failuresNameTheFileAndWriteNothing() throws IOException {
        Run r = run(train("--out", dir.resolve("missing/folder/m.safetensors").toString()));
        assertEquals(1, r.exitCode());
        assertTrue(r.errorLine().contains("missing/folder"), r.err());

        r = run("predict", dir.resolve("absent.safetensors").toString(), "x.png");
        assertEquals(1, r.exitCode());
        assertTrue(r.errorLine().contains("absent.safetensors"), r.err());

        Path notAModel = Files.writeString(dir.resolve("notes.safetensors"), "hello");
        r = run("eval", notAModel.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.errorLine().contains("notes.safetensors"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void predictNamesAPictureThatIsNotAnImage() throws IOException {
        assertEquals(0, run(train("--epochs", "1")).exitCode());
        Path text = Files.writeString(dir.resolve("digit.png"), "not a picture");
        Run r = run("predict", dir.resolve("toy.safetensors").toString(), text.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.errorLine().contains("digit.png"), r.err());
    }

    @Test
    void resumeMustAgreeWithTheCheckpoint() {
        assertEquals(0, run(train("--epochs", "1")).exitCode());
        Run r = run(train("--resume", dir.resolve("toy.checkpoint.safetensors").toString(), "--batch-size", "32"));
        assertEquals(2, r.exitCode());
        assertTrue(r.errorLine().contains("--batch-size 32 (the checkpoint has 64)"), r.err());
        r = run(train("--resume", dir.resolve("toy.checkpoint.safetensors").toString(), "--no-augment"));
        assertEquals(2, r.exitCode());
        assertTrue(r.errorLine().contains("--augment false (the checkpoint has true)"), r.err());
    }

    @Test
    void aDatasetThatIsNoFolderIsNamedAndANearNameSuggested() throws IOException {
        Run r = run("train", "--dataset", "./no-such-photos");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.errorLine().startsWith("conv4j: --dataset ./no-such-photos: the folder "
                + Path.of("").toAbsolutePath().resolve("no-such-photos") + " does not exist"), r.err());

        Path model = dir.resolve("m.safetensors");
        conv4j.io.ModelFile.save(model, Models.create("lenet5", new conv4j.tensor.Rng(1)), conv4j.io.ModelInfo.of(
                "lenet5", conv4j.tensor.Shape.of(1, 28, 28), List.of("0", "1", "2", "3", "4", "5", "6", "7", "8",
                        "9")));
        r = run("eval", model.toString(), "--dataset", dir.resolve("photos") + "/");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.errorLine().startsWith("conv4j: --dataset " + dir.resolve("photos") + "/: the folder "
                + dir.resolve("photos") + " does not exist"), r.err());

        Path file = Files.writeString(dir.resolve("photos.zip"), "not a folder");
        r = run("train", "--dataset", file.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.errorLine().startsWith("conv4j: --dataset " + file + ": " + file + " is a file, not a folder"),
                r.err());

        r = run("train", "--dataset", "minst");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.errorLine().startsWith("conv4j: unknown dataset 'minst'; did you mean mnist? expected mnist, "
                + "fashion-mnist, a folder"), r.err());
        r = run("train", "--dataset", "fashion");
        assertTrue(r.errorLine().contains("did you mean fashion-mnist?"), r.err());
        r = run("train", "--dataset", "cifar10");
        assertTrue(r.errorLine().startsWith("conv4j: unknown dataset 'cifar10'; expected mnist, fashion-mnist"),
                r.err());
    }

    @Test
    void aMistypedModelNameGetsTheNearestOne() {
        for (String typed : List.of("lenet", "lenett5", "LeNet-5")) {
            Run r = run(train("--model", typed));
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.errorLine().startsWith("conv4j: unknown model '" + typed + "'; did you mean lenet5? known "
                    + "models: lenet5, alexnet"), r.err());
        }
        Run r = run(train("--model", "resnet"));
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.errorLine().startsWith("conv4j: unknown model 'resnet'; did you mean resnet18, resnet34 or "
                + "resnet50? known models: "), r.err());
    }

    @Test
    void resumingWritesTheModelMetricsAndCheckpointsWhereTheFirstRunDid() throws Exception {
        Path metrics = dir.resolve("metrics.jsonl");
        Run first = run(train("--epochs", "1", "--metrics", metrics.toString()));
        assertEquals(0, first.exitCode(), first.err());
        Path checkpoint = dir.resolve("toy.checkpoint.safetensors");
        assertEquals(2, Files.readAllLines(metrics).size()); // one epoch and the end

        // from another folder, as after a reboot: nothing but the checkpoint and the epochs to reach
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Process p = spawn(elsewhere, "train", "--resume", checkpoint.toString(), "--epochs", "2");
        String output = finish(p);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("resuming " + checkpoint + " at epoch 2, step 10: the model goes to "
                + dir.resolve("toy.safetensors") + ", checkpoints to " + checkpoint + ", metrics to " + metrics),
                output);
        try (var left = Files.list(elsewhere)) {
            assertEquals(List.of(), left.toList(), "nothing is written where the resume was typed");
        }
        assertEquals("2", conv4j.io.ModelFile.load(dir.resolve("toy.safetensors")).info().facts().get("epochs"));
        assertEquals(20, conv4j.io.Checkpoint.load(checkpoint).training().step());
        assertEquals(4, Files.readAllLines(metrics).size()); // and the second epoch and its end

        // --out on the resume wins and branches off: checkpoints beside it, the first run's files left as they are
        Run branch = run("train", "--resume", checkpoint.toString(), "--epochs", "3", "--out",
                dir.resolve("branch.safetensors").toString());
        assertEquals(0, branch.exitCode(), branch.err());
        assertEquals("3", conv4j.io.ModelFile.load(dir.resolve("branch.safetensors")).info().facts().get("epochs"));
        assertEquals(30, conv4j.io.Checkpoint.load(dir.resolve("branch.checkpoint.safetensors")).training().step());
        assertEquals(20, conv4j.io.Checkpoint.load(checkpoint).training().step());
        assertEquals(4, Files.readAllLines(metrics).size());
    }

    @Test
    void aCheckpointThatRecordsNoOutputsGivesTheModelItsOwnName() throws Exception {
        assertEquals(0, run(train("--epochs", "1")).exitCode());
        conv4j.io.CheckpointData saved = conv4j.io.Checkpoint.load(dir.resolve("toy.checkpoint.safetensors"));
        Map<String, String> settings = new java.util.LinkedHashMap<>(saved.settings());
        settings.keySet().removeAll(List.of("out", "metrics", "plot")); // as checkpoints were written before
        Path old = Files.createDirectory(dir.resolve("old")).resolve("run.checkpoint.safetensors");
        conv4j.io.Checkpoint.save(old, new conv4j.io.CheckpointData(saved.model(), saved.info(), saved.optimizer(),
                saved.training(), settings));

        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Process p = spawn(elsewhere, "train", "--resume", old.toString(), "--epochs", "2");
        String output = finish(p);
        assertEquals(0, p.exitValue(), output);
        assertEquals("2", conv4j.io.ModelFile.load(dir.resolve("old/run.safetensors")).info().facts().get("epochs"));
        assertEquals(20, conv4j.io.Checkpoint.load(old).training().step());
        try (var left = Files.list(elsewhere)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void divergenceNamesTheLayerAndKeepsTheLastGoodCheckpoint() throws IOException {
        Run r = run(train("--lr", "1e30", "--momentum", "0"));
        assertEquals(1, r.exitCode(), r.err());
        String line = r.errorLine();
        assertTrue(line.contains("diverged") && line.matches(".*'(features|classifier)\\.\\d'.*"), line);
        assertFalse(Files.exists(dir.resolve("toy.safetensors")), "no model is written after a divergence");
    }

    /** Runs the command in a fresh JVM, as a user does. */
    private static Process spawn(Path workDir, String... args) throws IOException {
        return spawn(workDir, List.of(), args);
    }

    private static Process spawn(Path workDir, List<String> jvmFlags, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector"));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "conv4j.cli.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
    }

    /**
     * The same seeded run gives the same weights, to the bit, in separate JVMs whatever the JIT does and whatever the
     * vector width: C1 only, C2 (twenty steps are long enough for it to compile the kernels' loops), 128-bit vectors
     * and the scalar twins; and, on a run short enough for the interpreter, interpreted only. A reduction whose order
     * depended on the compiler would show here.
     */
    @Test
    void aSeededRunGivesTheSameWeightsInEveryJitModeAndVectorWidth() throws Exception {
        sameWeights(List.of(List.of(), List.of("-XX:TieredStopAtLevel=1"), List.of("-XX:MaxVectorSize=16"),
                List.of("-Dconv4j.vector=false")), "--max-steps", "20");
        sameWeights(List.of(List.of(), List.of("-Xint")), "--max-steps", "2", "--batch-size", "8");
    }

    private void sameWeights(List<List<String>> modes, String... steps) throws Exception {
        Map<String, TensorData> first = null;
        for (int k = 0; k < modes.size(); k++) {
            String out = "mode" + k + "-" + steps[1] + ".safetensors";
            List<String> args = new ArrayList<>(List.of(train("--epochs", "3", "--out", out, "--augment",
                    "--seed", "7")));
            args.addAll(List.of(steps));
            Process p = spawn(dir, modes.get(k), args.toArray(String[]::new));
            String output = finish(p);
            assertEquals(0, p.exitValue(), modes.get(k) + ": " + output);
            Map<String, TensorData> weights = SafeTensors.read(dir.resolve(out)).tensors();
            if (first == null) {
                first = weights;
                continue;
            }
            for (String name : first.keySet()) {
                assertArrayEquals(first.get(name).floats(), weights.get(name).floats(),
                        name + " with " + modes.get(k) + " against the default JIT");
            }
        }
    }

    private static String finish(Process p) throws Exception {
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), output);
        return output;
    }

    @Test
    void resumingInANewJvmIsBitIdenticalToRunningStraightThrough() throws Exception {
        // 600 images / 64 = 10 batches an epoch: 14 steps end mid-epoch 2, 7 steps mid-epoch 1.
        Process straight = spawn(dir, train("--max-steps", "14", "--out", "straight.safetensors", "--augment"));
        String s = finish(straight);
        assertEquals(0, straight.exitValue(), s);

        Process first = spawn(dir, train("--max-steps", "7", "--out", "half.safetensors", "--augment"));
        String f = finish(first);
        assertEquals(0, first.exitValue(), f);
        Process second = spawn(dir, train("--max-steps", "14", "--out", "resumed.safetensors",
                "--resume", "half.checkpoint.safetensors"));
        String r = finish(second);
        assertEquals(0, second.exitValue(), r);

        Map<String, TensorData> a = SafeTensors.read(dir.resolve("straight.safetensors")).tensors();
        Map<String, TensorData> b = SafeTensors.read(dir.resolve("resumed.safetensors")).tensors();
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name).floats(), b.get(name).floats(), name);
        }
    }

    @Test
    void ctrlCSavesACheckpointAndExits130() throws Exception {
        Process p = spawn(dir, train("--epochs", "200", "--out", "long.safetensors"));
        Path ckpt = dir.resolve("long.checkpoint.safetensors");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(ckpt) && System.nanoTime() < deadline) {
            Thread.sleep(100); // the first epoch's checkpoint shows that training is under way
        }
        assertTrue(Files.exists(ckpt), "no checkpoint after the first epoch");
        long before = Files.getLastModifiedTime(ckpt).toMillis();
        Thread.sleep(50);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        String output = finish(p);
        assertEquals(130, p.exitValue(), output);
        assertTrue(output.contains("checkpoint saved to"), output);
        assertTrue(Files.getLastModifiedTime(ckpt).toMillis() >= before);
        assertTrue(conv4j.io.Checkpoint.load(ckpt).training().step() > 0);
        assertFalse(Files.exists(dir.resolve("long.safetensors")), "an interrupted run writes only its checkpoint");
    }
}
