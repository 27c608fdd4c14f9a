package conv4j.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;

/**
 * The one JSON configuration of model files: strict on reading (a repeated key or anything after the document is an
 * error, not a silent last-one-wins), and numbers with a fraction kept as decimals so that a float or double written
 * by its shortest decimal form reads back to the same bits.
 */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree failed to print", e); // trees of plain nodes always print
        }
    }

    /** Parses a JSON document, or an {@link IllegalArgumentException} saying where and why it is not one. */
    static JsonNode parse(String text) {
        try {
            return checkPresent(MAPPER.readTree(text));
        } catch (JacksonException e) {
            throw new IllegalArgumentException(describe(e), e);
        }
    }

    /** As {@link #parse(String)}, from characters. */
    static JsonNode parse(Reader text) throws IOException {
        try {
            return checkPresent(MAPPER.readTree(text));
        } catch (JacksonException e) {
            throw new IllegalArgumentException(describe(e), e);
        }
    }

    private static JsonNode checkPresent(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("invalid JSON: the text is empty");
        }
        return node;
    }

    private static String describe(JacksonException e) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
        return ("invalid JSON" + where + ": " + e.getOriginalMessage()).replaceAll("\\s+", " ");
    }

    /** A value as JSON, cut short for an error message. */
    static String brief(JsonNode node) {
        String s = write(node);
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /** A short description of a JSON value for error messages: {@code the string "abc"}, {@code an array}. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isTextual()) {
            String s = node.asText();
            return "the string " + Json.write(MAPPER.getNodeFactory().textNode(s.length() > 40 ? s.substring(0, 40)
                    + "..." : s));
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        if (node.isNull()) {
            return "null";
        }
        return node.isArray() ? "an array" : "an object";
    }
}
