package conv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotCommandTest {
    @TempDir
    static Path shared;
    static Path data;

    @TempDir
    Path dir;

    @BeforeAll
    static void toyData() throws IOException {
        data = ToyDigits.write(shared.resolve("toy"), 300, 90, 3);
    }

    /** A log as MetricsLog writes it: step lines, epoch lines, an end line. */
    private Path metrics() throws IOException {
        List<String> lines = new ArrayList<>();
        double[][] epochs = {{0.62, 0.81, 0.31, 0.90}, {0.24, 0.93, 0.16, 0.95}, {0.13, 0.96, 0.11, 0.97}};
        for (int e = 0; e < epochs.length; e++) {
            lines.add("{\"event\":\"step\",\"step\":" + (e * 100 + 50) + ",\"epoch\":" + e + ",\"batch\":50,"
                    + "\"loss\":0.5,\"running_loss\":0.5,\"running_accuracy\":0.8,\"learning_rate\":0.02,"
                    + "\"images_per_second\":9000.0}");
            double[] m = epochs[e];
            lines.add("{\"event\":\"epoch\",\"epoch\":" + e + ",\"step\":" + (e + 1) * 100 + ",\"train_loss\":" + m[0]
                    + ",\"train_accuracy\":" + m[1] + ",\"validation_loss\":" + m[2] + ",\"validation_accuracy\":"
                    + m[3] + ",\"validation_top_k\":5,\"validation_top_k_accuracy\":0.999,\"learning_rate\":0.01,"
                    + "\"images_per_second\":9000.0,\"seconds\":7.5}");
        }
        lines.add("{\"event\":\"end\",\"reason\":\"completed\",\"message\":\"3 epochs\",\"epochs\":3,\"step\":300,"
                + "\"seconds\":22.5}");
        return Files.write(dir.resolve("metrics.jsonl"), lines);
    }

    private static int coloured(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int r = p >> 16 & 0xff;
                int g = p >> 8 & 0xff;
                int b = p & 0xff;
                n += Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80 ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void drawsTheCurvesOfAMetricsLogAtTheRequestedSize() throws Exception {
        Path out = dir.resolve("curves.png");
        CliRun r = CliRun.of("plot", metrics().toString(), "--out", out.toString(), "--width", "640", "--height",
                "320");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(out + ": training and validation loss and accuracy of 3 epochs (1 .. 3)", r.out().strip());
        BufferedImage image = ImageIO.read(out.toFile());
        assertEquals(640, image.getWidth());
        assertEquals(320, image.getHeight());
        assertTrue(coloured(image) > 500, "curves drawn: " + coloured(image));
    }

    @Test
    void theValidationLineIsNamedAsTheLogSaysOrAsTold() throws Exception {
        Path out = dir.resolve("curves.png");
        Path test = Files.writeString(dir.resolve("test.jsonl"), Files.readString(metrics())
                .replace("\"validation_loss\"", "\"validation_data\":\"test\",\"validation_loss\""));
        CliRun r = CliRun.of("plot", test.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(out + ": training and test loss and accuracy of 3 epochs (1 .. 3)", r.out().strip());
        r = CliRun.of("plot", test.toString(), "--out", out.toString(), "--validation-name", "held-out");
        assertEquals(out + ": training and held-out loss and accuracy of 3 epochs (1 .. 3)", r.out().strip());
    }

    private static String epochLine(int epoch, double trainLoss, double trainAccuracy, double loss, double accuracy) {
        return "{\"event\":\"epoch\",\"epoch\":" + epoch + ",\"step\":" + 10 * (epoch + 1) + ",\"train_loss\":"
                + trainLoss + ",\"train_accuracy\":" + trainAccuracy + ",\"validation_loss\":" + loss
                + ",\"validation_accuracy\":" + accuracy + ",\"validation_data\":\"validation\"}";
    }

    @Test
    void logYDrawsTheLossOnALogScaleWhichASpikeSuggests() throws Exception {
        // batch norm's first epoch on a small folder: a validation loss of 173, then the run settles
        Path spike = Files.write(dir.resolve("spike.jsonl"), List.of(epochLine(0, 1.1, 0.6, 173, 0.3),
                epochLine(1, 0.3, 0.9, 0.4, 0.88), epochLine(2, 0.08, 0.97, 0.1, 0.96),
                epochLine(3, 0.02, 0.99, 0.06, 0.98)));
        Path linear = dir.resolve("linear.png");
        CliRun r = CliRun.of("plot", spike.toString(), "--out", linear.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(linear + ": training and validation loss and accuracy of 4 epochs (1 .. 4)", r.out().strip());
        assertEquals("conv4j: note: the validation loss of epoch 1, 173, is over 10 times every other loss; --log-y "
                + "draws the loss on a log scale, where the others stay apart", r.err().strip());

        Path log = dir.resolve("log.png");
        r = CliRun.of("plot", spike.toString(), "--out", log.toString(), "--log-y");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(log + ": training and validation loss (log scale) and accuracy of 4 epochs (1 .. 4)",
                r.out().strip());
        assertEquals("", r.err());
        BufferedImage a = ImageIO.read(linear.toFile());
        BufferedImage b = ImageIO.read(log.toFile());
        int half = a.getWidth() / 2;
        assertFalse(java.util.Arrays.equals(a.getRGB(0, 0, half, a.getHeight(), null, 0, half),
                b.getRGB(0, 0, half, b.getHeight(), null, 0, half)), "the loss chart changes");
        assertTrue(java.util.Arrays.equals(a.getRGB(half, 0, half, a.getHeight(), null, 0, half),
                b.getRGB(half, 0, half, b.getHeight(), null, 0, half)), "the accuracy chart does not");

        // a run whose loss just falls needs no note
        r = CliRun.of("plot", metrics().toString(), "--out", linear.toString());
        assertEquals("", r.err());
    }

    @Test
    void aMissingEmptyOrMalformedLogIsNamedOnOneLine() throws IOException {
        Path out = dir.resolve("curves.png");
        CliRun r = CliRun.of("plot", dir.resolve("absent.jsonl").toString(), "--out", out.toString());
        assertEquals(1, r.exitCode());
        assertEquals("conv4j: " + dir.resolve("absent.jsonl") + ": no such file", r.errorLine());

        Path empty = Files.createFile(dir.resolve("empty.jsonl"));
        r = CliRun.of("plot", empty.toString(), "--out", out.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.errorLine().endsWith("empty.jsonl is empty: no epochs to show"), r.err());

        Path bad = Files.write(dir.resolve("bad.jsonl"), List.of(
                "{\"event\":\"epoch\",\"epoch\":0,\"train_loss\":0.5,\"train_accuracy\":0.9}",
                "{\"event\":\"epoch\",\"epoch\":1,\"train_loss\":0.4,\"train_accuracy\":"));
        r = CliRun.of("plot", bad.toString(), "--out", out.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.errorLine().contains("bad.jsonl line 2: not JSON"), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void anOutputInAMissingFolderOrABadSizeIsRefused() throws IOException {
        Path out = dir.resolve("missing").resolve("curves.png");
        CliRun r = CliRun.of("plot", metrics().toString(), "--out", out.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.errorLine().contains("does not exist"), r.err());
        assertFalse(Files.exists(dir.resolve("missing")));

        r = CliRun.of("plot", metrics().toString(), "--out", dir.resolve("c.png").toString(), "--width", "20");
        assertEquals(2, r.exitCode());
        assertTrue(r.errorLine().contains("received 20 x 400"), r.err());
    }

    @Test
    void trainDrawsTheCurvesAtTheEnd() throws Exception {
        Path plot = dir.resolve("curves.png");
        CliRun r = CliRun.of("train", "--dataset", data.toString(), "--epochs", "2", "--out",
                dir.resolve("toy.safetensors").toString(), "--plot", plot.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("training and test loss and accuracy of 2 epochs drawn to " + plot), r.err());
        BufferedImage image = ImageIO.read(plot.toFile());
        assertEquals(TrainingPlot.WIDTH, image.getWidth());
        assertEquals(TrainingPlot.HEIGHT, image.getHeight());
        assertTrue(coloured(image) > 500);

        // with a metrics log the curves come from it: this one holds an earlier run of 3 epochs, and the new
        // run's epoch 1 starts the history again
        Path log = metrics();
        Path again = dir.resolve("again.png");
        r = CliRun.of("train", "--dataset", data.toString(), "--epochs", "1", "--out",
                dir.resolve("toy2.safetensors").toString(), "--metrics", log.toString(), "--plot", again.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("training and test loss and accuracy of 1 epoch drawn to " + again), r.err());
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.get(lines.size() - 2).contains("\"validation_data\":\"test\""), "MNIST's t10k files");
    }

    @Test
    void trainRefusesAPlotInAMissingFolderBeforeTraining() {
        Path plot = dir.resolve("missing").resolve("curves.png");
        CliRun r = CliRun.of("train", "--dataset", data.toString(), "--epochs", "1", "--out",
                dir.resolve("toy.safetensors").toString(), "--plot", plot.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("--plot " + plot + ": the folder"), r.err());
        assertFalse(r.err().contains("training lenet5"), "refused before training: " + r.err());
    }
}
