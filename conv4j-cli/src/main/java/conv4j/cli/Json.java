package conv4j.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import conv4j.tensor.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON for {@code --json}: records as objects, a {@link Shape} as its list of dimensions ({@code [1, 6, 28, 28]}). */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Shape.class, new ShapeSerializer()));

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
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
