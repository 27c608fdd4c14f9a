package conv4j.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import conv4j.tensor.Tensor;
import conv4j.vision.filters.BorderMode;
import conv4j.vision.filters.FilterPadding;
import conv4j.vision.filters.ImageFilter;
import conv4j.vision.filters.Kernels;
import conv4j.vision.image.ImageLoader;
import conv4j.vision.image.ImageTensors;
import conv4j.vision.samples.SampleImages;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel playground's API: the same pixels as `conv4j filter`, and every bad request refused by name. */
class FilterApiTest {
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

    /** The pixels `conv4j filter sharpen sample:chelsea out.png` writes: ImageFilter, clamped, 8 bits. */
    private static int[] expected(String kernel, String border, int stride, String padding) {
        Tensor out = new ImageFilter(Kernels.named(kernel).kernel(), BorderMode.parse(border), stride,
                FilterPadding.parse(padding)).apply(SampleImages.load("chelsea"));
        return ImageTensors.toImage(out).getRGB(0, 0, out.dim(2), out.dim(1), null, 0, out.dim(2));
    }

    private static int[] pixels(HttpResponse<byte[]> r) {
        assertEquals(200, r.statusCode(), TestServer.text(r));
        assertEquals("image/png", r.headers().firstValue("Content-Type").orElse(""));
        Tensor t = new ImageLoader().load(r.body(), "the answer");
        return ImageTensors.toImage(t).getRGB(0, 0, t.dim(2), t.dim(1), null, 0, t.dim(2));
    }

    @Test
    void aNamedKernelOnASampleGivesTheFilterCommandsPixels() {
        HttpResponse<byte[]> r = server.postJson("/api/filter", "{\"sample\": \"chelsea\", \"kernel\": \"sharpen\"}");
        assertArrayEquals(expected("sharpen", "replicate", 1, "same"), pixels(r));
        assertEquals("input 256 x 170, kernel 3 x 3, padding same (1), stride 1 -> output 256 x 170",
                r.headers().firstValue(FilterRoutes.GEOMETRY_HEADER).orElse(""));
    }

    @Test
    void rowsBorderStrideAndPaddingAsInTheCommand() {
        HttpResponse<byte[]> r = server.postJson("/api/filter", "{\"sample\": \"chelsea\", \"rows\":"
                + " [[-1,-1,-1],[-1,8,-1],[-1,-1,-1]], \"border\": \"zero\", \"stride\": 2, \"padding\": \"1\"}");
        assertArrayEquals(expected("edge", "zero", 2, "1"), pixels(r));
        assertTrue(r.headers().firstValue(FilterRoutes.GEOMETRY_HEADER).orElse("").endsWith("-> output 128 x 85"));
        HttpResponse<byte[]> text = server.post("/api/filter?rows=-1,-1,-1;-1,8,-1;-1,-1,-1&border=zero&stride=2"
                + "&padding=1&sample=chelsea", "application/json", "{}".getBytes());
        assertArrayEquals(expected("edge", "zero", 2, "1"), pixels(text));
    }

    @Test
    void anUploadedPictureAsBodyOrForm() {
        byte[] photo = FilterRoutes.png(SampleImages.image("chelsea"));
        assertArrayEquals(expected("gaussian", "replicate", 1, "same"),
                pixels(server.post("/api/filter?kernel=gaussian", "image/png", photo)));
        String boundary = "b0undary";
        byte[] form = PredictApiTest.form(boundary, "image", "cat.png", "image/png", photo);
        String field = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"kernel\"\r\n\r\nemboss\r\n";
        byte[] both = new byte[field.length() + form.length];
        System.arraycopy(field.getBytes(), 0, both, 0, field.length());
        System.arraycopy(form, 0, both, field.length(), form.length);
        assertArrayEquals(expected("emboss", "replicate", 1, "same"),
                pixels(server.post("/api/filter", "multipart/form-data; boundary=" + boundary, both)));
    }

    @Test
    void kernelsAndSamplesAreListed() {
        JsonNode kernels = TestServer.json(server.get("/api/kernels"));
        assertEquals(Kernels.all().size(), kernels.size());
        assertEquals("[[0.0,-1.0,0.0],[-1.0,5.0,-1.0],[0.0,-1.0,0.0]]",
                find(kernels, "sharpen").get("rows").toString());
        assertEquals("[\"chelsea\",\"astronaut\",\"coffee\"]",
                TestServer.json(server.get("/api/samples")).get("samples").toString());
        HttpResponse<byte[]> cat = server.get("/api/samples/chelsea");
        assertEquals(200, cat.statusCode());
        assertEquals(256, new ImageLoader().load(cat.body(), "cat").dim(2));
    }

    @Test
    void badRequestsNameWhatIsWrong() {
        PredictApiTest.assertError(400, "no kernel", server.postJson("/api/filter", "{\"sample\": \"chelsea\"}"));
        PredictApiTest.assertError(400, "unknown kernel 'blurry'",
                server.postJson("/api/filter", "{\"sample\": \"chelsea\", \"kernel\": \"blurry\"}"));
        PredictApiTest.assertError(400, "'kernel' or 'rows', not both", server.postJson("/api/filter",
                "{\"sample\": \"chelsea\", \"kernel\": \"edge\", \"rows\": [[1]]}"));
        PredictApiTest.assertError(400, "odd number of rows and columns", server.postJson("/api/filter",
                "{\"sample\": \"chelsea\", \"rows\": [[1, 2], [3, 4]]}"));
        PredictApiTest.assertError(400, "column 2 of the kernel is null", server.postJson("/api/filter",
                "{\"sample\": \"chelsea\", \"rows\": [[1, null, 1]]}"));
        PredictApiTest.assertError(400, "kernels up to 15 x 15", server.post("/api/filter?sample=chelsea&rows="
                + "1,".repeat(16) + "1", "application/json", "{}".getBytes()));
        PredictApiTest.assertError(400, "no picture", server.postJson("/api/filter", "{\"kernel\": \"edge\"}"));
        PredictApiTest.assertError(404, "unknown sample image 'dog'",
                server.postJson("/api/filter", "{\"sample\": \"dog\", \"kernel\": \"edge\"}"));
        PredictApiTest.assertError(400, "stride must be from 1 to 16",
                server.postJson("/api/filter", "{\"sample\": \"chelsea\", \"kernel\": \"edge\", \"stride\": 0}"));
        PredictApiTest.assertError(400, "border", server.postJson("/api/filter",
                "{\"sample\": \"chelsea\", \"kernel\": \"edge\", \"border\": \"wrap\"}"));
        PredictApiTest.assertError(415, "text/plain", server.post("/api/filter", "text/plain", "x".getBytes()));
        PredictApiTest.assertError(400, "truncated or corrupt PNG", server.post("/api/filter?kernel=edge",
                "image/png", java.util.Arrays.copyOf(FilterRoutes.png(SampleImages.image("coffee")), 3000)));
        PredictApiTest.assertError(404, "unknown sample 'dog'", server.get("/api/samples/dog"));
        assertEquals(200, server.postJson("/api/filter", "{\"sample\": \"coffee\", \"kernel\": \"edge\"}")
                .statusCode());
    }

    @Test
    void aPaddingThatWouldOutgrowTheServerIs400NamingIt() {
        // 70 bytes of request that asked for 408 megapixels a channel: refused before any buffer exists.
        HttpResponse<byte[]> r = server.postJson("/api/filter",
                "{\"sample\": \"chelsea\", \"kernel\": \"edge\", \"padding\": 9999}");
        PredictApiTest.assertError(400, "padding 9999 makes the 256 x 170 picture 20254 x 20168 (408,482,672 pixels)"
                + " before filtering, more than the limit of 16,000,000 pixels", r);
        PredictApiTest.assertError(400, "padding 3000", server.post("/api/filter?kernel=edge&padding=3000&stride=16",
                "image/png", FilterRoutes.png(SampleImages.image("coffee"))));
        HttpResponse<byte[]> wide = server.postJson("/api/filter",
                "{\"sample\": \"chelsea\", \"kernel\": \"edge\", \"padding\": 300}");
        assertTrue(wide.headers().firstValue(FilterRoutes.GEOMETRY_HEADER).orElse("").endsWith("-> output 854 x 768"),
                wide.headers().toString());
    }

    private static JsonNode find(JsonNode list, String name) {
        for (JsonNode k : list) {
            if (k.get("name").asText().equals(name)) {
                return k;
            }
        }
        throw new AssertionError(name + " not in " + list);
    }
}
