package conv4j.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultipartFormTest {
    private static RequestBody body(String contentType, String text) {
        return new RequestBody(RequestBody.mediaType(contentType), contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void fieldsAndFilesAsBrowsersAndCurlSendThem() {
        String form = "--XyZ\r\nContent-Disposition: form-data; name=\"kernel\"\r\n\r\nedge\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"image\"; filename=\"cat.png\"\r\n"
                + "Content-Type: image/PNG\r\n\r\n\u0001\r\n--\u0002\r\n--XyZ--\r\n";
        MultipartForm f = MultipartForm.parse(body("multipart/form-data; boundary=XyZ", form));
        assertEquals(Map.of("kernel", "edge"), f.fields());
        MultipartForm.Part image = f.part("image");
        assertEquals("cat.png", image.fileName());
        assertEquals("image/png", image.contentType());
        // a CRLF and dashes inside the content are content: only CRLF, "--" and the boundary end a part
        assertArrayEquals(new byte[] {1, '\r', '\n', '-', '-', 2}, image.bytes());
        assertNull(f.part("other"));
        MultipartForm quoted = MultipartForm.parse(body("multipart/form-data; boundary=\"a b\"",
                "--a b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--a b--"));
        assertEquals(Map.of("x", "1"), quoted.fields());
    }

    @Test
    void malformedFormsAre400NamingWhatIsMissing() {
        String[][] cases = {
            {"multipart/form-data", "--x\r\n", "without a boundary"},
            {"multipart/form-data; boundary=x", "no delimiter here", "without its boundary 'x'"},
            {"multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n",
                "headers do not end"},
            {"multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue",
                "not closed by its boundary"},
            {"multipart/form-data; boundary=x", "--x\r\nContent-Type: text/plain\r\n\r\nv\r\n--x--",
                "no Content-Disposition name"},
            {"multipart/form-data; boundary=x", "--xjunk", "no line break after a boundary"},
        };
        for (String[] c : cases) {
            ApiError e = assertThrows(ApiError.class, () -> MultipartForm.parse(body(c[0], c[1])), c[1]);
            assertEquals(400, e.status());
            assertTrue(e.getMessage().contains(c[2]), e.getMessage());
        }
    }

    @Test
    void boundariesLongerThanRfc2046AllowsAre400() {
        String ok = "b".repeat(MultipartForm.MAX_BOUNDARY);
        MultipartForm f = MultipartForm.parse(body("multipart/form-data; boundary=" + ok,
                "--" + ok + "\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--" + ok + "--"));
        assertEquals(Map.of("x", "1"), f.fields());
        String tooLong = "-".repeat(7800);
        ApiError e = assertThrows(ApiError.class, () -> MultipartForm.parse(body("multipart/form-data; boundary="
                + tooLong, "--" + tooLong + "\r\n")));
        assertEquals(400, e.status());
        assertEquals("the multipart boundary is 7800 characters; RFC 2046 allows at most 70", e.getMessage());
    }
}
