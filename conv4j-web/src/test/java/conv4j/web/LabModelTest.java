package conv4j.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import conv4j.io.ModelFile;
import conv4j.vision.training.TrainingPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a model file the lab trains its model first, showing how far it is, and saves it where train would. */
class LabModelTest {
    @TempDir
    Path dir;

    private WebSettings withoutModel(String dataset) {
        return TestServer.settings(dir).withModel(null).withDefaultModel(dir.resolve("lenet5-drawn.safetensors"))
                .withLabTraining(dataset, new TrainingPlan("lenet5", 3, 32, "adam", 0.002, 0.9, 0, false, 1));
    }

    private static JsonNode waitForLab(TestServer s, String state) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        JsonNode lab;
        do {
            lab = TestServer.json(s.get("/api/lab"));
            if (lab.get("state").asText().equals(state)) {
                return lab;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the lab did not become " + state + ": " + lab + "; " + s.log());
    }

    @Test
    void withoutAModelTheLabTrainsOneAndSavesIt() throws Exception {
        SyntheticDigits.writeIdx(dir.resolve("data").resolve("drawn"), 600, 90, 51);
        byte[] one = SyntheticDigits.png(SyntheticDigits.draw(1, new SplittableRandom(52)));
        try (TestServer s = TestServer.start(withoutModel("drawn"))) {
            JsonNode first = TestServer.json(s.get("/api/lab"));
            if (!first.get("state").asText().equals("READY")) {
                assertEquals("PREPARING", first.get("state").asText());
                HttpResponse<byte[]> early = s.post("/api/predict", "image/png", one);
                if (early.statusCode() == 503) { // still training: no default model yet
                    assertTrue(early.headers().firstValue("Retry-After").isPresent());
                    assertTrue(PredictApiTest.error(early).contains("GET /api/lab"), PredictApiTest.error(early));
                }
            }
            JsonNode ready = waitForLab(s, "READY");
            assertEquals("lenet5-drawn", ready.get("model").asText());
            assertTrue(ready.get("message").asText().contains("saved to"), ready.toString());
            assertTrue(Files.isRegularFile(dir.resolve("lenet5-drawn.safetensors")));
            assertEquals("drawn",
                    ModelFile.load(dir.resolve("lenet5-drawn.safetensors")).info().facts().get("dataset"));
            assertEquals("1", PredictApiTest.top(PredictApiTest.ok(s.post("/api/predict", "image/png", one))));
            assertTrue(s.log().contains("training lenet5 on drawn first"), s.log());
        }
        // The next start finds the saved model and trains nothing.
        try (TestServer s = TestServer.start(withoutModel("drawn"))) {
            JsonNode lab = TestServer.json(s.get("/api/lab"));
            assertEquals("READY", lab.get("state").asText());
            assertTrue(s.log().isEmpty(), s.log());
        }
    }

    @Test
    void aLabThatCannotGetItsDataSaysWhyAndKeepsServing() throws Exception {
        try (TestServer s = TestServer.start(withoutModel("no-such-data"))) {
            JsonNode failed = waitForLab(s, "FAILED");
            assertTrue(failed.get("message").asText().contains("unknown dataset 'no-such-data'"), failed.toString());
            assertTrue(failed.get("message").asText().contains("--model"), failed.toString());
            assertEquals(200, s.get("/index.html").statusCode());
            assertEquals(200, s.postJson("/api/filter", "{\"sample\": \"chelsea\", \"kernel\": \"edge\"}")
                    .statusCode());
        }
    }

    @Test
    void aModelFileThatCannotBeReadFailsAtStart() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.safetensors"), "not a model");
        try {
            TestServer.start(TestServer.settings(dir).withModel(bad)).close();
            throw new AssertionError("the server started with a broken model file");
        } catch (UncheckedIOException e) {
            assertTrue(e.getCause().getMessage().contains("bad.safetensors"), e.getCause().getMessage());
        }
    }
}
