package conv4j.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal is the lab's JSON, those of the protocol included, and the API names no folder of the machine. */
class ErrorFormTest {
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

    private static void assertJson(int status, RawHttp.Response r) {
        assertEquals(status, r.status(), r.text());
        assertTrue(r.headers().getOrDefault("content-type", "").startsWith("application/json"), r.headers() + " "
                + r.text());
        assertTrue(TestServer.parse(r.text()).get("error").asText().length() > 0, r.text());
    }

    @Test
    void protocolErrorsAreJsonNotJettysPage() {
        int port = server.server.port();
        assertJson(400, RawHttp.send(port, "GET /api/models HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n",
                null, 10_000));
        assertJson(505, RawHttp.send(port, "GET / HTTP/7.1\r\nHost: 127.0.0.1\r\n\r\n", null, 10_000));
        assertJson(431, RawHttp.send(port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "x".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n", null, 10_000));
        assertJson(400, RawHttp.get(port, "/api/%zz"));
        assertEquals(200, server.get("/api/models").statusCode());
    }

    @Test
    void aWrongMethodOnAKnownPathIs405WithAllow() {
        int port = server.server.port();
        RawHttp.Response get = RawHttp.send(port, "GET /api/filter HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close"
                + "\r\n\r\n", null, 10_000);
        assertJson(405, get);
        assertEquals("POST", get.headers().get("allow"));
        assertTrue(get.text().contains("GET is not allowed on /api/filter"), get.text());
        RawHttp.Response delete = RawHttp.send(port, "DELETE /api/models HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n", null, 10_000);
        assertJson(405, delete);
        assertTrue(delete.headers().get("allow").contains("GET"), delete.headers().toString());
        RawHttp.Response train = RawHttp.send(port, "PUT /api/train HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n", null, 10_000);
        assertJson(405, train);
        assertTrue(train.headers().get("allow").contains("GET") && train.headers().get("allow").contains("POST"),
                train.headers().toString());
        assertJson(404, RawHttp.get(port, "/api/nothing"));
    }

    @Test
    void theModelsListNamesTheFileNotItsFolders() {
        JsonNode models = TestServer.json(server.get("/api/models")).get("models");
        String source = models.get(0).get("source").asText();
        assertEquals(SyntheticDigits.model().getFileName().toString(), source);
        String all = TestServer.text(server.get("/api/models")) + TestServer.text(server.get("/api/lab"))
                + TestServer.text(server.get("/api/summary/" + models.get(0).get("name").asText()));
        assertFalse(all.contains(SyntheticDigits.model().getParent().toString()), all);
    }
}
