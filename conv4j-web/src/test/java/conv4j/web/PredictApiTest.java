package conv4j.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import conv4j.tensor.Tensor;
import conv4j.vision.image.DigitPreprocessor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/predict} on a real server: every way to send a picture, and every bad request. */
class PredictApiTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static byte[] one;
    static byte[] zero;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestServer.settings(dir));
        one = SyntheticDigits.png(SyntheticDigits.draw(1, new SplittableRandom(5)));
        zero = SyntheticDigits.png(SyntheticDigits.draw(0, new SplittableRandom(6)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Whatever a request did, the next good one is answered. */
    @AfterEach
    void stillServing() {
        HttpResponse<byte[]> r = server.post("/api/predict", "image/png", one);
        assertEquals(200, r.statusCode(), TestServer.text(r));
    }

    @Test
    void aPngOfADrawnOneIsReadAsOne() {
        JsonNode answer = ok(server.post("/api/predict", "image/png", one));
        assertEquals("drawn-digits", answer.get("model").asText());
        JsonNode top = answer.get("top");
        assertEquals(3, top.size());
        assertEquals("1", top.get(0).get("label").asText());
        assertEquals(1, top.get(0).get("index").asInt());
        double sum = 0;
        for (int i = 0; i < top.size(); i++) {
            sum += top.get(i).get("probability").asDouble();
            if (i > 0) {
                assertTrue(top.get(i).get("probability").asDouble() <= top.get(i - 1).get("probability").asDouble());
            }
        }
        assertTrue(sum <= 1.0001 && top.get(0).get("probability").asDouble() > 0.5, answer.toString());
        assertTrue(answer.path("layers").isMissingNode(), "layers only when asked for");
    }

    @Test
    void topKAsksForMoreClasses() {
        JsonNode answer = ok(server.post("/api/predict?top=10", "image/png", zero));
        assertEquals(10, answer.get("top").size());
        assertEquals("0", answer.get("top").get(0).get("label").asText());
    }

    @Test
    void aJpegIsReadToo() throws IOException {
        BufferedImage image = SyntheticDigits.draw(0, new SplittableRandom(7));
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", jpeg);
        assertEquals("0", top(ok(server.post("/api/predict", "image/jpeg", jpeg.toByteArray()))));
    }

    @Test
    void aFormWithAnImagePartIsReadToo() {
        String boundary = "----conv4jBoundary7";
        byte[] form = form(boundary, "image", "digit.png", "image/png", one);
        assertEquals("1", top(ok(server.post("/api/predict", "multipart/form-data; boundary=" + boundary, form))));
    }

    @Test
    void aJsonArrayIsTakenAsThePreparedDigit() {
        Tensor prepared = new DigitPreprocessor().preprocess(
                conv4j.vision.image.ImageTensors.toTensor(SyntheticDigits.draw(0, new SplittableRandom(8)),
                        conv4j.vision.image.ImageMode.GREY), "a drawn zero");
        assertEquals("0", top(ok(server.postJson("/api/predict", json(prepared.data())))));
        // with the channel written out: 1 x 28 x 28
        assertEquals("0", top(ok(server.postJson("/api/predict", "[" + json(prepared.data()) + "]"))));
    }

    /** The lab's drawing reaches the model exactly as `conv4j predict` prepares the same picture from a file. */
    @Test
    void thePictureIsPreparedAsConv4jPredictPreparesAFile() throws IOException {
        JsonNode answer = ok(server.post("/api/predict?layers=true", "image/png", zero));
        JsonNode input = answer.get("input");
        assertEquals("[1,28,28]", input.get("shape").toString());
        Path file = Files.write(dir.resolve("zero.png"), zero);
        Tensor expected = new DigitPreprocessor().preprocess(file); // what ModelInput does for `conv4j predict`
        float[] e = expected.data();
        JsonNode values = input.get("values");
        assertEquals(e.length, values.size());
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], values.get(i).floatValue(), 1e-4, "pixel " + i);
        }
    }

    @Test
    void layersAreLeNetsFeatureMapsAndDenseActivations() {
        JsonNode layers = ok(server.post("/api/predict?layers=true", "image/png", one)).get("layers");
        String[] names = new String[layers.size()];
        String[] shapes = new String[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            names[i] = layers.get(i).get("name").asText();
            shapes[i] = layers.get(i).get("shape").toString();
            int kept = layers.get(i).get("kept").asInt();
            int perMap = layers.get(i).get("shape").size() == 3
                    ? layers.get(i).get("shape").get(1).asInt() * layers.get(i).get("shape").get(2).asInt() : 1;
            assertEquals(kept * perMap, layers.get(i).get("values").size(), names[i]);
        }
        // The lecture's LeNet-5: C1 6@28x28, S2 6@14x14, C3 16@10x10, S4 16@5x5, C5 120, F6 84, output 10.
        assertEquals("[features.0, features.2, features.3, features.5, features.6, classifier.0, classifier.2]",
                Arrays.toString(names));
        assertEquals("[[6,28,28], [6,14,14], [16,10,10], [16,5,5], [120,1,1], [84], [10]]",
                Arrays.toString(shapes));
        String[] lectureNames = new String[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            lectureNames[i] = layers.get(i).get("lectureName").asText();
        }
        assertEquals("[C1, S2, C3, S4, C5, F6, output]", Arrays.toString(lectureNames));
    }

    @Test
    void wrongContentTypesAre415() {
        for (String type : new String[] {"text/plain", "application/xml", "image/gif", "application/octet-stream"}) {
            HttpResponse<byte[]> r = server.post("/api/predict", type, one);
            assertEquals(415, r.statusCode(), type);
            assertTrue(error(r).contains(type) && error(r).contains("image/png"), error(r));
        }
        HttpResponse<byte[]> none = server.post("/api/predict", null, one);
        assertEquals(415, none.statusCode());
        assertTrue(error(none).contains("no Content-Type"), error(none));
    }

    @Test
    void emptyAndMalformedBodiesAre400() {
        assertError(400, "empty", server.post("/api/predict", "image/png", new byte[0]));
        assertError(400, "not a PNG, JPEG", server.post("/api/predict", "image/png",
                "hello, not a picture".getBytes(StandardCharsets.UTF_8)));
        assertError(400, "truncated or corrupt PNG", server.post("/api/predict", "image/png",
                Arrays.copyOf(one, one.length / 2)));
        byte[] blank = SyntheticDigits.png(new BufferedImage(280, 280, BufferedImage.TYPE_INT_RGB));
        assertError(400, "no digit found", server.post("/api/predict", "image/png", blank));
    }

    @Test
    void jsonOfTheWrongShapeOrWithNaNIs400() {
        float[] digit = new float[784];
        assertError(400, "received 27 rows", server.postJson("/api/predict", json(Arrays.copyOf(digit, 27 * 28))));
        String narrowRow = "[" + String.join(",", java.util.Collections.nCopies(27, "0")) + "]";
        assertError(400, "row 0 with 27 values", server.postJson("/api/predict",
                "[" + String.join(",", java.util.Collections.nCopies(28, narrowRow)) + "]"));
        assertError(400, "received an object", server.postJson("/api/predict", "{\"pixels\": []}"));
        assertError(400, "received 2 channels", server.postJson("/api/predict",
                "[" + json(digit) + "," + json(digit) + "]"));
        String nan = json(digit).replaceFirst("0\\.0", "NaN");
        assertError(400, "malformed JSON", server.postJson("/api/predict", nan));
        String huge = json(digit).replaceFirst("0\\.0", "1e999");
        assertError(400, "row 0, column 0 is", server.postJson("/api/predict", huge));
        String two = json(digit).replaceFirst("0\\.0", "2");
        assertError(400, "values are numbers in [0, 1]", server.postJson("/api/predict", two));
        String text = json(digit).replaceFirst("0\\.0", "\"a\"");
        assertError(400, "row 0, column 0 is \"a\"", server.postJson("/api/predict", text));
        assertError(400, "malformed JSON", server.postJson("/api/predict", "[[0, 0"));
        assertError(400, "malformed JSON", server.postJson("/api/predict", json(digit) + " []"));
    }

    @Test
    void badQueryParametersAre400AndAnUnknownModelIs404() {
        assertError(400, "top must be at least 1", server.post("/api/predict?top=0", "image/png", one));
        assertError(400, "top must be a whole number", server.post("/api/predict?top=x", "image/png", one));
        assertError(400, "layers must be true or false", server.post("/api/predict?layers=maybe", "image/png", one));
        assertError(404, "unknown model 'nope'; the models are drawn-digits",
                server.post("/api/predict?model=nope", "image/png", one));
    }

    static JsonNode ok(HttpResponse<byte[]> r) {
        assertEquals(200, r.statusCode(), TestServer.text(r));
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        return TestServer.json(r);
    }

    static String top(JsonNode answer) {
        return answer.get("top").get(0).get("label").asText();
    }

    static String error(HttpResponse<byte[]> r) {
        return TestServer.json(r).get("error").asText();
    }

    static void assertError(int status, String part, HttpResponse<byte[]> r) {
        assertEquals(status, r.statusCode(), TestServer.text(r));
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(error(r).contains(part), "expected '" + part + "' in: " + error(r));
    }

    static String json(float[] values) {
        StringBuilder b = new StringBuilder("[");
        for (int y = 0; y < values.length / 28; y++) {
            b.append(y == 0 ? "[" : ",[");
            for (int x = 0; x < 28; x++) {
                b.append(x == 0 ? "" : ",").append(values[y * 28 + x]);
            }
            b.append(']');
        }
        return b.append(']').toString();
    }

    static byte[] form(String boundary, String name, String fileName, String type, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + type + "\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
