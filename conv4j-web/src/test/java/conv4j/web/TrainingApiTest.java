package conv4j.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's API: starting, refusing a second run, stopping, and the run told as server-sent events. */
class TrainingApiTest {
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        SyntheticDigits.writeIdx(dir.resolve("data").resolve("drawn"), 300, 60, 31);
        server = TestServer.start(TestServer.settings(dir));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Event(String name, JsonNode data) {
    }

    /** Events from the stream until (and with) the first {@code end}. */
    private static List<Event> eventsUntilEnd() {
        HttpResponse<Stream<String>> r;
        try {
            // EventSource sends this header; the server answers server-sent events only to it
            r = server.http.send(HttpRequest.newBuilder(server.uri("/api/train/events"))
                    .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofLines());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"),
                r.headers().map().toString());
        List<Event> events = new ArrayList<>();
        String name = null;
        try (Stream<String> lines = r.body()) {
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:") && name != null) {
                    events.add(new Event(name, TestServer.parse(line.substring(5).strip())));
                    if (name.equals("end")) {
                        return events;
                    }
                }
            }
        }
        throw new AssertionError("the stream ended without an end event: " + events);
    }

    /** Each test starts with no run going: a run of an earlier one is stopped and waited for. */
    @org.junit.jupiter.api.BeforeEach
    void noRunGoing() throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            String state = TestServer.json(server.get("/api/train")).get("state").asText();
            if (!List.of("PREPARING", "RUNNING", "STOPPING").contains(state)) {
                return;
            }
            server.post("/api/train/stop", null, new byte[0]);
            Thread.sleep(50);
        }
        throw new AssertionError("a run of an earlier test does not stop");
    }

    @Test
    void aRunIsToldAsEventsAndItsModelIsServedAfterwards() {
        HttpResponse<byte[]> started = server.postJson("/api/train",
                "{\"model\": \"lenet5\", \"dataset\": \"drawn\", \"epochs\": 2, \"optimizer\": \"adam\","
                        + " \"batchSize\": 32}");
        assertEquals(202, started.statusCode(), TestServer.text(started));
        int run = TestServer.json(started).get("run").asInt();
        List<Event> events = eventsUntilEnd(); // from the replay, whenever the page connects
        List<String> names = events.stream().map(Event::name).distinct().toList();
        assertEquals("run", events.get(0).name());
        assertEquals(run, events.get(0).data().get("run").asInt());
        assertEquals("adam", events.get(0).data().get("optimizer").asText());
        assertTrue(names.containsAll(List.of("status", "batch", "epoch", "filters", "end")), names.toString());
        List<Event> epochs = events.stream().filter(e -> e.name().equals("epoch")).toList();
        assertEquals(2, epochs.size());
        assertEquals(20, epochs.get(1).data().get("step").asInt()); // 300 images in batches of 32: 10 a epoch
        assertTrue(epochs.get(1).data().get("testAccuracy").asDouble() > 0.8, epochs.get(1).toString());
        JsonNode filters = events.stream().filter(e -> e.name().equals("filters")).reduce((a, b) -> b).get().data();
        assertEquals("[6,1,5,5]", filters.get("shape").toString());
        assertEquals(150, filters.get("values").size());
        JsonNode end = events.get(events.size() - 1).data();
        assertEquals("completed", end.get("reason").asText());
        assertEquals("dashboard", end.get("model").asText());

        byte[] one = SyntheticDigits.png(SyntheticDigits.draw(1, new SplittableRandom(41)));
        HttpResponse<byte[]> p = server.post("/api/predict?model=dashboard", "image/png", one);
        assertEquals(200, p.statusCode(), TestServer.text(p));
        assertEquals("FINISHED", TestServer.json(server.get("/api/train")).get("state").asText());
    }

    @Test
    void oneRunAtATimeAndAStopEndsIt() throws InterruptedException {
        HttpResponse<byte[]> first = server.postJson("/api/train", "{\"dataset\": \"drawn\", \"epochs\": 100}");
        assertEquals(202, first.statusCode(), TestServer.text(first));
        PredictApiTest.assertError(409, "one run at a time",
                server.postJson("/api/train", "{\"dataset\": \"drawn\", \"epochs\": 1}"));
        HttpResponse<byte[]> stop = server.post("/api/train/stop", null, new byte[0]);
        assertEquals(200, stop.statusCode(), TestServer.text(stop));
        List<Event> events = eventsUntilEnd();
        JsonNode end = events.get(events.size() - 1).data();
        assertTrue(end.get("reason").asText().equals("stopped") || end.get("reason").asText().equals("requested"),
                end.toString());
        assertTrue(end.get("message").asText().contains("stopped from the dashboard"), end.toString());
        PredictApiTest.assertError(409, "no run is going", server.post("/api/train/stop", null, new byte[0]));
    }

    @Test
    void badRunsAreRefusedByName() {
        JsonNode options = TestServer.json(server.get("/api/train/options"));
        assertEquals("[\"mnist\",\"fashion-mnist\",\"drawn\"]", options.get("datasets").toString());
        assertEquals("[\"lenet5\"]", options.get("models").toString());
        PredictApiTest.assertError(404, "unknown model 'vgg99'",
                server.postJson("/api/train", "{\"model\": \"vgg99\", \"dataset\": \"drawn\"}"));
        PredictApiTest.assertError(404, "unknown dataset '../../etc'",
                server.postJson("/api/train", "{\"dataset\": \"../../etc\"}"));
        PredictApiTest.assertError(400, "epochs must be a whole number from 1 to 100",
                server.postJson("/api/train", "{\"dataset\": \"drawn\", \"epochs\": 0}"));
        PredictApiTest.assertError(400, "the optimizer must be sgd or adam",
                server.postJson("/api/train", "{\"dataset\": \"drawn\", \"optimizer\": \"rmsprop\"}"));
        PredictApiTest.assertError(400, "learning rate must be a positive number",
                server.postJson("/api/train", "{\"dataset\": \"drawn\", \"lr\": -1}"));
        PredictApiTest.assertError(400, "unknown field 'momentum'",
                server.postJson("/api/train", "{\"dataset\": \"drawn\", \"momentum\": 0.5}"));
        PredictApiTest.assertError(400, "malformed JSON", server.postJson("/api/train", "{\"dataset\": "));
        PredictApiTest.assertError(415, "text/plain", server.post("/api/train", "text/plain", "x".getBytes()));
    }
}
