package conv4j.vision.visual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsFileTest {
    @TempDir
    Path dir;

    private Path file(String... lines) throws Exception {
        Path f = dir.resolve("metrics.jsonl");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    private static String epoch(int e, String trainLoss, String trainAcc, String valLoss, String valAcc) {
        return "{\"event\":\"epoch\",\"epoch\":" + e + ",\"step\":" + (100 * (e + 1)) + ",\"train_loss\":" + trainLoss
                + ",\"train_accuracy\":" + trainAcc + ",\"validation_loss\":" + valLoss
                + ",\"validation_accuracy\":" + valAcc + ",\"learning_rate\":0.01,\"images_per_second\":5000.0,"
                + "\"seconds\":3.5}";
    }

    @Test
    void readsTheEpochLinesAndSkipsTheOthers() throws Exception {
        Path f = file(
                "{\"event\":\"step\",\"step\":50,\"epoch\":0,\"batch\":50,\"loss\":0.9}",
                epoch(0, "0.5", "0.85", "0.2", "0.94"),
                epoch(1, "0.15", "0.955", "null", "null"),
                "{\"event\":\"end\",\"reason\":\"completed\",\"message\":\"done\",\"epochs\":2,\"step\":200}");
        List<EpochPoint> epochs = MetricsFile.read(f);
        assertEquals(2, epochs.size());
        assertEquals(new EpochPoint(1, 0.5, 0.85, 0.2, 0.94), epochs.get(0));
        EpochPoint second = epochs.get(1);
        assertEquals(2, second.epoch());
        assertEquals(0.15, second.trainLoss());
        assertTrue(Double.isNaN(second.validationLoss()) && Double.isNaN(second.validationAccuracy()));
    }

    @Test
    void theLogNamesItsValidationDataAndAnOlderLogThatDoesNotStillReads() throws Exception {
        String named = epoch(0, "0.5", "0.85", "0.2", "0.94").replace("}", ",\"validation_data\":\"validation\"}");
        MetricsFile.Log log = MetricsFile.readLog(file(named));
        assertEquals("validation", log.validationData());
        assertEquals(List.of(new EpochPoint(1, 0.5, 0.85, 0.2, 0.94)), log.epochs());

        MetricsFile.Log old = MetricsFile.readLog(file(epoch(0, "0.5", "0.85", "0.2", "0.94")));
        assertEquals(null, old.validationData());
        assertEquals(List.of(new EpochPoint(1, 0.5, 0.85, 0.2, 0.94)), old.epochs());

        // a new run in the same file says what it validated on; the older run's name goes with its epochs
        Path two = file(epoch(0, "0.5", "0.85", "0.2", "0.94").replace("}", ",\"validation_data\":\"test\"}"),
                named);
        assertEquals("validation", MetricsFile.readLog(two).validationData());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricsFile.readLog(
                file(epoch(0, "0.5", "0.85", "0.2", "0.94").replace("}", ",\"validation_data\":3}"))));
        assertTrue(e.getMessage().endsWith("line 1: \"validation_data\" must be text, received 3"), e.getMessage());
    }

    @Test
    void aRepeatedEpochReplacesTheHistoryFromThereOn() throws Exception {
        Path f = file(epoch(0, "0.9", "0.5", "0.8", "0.6"), epoch(1, "0.7", "0.6", "0.6", "0.7"),
                // resumed from the checkpoint of epoch 0: epoch 1 again, then 2
                epoch(1, "0.65", "0.62", "0.55", "0.72"), epoch(2, "0.5", "0.7", "0.5", "0.75"),
                "",
                // a new run appended to the same file
                epoch(0, "2.0", "0.1", "1.9", "0.2"));
        List<EpochPoint> epochs = MetricsFile.read(f);
        assertEquals(List.of(new EpochPoint(1, 2.0, 0.1, 1.9, 0.2)), epochs);

        Path resumed = file(epoch(0, "0.9", "0.5", "0.8", "0.6"), epoch(1, "0.7", "0.6", "0.6", "0.7"),
                epoch(1, "0.65", "0.62", "0.55", "0.72"), epoch(2, "0.5", "0.7", "0.5", "0.75"));
        assertEquals(List.of(1, 2, 3), MetricsFile.read(resumed).stream().map(EpochPoint::epoch).toList());
        assertEquals(0.65, MetricsFile.read(resumed).get(1).trainLoss());
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.jsonl");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> MetricsFile.read(missing));
        assertEquals(missing.toString(), e.getFile());
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        Path f = Files.createFile(dir.resolve("empty.jsonl"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricsFile.read(f));
        assertEquals(f + " is empty: no epochs to show", e.getMessage());
    }

    @Test
    void aMalformedLineIsNamedByItsNumber() throws Exception {
        Path f = file(epoch(0, "0.5", "0.85", "0.2", "0.94"), "", "{\"event\":\"epoch\",\"epoch\":1,");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricsFile.read(f));
        assertTrue(e.getMessage().startsWith(f + " line 3: not JSON"), e.getMessage());

        assertMessage("line 1: \"epoch\" must be a whole number >= 0, received -1",
                file("{\"event\":\"epoch\",\"epoch\":-1,\"train_loss\":1,\"train_accuracy\":0.5}"));
        assertMessage("line 2: the epoch line has no \"train_loss\"",
                file(epoch(0, "0.5", "0.85", "0.2", "0.94"), "{\"event\":\"epoch\",\"epoch\":1,\"train_accuracy\":1}"));
        assertMessage("line 1: \"train_accuracy\" must be in [0, 1], received 85",
                file(epoch(0, "0.5", "85", "0.2", "0.94")));
        assertMessage("line 1: \"validation_loss\" must be a number or null, received \"low\"",
                file(epoch(0, "0.5", "0.85", "\"low\"", "0.94")));
        assertMessage("line 1: expected a JSON object, received [1, 2]", file("[1, 2]"));
        assertMessage("line 1: no \"event\" text field", file("{\"epoch\":0}"));
    }

    @Test
    void aFileWithoutEpochLinesIsRefused() throws Exception {
        Path f = file("{\"event\":\"step\",\"step\":50,\"epoch\":0,\"batch\":50,\"loss\":0.9}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricsFile.read(f));
        assertTrue(e.getMessage().contains("has no epoch lines"), e.getMessage());
    }

    @Test
    void binaryIsNotAMetricsLog() throws Exception {
        Path f = dir.resolve("model.safetensors");
        Files.write(f, new byte[] {8, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xfe, 10});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricsFile.read(f));
        assertEquals(f + " is not UTF-8 text, not a metrics log", e.getMessage());
    }

    private static void assertMessage(String expectedTail, Path f) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricsFile.read(f));
        assertEquals(f + " " + expectedTail, e.getMessage());
    }
}
