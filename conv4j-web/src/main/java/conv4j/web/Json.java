package conv4j.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import conv4j.tensor.Shape;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON in and out: records as objects (absent values left out), a {@link Shape} as its list of dimensions. Reading
 * is strict: NaN and infinities are not JSON and are refused, as is anything after the first value.
 */
final class Json {
    static final String TYPE = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Shape.class, new ShapeSerializer()))
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers {@code value} as JSON with status 200. */
    static void send(Context ctx, Object value) {
        ctx.contentType(TYPE).result(bytes(value));
    }

    /** The body as a JSON tree; a 400 naming where the JSON goes wrong. */
    static JsonNode parse(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiError.badRequest("the body is empty; expected JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("malformed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class ShapeSerializer extends StdSerializer<Shape> {
        ShapeSerializer() {
            super(Shape.class);
        }

        @Override
        public void serialize(Shape shape, JsonGenerator gen, SerializerProvider provider) throws IOException {
            int[] dims = shape.dims();
            gen.writeArray(dims, 0, dims.length);
        }
    }
}
