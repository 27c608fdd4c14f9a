package conv4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import conv4j.onnx.TensorShapeProto.Dimension;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxRoundTripTest {
    private static final FloatBuffer NO_FLOATS = FloatBuffer.allocate(0);
    private static final LongBuffer NO_LONGS = LongBuffer.allocate(0);
    private static final IntBuffer NO_INTS = IntBuffer.allocate(0);

    private static AttributeProto attribute(String name, int type, float f, long i, String s, TensorProto t) {
        return new AttributeProto(name, type, f, i, s, t, List.of(), List.of(), List.of());
    }

    /** A model that sets every field the codec keeps, with values at the edges of their encodings. */
    static ModelProto everyField() {
        TensorProto weights = TensorProto.ofFloats("conv.weight", List.of(2L, 1L, 1L, 3L),
                1.5f, -0.0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY, 1e-30f);
        TensorProto shape = new TensorProto(List.of(2L), TensorProto.INT64, NO_FLOATS,
                LongBuffer.wrap(new long[] {Long.MIN_VALUE, -1}), NO_INTS, "shape", null, TensorProto.DEFAULT,
                List.of());
        TensorProto int8s = new TensorProto(List.of(3L), TensorProto.INT8, NO_FLOATS, NO_LONGS,
                IntBuffer.wrap(new int[] {-128, 0, 127}), "int8s", null, TensorProto.DEFAULT, List.of());
        TensorProto raw = new TensorProto(List.of(1L, 2L), TensorProto.FLOAT, NO_FLOATS, NO_LONGS, NO_INTS, "bias",
                ByteBuffer.wrap(Wire.floats(0.25f, -4f)), TensorProto.DEFAULT, List.of());
        TensorProto external = new TensorProto(List.of(1000L, 1000L), TensorProto.FLOAT, NO_FLOATS, NO_LONGS, NO_INTS,
                "fc.weight", null, TensorProto.EXTERNAL,
                List.of(new StringStringEntryProto("location", "weights.bin"),
                        new StringStringEntryProto("offset", "4096")));
        TensorProto scalar = new TensorProto(List.of(), TensorProto.FLOAT, FloatBuffer.wrap(new float[] {3f}), NO_LONGS,
                NO_INTS, "", null, TensorProto.DEFAULT, List.of());

        List<AttributeProto> attributes = List.of(
                attribute("alpha", AttributeProto.FLOAT, 0.01f, 0, null, null),
                attribute("group", AttributeProto.INT, 0, -3, null, null),
                attribute("auto_pad", AttributeProto.STRING, 0, 0, "SAME_UPPER", null),
                attribute("value", AttributeProto.TENSOR, 0, 0, null, scalar),
                new AttributeProto("scales", AttributeProto.FLOATS, 0, 0, null, null, List.of(1f, 2.5f), List.of(),
                        List.of()),
                new AttributeProto("pads", AttributeProto.INTS, 0, 0, null, null, List.of(),
                        List.of(0L, 1L, -1L, 300L), List.of()),
                new AttributeProto("names", AttributeProto.STRINGS, 0, 0, null, null, List.of(), List.of(),
                        List.of("a", "", "\u00e9\u4e2d")));
        List<NodeProto> nodes = List.of(
                new NodeProto(List.of("x", "conv.weight", ""), List.of("c"), "conv0", "Conv", "", attributes),
                new NodeProto(List.of("c"), List.of("y"), "", "Custom", "com.example", List.of()));
        TensorTypeProto image = new TensorTypeProto(TensorProto.FLOAT, new TensorShapeProto(List.of(
                Dimension.of("batch"), Dimension.of(3), Dimension.of(0), new Dimension(null, null))));
        GraphProto graph = new GraphProto(nodes, "net", List.of(weights, shape, int8s, raw, external),
                List.of(new ValueInfoProto("x", image)),
                List.of(new ValueInfoProto("y", new TensorTypeProto(TensorProto.FLOAT, null))),
                List.of(new ValueInfoProto("c", null)));
        return new ModelProto(9, List.of(new OperatorSetIdProto("", 17), new OperatorSetIdProto("com.example", 1)),
                "conv4j \u2713", graph);
    }

    @Test
    void everyFieldSurvivesWriteThenRead(@TempDir Path dir) throws Exception {
        ModelProto model = everyField();
        Path file = dir.resolve("model.onnx");
        try (OutputStream out = Files.newOutputStream(file)) {
            OnnxWriter.write(model, out);
        }
        ModelProto read = OnnxReader.read(file);
        assertEquals(model, read);
        assertNotSame(model, read);
    }

    @Test
    void writingWhatWasReadGivesTheSameBytes() throws Exception {
        byte[] bytes = OnnxWriter.toBytes(everyField());
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        OnnxWriter.write(OnnxReader.read(bytes), again);
        assertEquals(ByteBuffer.wrap(bytes), ByteBuffer.wrap(again.toByteArray()));
    }

    @Test
    void emptyModelRoundTrips() throws Exception {
        ModelProto empty = new ModelProto(0, List.of(), "", null);
        assertEquals(0, OnnxWriter.toBytes(empty).length);
        assertEquals(empty, OnnxReader.read(new byte[0]));
    }
}
