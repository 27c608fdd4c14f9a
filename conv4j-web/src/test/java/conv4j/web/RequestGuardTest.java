package conv4j.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may use the lab, against real servers: a rebound host name is refused, another site's page cannot change
 * anything, and beyond loopback only the holder of the printed token starts or stops work.
 */
class RequestGuardTest {
    @TempDir
    Path dir;

    private static final String START = "{\"dataset\": \"drawn\", \"epochs\": 1}";
    private static final byte[] ONE = SyntheticDigits.png(SyntheticDigits.draw(1, new SplittableRandom(5)));

    private static RawHttp.Response raw(TestServer s, String method, String path, String headers, String body) {
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        return RawHttp.send(s.server.port(), method + " " + path + " HTTP/1.1\r\n" + headers
                + (bytes == null ? "" : "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n")
                + "Connection: close\r\n\r\n", bytes, 10_000);
    }

    private static void assertRefused(int status, String part, RawHttp.Response r) {
        assertEquals(status, r.status(), r.text());
        assertTrue(r.headers().getOrDefault("content-type", "").startsWith("application/json"), r.headers().toString());
        assertTrue(r.text().contains(part), "expected '" + part + "' in " + r.text());
    }

    private static HttpResponse<byte[]> post(TestServer s, String path, String header, String value) {
        return s.send(HttpRequest.newBuilder(s.uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "image/png").header(header, value)
                .POST(HttpRequest.BodyPublishers.ofByteArray(ONE)).build());
    }

    @Test
    void aHostThatIsNotTheLabsIs403EvenForAPage() throws IOException {
        SyntheticDigits.writeIdx(dir.resolve("data").resolve("drawn"), 300, 60, 31);
        try (TestServer s = TestServer.start(TestServer.settings(dir))) {
            int port = s.server.port();
            // A page of evil.example whose name now points at 127.0.0.1: its requests say Host: evil.example.
            assertRefused(403, "does not serve the host 'evil.example:" + port + "'",
                    raw(s, "POST", "/api/train", "Host: evil.example:" + port + "\r\n", START));
            assertRefused(403, "evil.example", raw(s, "GET", "/api/models", "Host: evil.example\r\n", null));
            assertRefused(403, "evil.example", raw(s, "GET", "/", "Host: evil.example\r\n", null));
            assertRefused(403, "no Host header", RawHttp.send(port, "GET /api/models HTTP/1.0\r\n\r\n", null, 10_000));
            assertEquals(0, TestServer.json(s.get("/api/train")).get("run").asInt(), "no run was started");
            for (String host : new String[] {"127.0.0.1:" + port, "localhost:" + port, "LOCALHOST", "[::1]:" + port}) {
                assertEquals(200, raw(s, "GET", "/api/models", "Host: " + host + "\r\n", null).status(), host);
            }
        }
    }

    @Test
    void anotherSitesPageCannotStartOrStopWork() throws IOException {
        SyntheticDigits.writeIdx(dir.resolve("data").resolve("drawn"), 300, 60, 31);
        try (TestServer s = TestServer.start(TestServer.settings(dir))) {
            int port = s.server.port();
            String host = "Host: 127.0.0.1:" + port + "\r\n";
            assertRefused(403, "Origin https://evil.example", raw(s, "POST", "/api/train", host
                    + "Origin: https://evil.example\r\n", START));
            assertRefused(403, "Origin null", raw(s, "POST", "/api/train/stop", host + "Origin: null\r\n", null));
            assertRefused(403, "Referer http://evil.example/x", raw(s, "POST", "/api/train/stop", host
                    + "Referer: http://evil.example/x\r\n", null));
            assertRefused(403, "Origin http://localhost:" + port, raw(s, "POST", "/api/train/stop", host
                    + "Origin: http://localhost:" + port + "\r\n", null));
            assertEquals(0, TestServer.json(s.get("/api/train")).get("run").asInt(), "no run was started");
            // The lab's own pages, and clients that are not browsers (no Origin, no Referer), go on working: the stop
            // reaches the dashboard, which answers 409 as no run is going.
            assertEquals(409, raw(s, "POST", "/api/train/stop", host + "Origin: http://127.0.0.1:" + port + "\r\n",
                    null).status());
            assertEquals(409, raw(s, "POST", "/api/train/stop", host + "Referer: http://127.0.0.1:" + port
                    + "/train.html\r\n", null).status());
            assertEquals(200, post(s, "/api/predict", "Origin", "http://127.0.0.1:" + port).statusCode());
            assertEquals(200, s.post("/api/predict", "image/png", ONE).statusCode());
            assertNull(s.server.token(), "loopback needs no token");
            assertFalse(s.server.uri().toString().contains("token"), s.server.uri().toString());
        }
    }

    @Test
    void beyondLoopbackWorkNeedsThePrintedToken() {
        // Every address of this machine: reached here through loopback, which such a lab also serves.
        try (TestServer s = TestServer.start(TestServer.settings(dir).withAddress("0.0.0.0", 0))) {
            String token = s.server.token();
            assertTrue(token.matches("[0-9a-f]{32}"), token);
            assertEquals("http://0.0.0.0:" + s.server.port() + "/?token=" + token, s.server.uri().toString());
            TestServer.json(s.get("/api/models")); // reading needs no token
            assertEquals(200, s.get("/kernels.html").statusCode());

            HttpResponse<byte[]> none = s.post("/api/predict", "image/png", ONE);
            PredictApiTest.assertError(401, "needs its token", none);
            PredictApiTest.assertError(401, "not this lab's", post(s, "/api/predict", RequestGuard.HEADER,
                    token.substring(1) + "0"));
            PredictApiTest.assertError(401, "needs its token", s.postJson("/api/train/stop", "{}"));
            assertEquals(200, post(s, "/api/predict", RequestGuard.HEADER, token).statusCode());
            assertEquals(200, s.post("/api/predict?token=" + token, "image/png", ONE).statusCode());
            assertRefused(403, "evil.example", raw(s, "POST", "/api/predict?token=" + token,
                    "Host: evil.example\r\n", "[]"));
        }
    }

    @Test
    void aNameAllowedAtStartIsServedAndNeedsTheToken() {
        WebSettings settings = TestServer.settings(dir).withAllowedHosts(Set.of("Lab.Example.org"));
        try (TestServer s = TestServer.start(settings)) {
            int port = s.server.port();
            String token = s.server.token();
            assertTrue(token != null && token.matches("[0-9a-f]{32}"), "a name beyond loopback needs a token");
            assertEquals(200, raw(s, "GET", "/api/models", "Host: lab.example.org:" + port + "\r\n", null).status());
            assertRefused(401, "needs its token", raw(s, "POST", "/api/train/stop", "Host: lab.example.org:" + port
                    + "\r\n", null));
            assertEquals(409, raw(s, "POST", "/api/train/stop?token=" + token, "Host: lab.example.org:" + port
                    + "\r\n", null).status(), "the stop reaches the dashboard, which has no run to stop");
            assertRefused(403, "--allow-host evil.example", raw(s, "GET", "/api/models", "Host: evil.example\r\n",
                    null));
        }
    }

    @Test
    void anAllowedHostThatIsNotANameIsRefusedAtStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WebSettings.defaults().withAllowedHosts(Set.of("evil.example/x y")));
        assertTrue(e.getMessage().contains("'evil.example/x y'"), e.getMessage());
    }
}
