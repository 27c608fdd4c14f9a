package conv4j.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.autograd.Variable;
import conv4j.io.ModelInfo;
import conv4j.nn.Module;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.vision.image.ImageLoader;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's limits, each against a real server: what is refused, with which status, and that it keeps serving. */
class LimitsTest {
    @TempDir
    Path dir;

    private static final byte[] ONE = SyntheticDigits.png(SyntheticDigits.draw(1, new SplittableRandom(5)));

    @Test
    void theDefaultAddressIsLoopbackOnly() throws IOException {
        assertEquals("127.0.0.1", WebSettings.defaults().host());
        WebSettings settings = TestServer.settings(dir).withAddress(WebSettings.defaults().host(), 0);
        try (TestServer s = TestServer.start(settings)) {
            assertEquals("127.0.0.1", s.server.uri().getHost());
            assertEquals(200, s.get("/api/models").statusCode());
            // Another address of this machine, if it has one, finds nothing listening on that port.
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                        try (Socket socket = new Socket()) {
                            socket.connect(new InetSocketAddress(a, s.server.port()), 2000);
                            throw new AssertionError("the server answers on " + a);
                        } catch (IOException refused) {
                            // as it should be
                        }
                    }
                }
            }
        }
    }

    @Test
    void aBodyLongerThanTheCapIs413BeforeItIsRead() {
        try (TestServer s = TestServer.start(TestServer.settings(dir))) {
            long declared = WebSettings.DEFAULT_MAX_BODY_BYTES + 1;
            // Only 10 bytes of the 5 MB announced ever come: the answer cannot have waited for the body.
            RawHttp.Response r = RawHttp.send(s.server.port(), "POST /api/predict HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: image/png\r\nContent-Length: " + declared + "\r\n\r\n", new byte[10], 10_000);
            assertEquals(413, r.status(), r.text());
            assertTrue(r.text().contains("\"error\"") && r.text().contains(declared + " bytes"), r.text());

            // A client that asks first (Expect: 100-continue) is refused before it sends anything.
            RawHttp.Response asked = RawHttp.send(s.server.port(), "POST /api/predict HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nContent-Type: image/png\r\nExpect: 100-continue\r\nContent-Length: "
                    + declared + "\r\n\r\n", null, 10_000);
            assertEquals(413, asked.status(), asked.text());
            assertEquals(200, s.post("/api/predict", "image/png", ONE).statusCode());
        }
    }

    @Test
    void aChunkedBodyIsCutOffAtTheCap() {
        try (TestServer s = TestServer.start(TestServer.settings(dir).withLimits(100_000, 1_000_000))) {
            byte[] chunk = new byte[10_000];
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int i = 0; i < 15; i++) { // 150 kB in all, with no length announced
                body.writeBytes((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                body.writeBytes(chunk);
                body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            body.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response r = RawHttp.send(s.server.port(), "POST /api/predict HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: image/png\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
                    body.toByteArray(), 10_000);
            assertEquals(413, r.status(), r.text());
            assertTrue(r.text().contains("more than the limit of 100000 bytes"), r.text());
            assertEquals(200, s.post("/api/predict", "image/png", ONE).statusCode());
        }
    }

    @Test
    void aPictureOverThePixelCapIs413BeforeItIsDecoded() throws IOException {
        try (TestServer s = TestServer.start(TestServer.settings(dir))) {
            // 100,000 x 100,000 pixels in a header of a few dozen bytes: 10 billion pixels once decoded.
            byte[] bomb = pngHeader(100_000, 100_000);
            HttpResponse<byte[]> r = s.post("/api/predict", "image/png", bomb);
            assertEquals(413, r.statusCode(), TestServer.text(r));
            assertTrue(PredictApiTest.error(r).contains("100000 x 100000 pixels is more than the 12,000,000-pixel"
                    + " limit"), PredictApiTest.error(r));
            HttpResponse<byte[]> f = s.post("/api/filter?kernel=edge", "image/png", bomb);
            assertEquals(413, f.statusCode(), TestServer.text(f));
        }
        try (TestServer s = TestServer.start(TestServer.settings(dir).withLimits(WebSettings.DEFAULT_MAX_BODY_BYTES,
                280 * 279))) {
            HttpResponse<byte[]> r = s.post("/api/predict", "image/png", ONE); // 280 x 280
            assertEquals(413, r.statusCode(), TestServer.text(r));
        }
    }

    @Test
    void moreRequestsThanTheQueueHoldsAre503WithRetryAfter() throws Exception {
        try (TestServer s = TestServer.start(TestServer.settings(dir).withQueue(1, 2))) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch entered = new CountDownLatch(1);
            s.server.models().put(new ServedModel("slow", new Blocking(entered, release),
                    ModelInfo.of("slow", Shape.of(1, 28, 28), List.of()), "a test", new ImageLoader()));
            String digit = PredictApiTest.json(new float[784]);
            HttpRequest request = HttpRequest.newBuilder(s.uri("/api/predict?model=slow"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(digit)).build();
            List<CompletableFuture<HttpResponse<String>>> admitted = new ArrayList<>();
            for (int i = 0; i < 3; i++) { // one works, two wait: the queue is full
                admitted.add(s.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            assertTrue(entered.await(30, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (s.server.queue().inFlight() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(3, s.server.queue().inFlight());

            for (int i = 0; i < 4; i++) {
                HttpResponse<byte[]> busy = s.send(request);
                assertEquals(503, busy.statusCode(), TestServer.text(busy));
                assertEquals("1", busy.headers().firstValue("Retry-After").orElse(""));
                assertTrue(PredictApiTest.error(busy).contains("busy"), PredictApiTest.error(busy));
            }
            // Requests that need no worker are still answered at once.
            assertEquals(200, s.get("/api/models").statusCode());

            release.countDown();
            for (CompletableFuture<HttpResponse<String>> f : admitted) {
                HttpResponse<String> r = f.get(30, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode(), r.body());
            }
            assertEquals(0, s.server.queue().inFlight());
            assertEquals(200, s.post("/api/predict", "image/png", ONE).statusCode());
        }
    }

    @Test
    void aClientThatStopsSendingIsCutOffAfterTheIdleTimeout() throws IOException {
        WebSettings settings = TestServer.settings(dir).withIdleTimeout(Duration.ofMillis(500));
        try (TestServer s = TestServer.start(settings)) {
            // A body announced as 1000 bytes of which 10 arrive.
            RawHttp.Response body = RawHttp.send(s.server.port(), "POST /api/predict HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: image/png\r\nContent-Length: 1000\r\n\r\n", new byte[10], 15_000);
            assertTrue(body.closedByServer(), "the connection is closed: " + body);
            assertTrue(body.millis() >= 400 && body.millis() < 10_000, body.millis() + " ms");
            assertTrue(body.status() == -1 || body.status() == 408 || body.status() == 500,
                    body.status() + " " + body.text());

            // Half a request line, then nothing.
            long start = System.nanoTime();
            try (Socket socket = new Socket("127.0.0.1", s.server.port())) {
                socket.setSoTimeout(15_000);
                OutputStream out = socket.getOutputStream();
                out.write("GET /api/mod".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                try {
                    while (in.read() >= 0) {
                        // whatever the server says before it closes
                    }
                } catch (IOException reset) {
                    // closed by the server
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 400 && millis < 10_000, millis + " ms");
            assertEquals(200, s.get("/api/models").statusCode());
        }
    }

    @Test
    void aMultipartBoundaryOverSeventyCharactersIs400() {
        try (TestServer s = TestServer.start(TestServer.settings(dir))) {
            // Dashes for a boundary of dashes: every position of the body is a long partial match.
            String boundary = "-".repeat(7800);
            byte[] body = new byte[4_000_000];
            java.util.Arrays.fill(body, (byte) '-');
            for (int i = 7798; i < body.length; i += 7799) {
                body[i] = 'x';
            }
            HttpResponse<byte[]> r = s.post("/api/filter?kernel=edge", "multipart/form-data; boundary=" + boundary,
                    body);
            PredictApiTest.assertError(400, "the multipart boundary is 7800 characters; RFC 2046 allows at most 70",
                    r);
            assertEquals(200, s.post("/api/predict", "image/png", ONE).statusCode());
        }
    }

    @Test
    void aTricklingBodyIsCutOffAtTheBodyDeadline() throws IOException {
        WebSettings settings = TestServer.settings(dir).withUploads(4, Duration.ofSeconds(1));
        try (TestServer s = TestServer.start(settings);
             Socket socket = new Socket("127.0.0.1", s.server.port())) {
            // A byte every 200 ms: each well within the 30 s idle timeout, the body never done.
            socket.setSoTimeout(200);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n"
                    + "Content-Length: 1000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                for (int i = 0; i < 100 && answer.size() == 0; i++) {
                    out.write(0);
                    out.flush();
                    try {
                        int b = socket.getInputStream().read();
                        if (b >= 0) {
                            answer.write(b);
                            answer.writeBytes(socket.getInputStream().readNBytes(200));
                        }
                    } catch (java.net.SocketTimeoutException quiet) {
                        // nothing yet: another byte
                    }
                }
            } catch (IOException closed) {
                // closed by the server after its answer
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            String text = answer.toString(StandardCharsets.ISO_8859_1);
            assertTrue(text.startsWith("HTTP/1.1 408"), text);
            assertTrue(millis >= 900 && millis < 10_000, millis + " ms");
            assertEquals(0, s.server.uploads().inUse());
            assertEquals(200, s.post("/api/predict", "image/png", ONE).statusCode());
        }
    }

    @Test
    void moreUploadsThanTheCapAre503WhileOtherRequestsAreServed() throws IOException {
        WebSettings settings = TestServer.settings(dir).withUploads(2, Duration.ofSeconds(60));
        try (TestServer s = TestServer.start(settings)) {
            List<Socket> holders = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) { // two bodies that arrive slowly: 10 bytes of 1000
                    Socket socket = new Socket("127.0.0.1", s.server.port());
                    holders.add(socket);
                    socket.getOutputStream().write(("POST /api/filter?kernel=edge HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Content-Type: image/png\r\nContent-Length: 1000\r\n\r\n0123456789")
                            .getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                }
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (s.server.uploads().inUse() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(2, s.server.uploads().inUse());
                HttpResponse<byte[]> busy = s.post("/api/predict", "image/png", ONE);
                PredictApiTest.assertError(503, "2 uploads are arriving", busy);
                assertEquals("1", busy.headers().firstValue("Retry-After").orElse(""));
                assertEquals(200, s.get("/api/models").statusCode());
                assertEquals(200, s.get("/").statusCode());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                for (Socket socket : holders) {
                    socket.close();
                }
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (s.server.uploads().inUse() > 0 && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
            }
            assertEquals(200, s.post("/api/predict", "image/png", ONE).statusCode());
        }
    }

    @Test
    void pathsWithDotDotNeverLeaveTheStaticFolder() {
        try (TestServer s = TestServer.start(TestServer.settings(dir))) {
            String[] paths = {
                "/../LabServer.class", "/..%2fLabServer.class", "/%2e%2e/LabServer.class", "/%2e%2e%2fLabServer.class",
                "/static/../LabServer.class", "/..%5cLabServer.class", "/....//LabServer.class",
                "/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd",
                "/api/summary/..%2f..%2fpom.xml", "/api/samples/..%2f..%2fLabServer.class", "/index.html/..",
                "/LabServer.class", "/static/index.html", "//etc/passwd", "/%00index.html",
            };
            for (String path : paths) {
                RawHttp.Response r = RawHttp.get(s.server.port(), path);
                assertTrue(r.status() == 400 || r.status() == 404, path + " -> " + r.status() + " " + r.text());
                String body = r.text();
                assertFalse(body.contains("root:") || body.contains("<project") || startsWithClassMagic(r.body()),
                        path + " leaked a file: " + body);
            }
            RawHttp.Response page = RawHttp.get(s.server.port(), "/index.html");
            assertEquals(200, page.status());
            assertTrue(page.text().contains("<canvas id=\"pad\""), page.text());
            assertEquals(StaticFiles.POLICY, page.headers().get("content-security-policy"));
        }
    }

    private static boolean startsWithClassMagic(byte[] b) {
        return b.length >= 4 && (b[0] & 0xff) == 0xca && (b[1] & 0xff) == 0xfe && (b[2] & 0xff) == 0xba
                && (b[3] & 0xff) == 0xbe;
    }

    /** A PNG signature and an IHDR chunk claiming {@code width x height} grey pixels, then nothing. */
    static byte[] pngHeader(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeBytes("IHDR");
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 0, 0, 0, 0});
        byte[] chunk = ihdr.toByteArray();
        out.writeInt(chunk.length - 4);
        out.write(chunk);
        CRC32 crc = new CRC32();
        crc.update(chunk);
        out.writeInt((int) crc.getValue());
        return bytes.toByteArray();
    }

    /** A model whose forward pass waits until the test lets it go, to hold the one worker. */
    private static final class Blocking extends Module {
        private final CountDownLatch entered;
        private final CountDownLatch release;

        Blocking(CountDownLatch entered, CountDownLatch release) {
            this.entered = entered;
            this.release = release;
        }

        @Override
        public Variable forward(Variable input) {
            entered.countDown();
            try {
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Variable.of(Tensor.zeros(input.value().dim(0), 10));
        }

        @Override
        public Shape outputShape(Shape input) {
            return Shape.of(input.dim(0), 10);
        }
    }
}
