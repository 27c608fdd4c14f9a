package conv4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.nn.Sequential;
import conv4j.optim.Sgd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String line) {
        return (Map<String, Object>) MiniJson.parse(line);
    }

    @Test
    void stringsAreEscapedAndNonFiniteNumbersAreNull() {
        String awkward = "quote \" backslash \\ newline \n tab \t bell \u0007 e-acute \u00e9 emoji \ud83d\ude00"
                + " lone \ud800 end";
        String line = new JsonLine().add("text", awkward).add("nan", Double.NaN).add("inf", Double.NEGATIVE_INFINITY)
                .add("small", 1e-7).add("big", -3.5e300).add("count", Long.MAX_VALUE)
                .add("list", new double[] {1, Double.NaN}).add("none", (String) null).toString();
        assertTrue(line.indexOf('\n') < 0, line);
        assertTrue(line.contains("lone \\ud800 end"), "a lone surrogate would not encode as UTF-8: " + line);
        Map<String, Object> o = object(line);
        assertEquals(awkward, o.get("text"), "a lone surrogate is escaped, and reads back as itself");
        assertTrue(o.containsKey("nan"));
        assertNull(o.get("nan"));
        assertNull(o.get("inf"));
        assertEquals(1e-7, o.get("small"));
        assertEquals(-3.5e300, o.get("big"));
        assertEquals((double) Long.MAX_VALUE, o.get("count"));
        assertEquals(Arrays.asList(1.0, null), o.get("list"));
        assertNull(o.get("none"));
    }

    @Test
    void oneParsableLinePerEpochAndEveryNSteps(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run/metrics.jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"event\":\"earlier run\"}\n");
        Sequential net = BrightSide.net(1);
        Trainer trainer = Trainer.builder(net, new Sgd(net.parameters(), 0.1, 0.9))
                .listener(new MetricsLog(file, 4)).build();
        DataLoader train = new DataLoader(BrightSide.dataset(40, 2), 8, true, false, null, 3); // 5 batches
        TrainingResult result = trainer.fit(train, DataLoader.inOrder(BrightSide.dataset(8, 5), 8, null), 3);

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals("{\"event\":\"earlier run\"}", lines.get(0), "the log is appended to");
        List<Map<String, Object>> events = lines.stream().skip(1).map(MetricsLogTest::object).toList();
        List<Object> kinds = events.stream().map(e -> e.get("event")).toList();
        assertEquals(List.of("step", "epoch", "step", "epoch", "step", "epoch", "end"), kinds); // steps 1-5, 6-10, 11-15
        assertEquals(List.of(4.0, 8.0, 12.0), events.stream().filter(e -> e.get("event").equals("step"))
                .map(e -> e.get("step")).toList());
        Map<String, Object> epoch2 = events.get(5);
        EpochMetrics m = result.history().get(2);
        assertEquals(2.0, epoch2.get("epoch"));
        assertEquals(15.0, epoch2.get("step"));
        assertEquals(m.trainLoss(), epoch2.get("train_loss"));
        assertEquals(m.trainAccuracy(), epoch2.get("train_accuracy"));
        assertEquals(m.validationLoss(), epoch2.get("validation_loss"));
        assertEquals(m.validationAccuracy(), epoch2.get("validation_accuracy"));
        assertEquals(2.0, epoch2.get("validation_top_k"));
        assertEquals(0.1, epoch2.get("learning_rate"));
        assertTrue((Double) epoch2.get("images_per_second") > 0);
        Map<String, Object> end = events.get(6);
        assertEquals("completed", end.get("reason"));
        assertEquals(result.message(), end.get("message"));
        assertEquals(3.0, end.get("epochs"));
    }

    @Test
    void withoutValidationTheValidationFiguresAreNull(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        Sequential net = BrightSide.net(1);
        Trainer trainer = Trainer.builder(net, new Sgd(net.parameters(), 0.1)).listener(new MetricsLog(file)).build();
        trainer.fit(new DataLoader(BrightSide.dataset(16, 2), 8, true, false, null, 3), null, 1);
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        Map<String, Object> epoch = object(lines.get(0));
        assertTrue(epoch.containsKey("validation_loss"));
        assertNull(epoch.get("validation_loss"));
        assertNull(epoch.get("validation_accuracy"));
        assertTrue(!epoch.containsKey("validation_top_k"));
    }

    @Test
    void epochLinesNameTheValidationDataWhenTold(@TempDir Path dir) throws IOException {
        Sequential net = BrightSide.net(1);
        DataLoader train = new DataLoader(BrightSide.dataset(16, 2), 8, true, false, null, 3);
        DataLoader held = DataLoader.inOrder(BrightSide.dataset(8, 5), 8, null);
        Path named = dir.resolve("named.jsonl");
        Trainer.builder(net, new Sgd(net.parameters(), 0.1)).listener(new MetricsLog(named, 0, "validation")).build()
                .fit(train, held, 1);
        Map<String, Object> epoch = object(Files.readAllLines(named).get(0));
        assertEquals("epoch", epoch.get("event"));
        assertEquals("validation", epoch.get("validation_data"));

        Path plain = dir.resolve("plain.jsonl");
        Trainer.builder(net, new Sgd(net.parameters(), 0.1)).listener(new MetricsLog(plain)).build()
                .fit(train, held, 1);
        assertTrue(!object(Files.readAllLines(plain).get(0)).containsKey("validation_data"), "not told, not written");
    }
}
