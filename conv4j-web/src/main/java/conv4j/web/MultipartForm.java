package conv4j.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A multipart/form-data body (RFC 7578), parsed from bytes already read under the body cap: each part's name, file
 * name, content type and bytes. Only what browsers and curl send is supported; anything malformed is a 400 that says
 * what is missing.
 */
final class MultipartForm {
    static final String TYPE = "multipart/form-data";
    /** RFC 2046, section 5.1.1: a boundary is 1 to 70 characters. */
    static final int MAX_BOUNDARY = 70;
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern NAME = Pattern.compile("(?i);\\s*name=\"([^\"]*)\"");
    private static final Pattern FILE_NAME = Pattern.compile("(?i);\\s*filename=\"([^\"]*)\"");
    private static final byte[] CRLF = {'\r', '\n'};
    private static final ByteSearch HEADER_END = new ByteSearch(new byte[] {'\r', '\n', '\r', '\n'});

    record Part(String name, String fileName, String contentType, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final Map<String, Part> parts;

    private MultipartForm(Map<String, Part> parts) {
        this.parts = parts;
    }

    Part part(String name) {
        return parts.get(name);
    }

    /** The text fields (parts without a file name), by name. */
    Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        parts.forEach((name, part) -> {
            if (part.fileName() == null) {
                fields.put(name, part.text());
            }
        });
        return fields;
    }

    static MultipartForm parse(RequestBody body) {
        Matcher m = BOUNDARY.matcher(body.contentType());
        if (!m.find()) {
            throw ApiError.badRequest("multipart/form-data without a boundary in its Content-Type");
        }
        String boundary = m.group(2) != null ? m.group(2) : m.group(3);
        if (boundary.length() > MAX_BOUNDARY) {
            throw ApiError.badRequest("the multipart boundary is " + boundary.length() + " characters; RFC 2046"
                    + " allows at most " + MAX_BOUNDARY);
        }
        byte[] data = body.bytes();
        ByteSearch delimiter = new ByteSearch(("--" + boundary).getBytes(StandardCharsets.ISO_8859_1));
        int at = delimiter.in(data, 0);
        if (at < 0) {
            throw ApiError.badRequest("multipart body without its boundary '" + boundary + "'");
        }
        ByteSearch next = new ByteSearch(("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1));
        Map<String, Part> parts = new LinkedHashMap<>();
        while (true) {
            int after = at + delimiter.length();
            if (startsWith(data, after, new byte[] {'-', '-'})) {
                break; // the closing delimiter
            }
            if (!startsWith(data, after, CRLF)) {
                throw ApiError.badRequest("malformed multipart body: no line break after a boundary");
            }
            int headersStart = after + 2;
            int headersEnd = HEADER_END.in(data, headersStart);
            if (headersEnd < 0) {
                throw ApiError.badRequest("malformed multipart body: a part's headers do not end");
            }
            int end = next.in(data, headersEnd + 4);
            if (end < 0) {
                throw ApiError.badRequest("malformed multipart body: the last part is not closed by its boundary");
            }
            Part part = part(new String(data, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8),
                    java.util.Arrays.copyOfRange(data, headersEnd + 4, end));
            parts.putIfAbsent(part.name(), part);
            at = end + 2;
        }
        return new MultipartForm(parts);
    }

    private static Part part(String headers, byte[] bytes) {
        String name = null;
        String fileName = null;
        String type = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String header = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (header.equals("content-disposition")) {
                Matcher n = NAME.matcher(value);
                name = n.find() ? n.group(1) : null;
                Matcher f = FILE_NAME.matcher(value);
                fileName = f.find() ? f.group(1) : null;
            } else if (header.equals("content-type")) {
                type = RequestBody.mediaType(value);
            }
        }
        if (name == null) {
            throw ApiError.badRequest("malformed multipart body: a part has no Content-Disposition name");
        }
        return new Part(name, fileName, type, bytes);
    }

    private static boolean startsWith(byte[] data, int at, byte[] prefix) {
        if (at + prefix.length > data.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
