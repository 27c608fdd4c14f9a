package conv4j.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelApiTest {
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestServer.settings(dir));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theModelsAreTheServedOnesAndTheZoo() {
        JsonNode listing = TestServer.json(server.get("/api/models"));
        assertEquals("drawn-digits", listing.get("defaultModel").asText());
        JsonNode served = listing.get("models").get(0);
        assertEquals("lenet5", served.get("architecture").asText());
        assertEquals("[1,28,28]", served.get("inputShape").toString());
        assertEquals(61_706, served.get("parameters").asLong()); // the lecture's count for LeNet-5
        assertEquals(10, served.get("classes").size());
        assertEquals("lenet5", listing.get("zoo").get(0).get("name").asText());
    }

    @Test
    void aSummaryOfAZooModelOrAServedOne() {
        for (String name : new String[] {"lenet5", "drawn-digits"}) {
            JsonNode s = TestServer.json(server.get("/api/summary/" + name));
            assertEquals(61_706, s.get("totals").get("parameters").asLong(), name);
            assertEquals("[1,28,28]", s.get("input").toString(), name);
            JsonNode c1 = s.get("rows").get(0);
            assertEquals("features.0", c1.get("name").asText());
            assertEquals("[1,6,28,28]", c1.get("outputShape").toString());
            assertEquals((5 * 5 * 1 + 1) * 6, c1.get("parameters").asLong()); // (F x F x D + 1) x K
            assertEquals("C1", c1.get("lectureName").asText(), name);
            assertEquals("", s.get("rows").get(1).get("lectureName").asText(), "the ReLU after C1 has no name");
            assertEquals("F6", s.get("rows").get(9).get("lectureName").asText(), name);
        }
    }

    @Test
    void unknownModelsAndRoutesAre404() {
        PredictApiTest.assertError(404, "unknown model 'resnet999'; the models are drawn-digits, lenet5",
                server.get("/api/summary/resnet999"));
        PredictApiTest.assertError(404, "no such page or API: GET /api/nothing", server.get("/api/nothing"));
        PredictApiTest.assertError(404, "no such page", server.get("/nothing.html"));
        HttpResponseCheck.methodNotAllowedOrNotFound(server);
    }

    @Test
    void theLabSaysItsModelIsReady() {
        JsonNode lab = TestServer.json(server.get("/api/lab"));
        assertEquals("READY", lab.get("state").asText());
        assertEquals("drawn-digits", lab.get("model").asText());
        assertTrue(lab.get("message").asText().contains("drawn-digits.safetensors"), lab.toString());
    }

    /** DELETE on a known path is refused as JSON, whatever status the router picks. */
    private static final class HttpResponseCheck {
        static void methodNotAllowedOrNotFound(TestServer s) {
            var r = s.send(java.net.http.HttpRequest.newBuilder(s.uri("/api/models")).DELETE().build());
            assertTrue(r.statusCode() == 404 || r.statusCode() == 405, "" + r.statusCode());
            assertTrue(TestServer.json(r).get("error").asText().contains("/api/models"), TestServer.text(r));
        }
    }
}
