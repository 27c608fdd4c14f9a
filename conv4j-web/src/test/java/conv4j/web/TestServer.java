package conv4j.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import conv4j.vision.models.Models;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** A real lab server on an ephemeral loopback port, and a java.net.http client for it. */
final class TestServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final LabServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final StringBuffer log;

    private TestServer(LabServer server, StringBuffer log) {
        this.server = server;
        this.log = log;
    }

    /** Loopback, any free port, the drawn-digits model, a data cache and default-model place inside {@code dir}. */
    static WebSettings settings(Path dir) {
        return WebSettings.defaults().withAddress("127.0.0.1", 0).withModel(SyntheticDigits.model())
                .withDataDir(dir.resolve("data")).withDefaultModel(dir.resolve("absent.safetensors"));
    }

    static TestServer start(WebSettings settings) {
        StringBuffer log = new StringBuffer();
        try {
            return new TestServer(LabServer.start(settings, Models.registry(), line -> log.append(line).append('\n')),
                    log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String log() {
        return log.toString();
    }

    URI uri(String path) {
        return server.uri().resolve(path);
    }

    HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).GET().build());
    }

    HttpResponse<byte[]> post(String path, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    HttpResponse<byte[]> postJson(String path, String json) {
        return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text(response), e);
        }
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close();
    }
}
