package conv4j.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import conv4j.nn.BatchNorm2d;
import conv4j.nn.Module;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both directions checked against the format itself rather than against our own reader or writer: a minimal reader
 * written here parses what ModelFile writes, and our reader parses a file assembled here byte by byte.
 */
class SafeTensorsFormatTest {
    @TempDir
    Path dir;

    /** What an independent reader sees in a safetensors file: raw bytes per tensor, straight from the spec. */
    record Entry(String dtype, List<Long> shape, byte[] bytes) {
    }

    record Parsed(long headerLength, Map<String, Entry> tensors, JsonNode metadata) {
    }

    /** The minimal reader: u64 little-endian N, N bytes of JSON, then data at 8 + N + begin. */
    static Parsed independentRead(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
            long n = Long.reverseBytes(data.readLong()); // DataInputStream is big-endian; the format is little
            byte[] header = data.readNBytes((int) n);
            byte[] rest = data.readAllBytes();
            JsonNode json = new ObjectMapper().readTree(new String(header, UTF_8));
            Map<String, Entry> tensors = new LinkedHashMap<>();
            long covered = 0;
            for (Map.Entry<String, JsonNode> e : json.properties()) {
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                JsonNode t = e.getValue();
                List<Long> shape = new ArrayList<>();
                t.get("shape").forEach(d -> shape.add(d.longValue()));
                int begin = t.get("data_offsets").get(0).intValue();
                int end = t.get("data_offsets").get(1).intValue();
                covered += end - begin;
                tensors.put(e.getKey(), new Entry(t.get("dtype").asText(), shape, Arrays.copyOfRange(rest, begin,
                        end)));
            }
            assertEquals(rest.length, covered, "the data section holds exactly the tensors' bytes");
            return new Parsed(n, tensors, json.get("__metadata__"));
        }
    }

    static byte[] littleEndian(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putInt(Float.floatToRawIntBits(v));
        }
        return b.array();
    }

    @Test
    void aModelFileIsReadByAnIndependentMinimalReader() throws IOException {
        Rng rng = new Rng(3);
        Module model = TestModels.everyLayer(rng);
        TestModels.warmUp(model, rng);
        Path file = dir.resolve("every.safetensors");
        ModelFile.save(file, model, TestModels.info());

        Parsed parsed = independentRead(file);
        assertEquals(0, parsed.headerLength() % 8, "header padded to a multiple of 8 as the reference writer does");
        Map<String, Tensor> state = model.stateDict();
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            Entry entry = parsed.tensors().get(e.getKey());
            assertEquals("F32", entry.dtype(), e.getKey());
            assertEquals(Arrays.stream(e.getValue().shape().dims()).asLongStream().boxed().toList(), entry.shape(),
                    e.getKey());
            assertArrayEquals(littleEndian(e.getValue().data()), entry.bytes(), e.getKey());
        }
        BatchNorm2d bn = (BatchNorm2d) model.modules().stream().filter(m -> m instanceof BatchNorm2d).findFirst()
                .orElseThrow();
        assertEquals(3, bn.batchesTracked());
        Entry tracked = parsed.tensors().get("features.1.num_batches_tracked");
        assertEquals("I64", tracked.dtype());
        assertEquals(List.of(), tracked.shape(), "a scalar, as PyTorch's state_dict stores it");
        assertArrayEquals(new byte[] {3, 0, 0, 0, 0, 0, 0, 0}, tracked.bytes());
        assertEquals(state.size() + 1, parsed.tensors().size(), "the state_dict and num_batches_tracked, nothing else");

        assertEquals("pt", parsed.metadata().get("format").asText());
        JsonNode architecture = new ObjectMapper().readTree(parsed.metadata().get("conv4j.architecture").asText());
        assertEquals("conv4j.architecture", architecture.get("format").asText());
        assertEquals("Sequential", architecture.at("/root/type").asText());
        assertEquals("features", architecture.at("/root/children/0/name").asText());
        JsonNode info = new ObjectMapper().readTree(parsed.metadata().get("conv4j.info").asText());
        assertEquals("every-layer", info.get("name").asText());
        assertEquals("[3,12,12]", info.get("inputShape").toString());
        assertEquals("dog", info.get("classNames").get(3).asText());
    }

    /** A file laid out by hand: dtypes conv4j does not write, JSON order unlike data order, padding, metadata. */
    static byte[] handWritten() {
        String header = "{\"b\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[8,14]},"
                + "\"__metadata__\":{\"who\":\"by hand\"},"
                + "\"a\":{\"dtype\":\"F16\",\"shape\":[2,2],\"data_offsets\":[0,8]},"
                + "\"c\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[14,22]},"
                + "\"d\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[22,30]},"
                + "\"e\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[30,38]},"
                + "\"f\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[38,42]},"
                + "\"g\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[42,44]},"
                + "\"h\":{\"dtype\":\"F32\",\"shape\":[0,5],\"data_offsets\":[44,44]}}";
        while ((header.length()) % 8 != 0) {
            header += " ";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = header.length();
        out.writeBytes(new byte[] {(byte) n, (byte) (n >> 8), 0, 0, 0, 0, 0, 0});
        out.writeBytes(header.getBytes(UTF_8));
        int[] data = {
            0x00, 0x3C, 0x00, 0xC0, 0xFF, 0x7B, 0x01, 0x00,   // a, F16: 1.0, -2.0, 65504 (largest), 2^-24 (subnormal)
            0x80, 0x3F, 0x49, 0xC0, 0x80, 0x7F,               // b, BF16: 1.0, -3.140625, +infinity
            0x9A, 0x99, 0x99, 0x99, 0x99, 0x99, 0xB9, 0x3F,   // c, F64: 0.1
            0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x00, 0x00, 0x00,   // d, I32: -1, 7
            0x05, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,   // e, I64: 261
            0x00, 0x00, 0xC0, 0x3F,                           // f, F32: 1.5
            0xC8, 0x01                                        // g, U8: 200, 1
        };
        for (int b : data) {
            out.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void ourReaderReadsAFileWrittenByteByByte() throws IOException {
        Path file = dir.resolve("hand.safetensors");
        Files.write(file, handWritten());
        SafeTensorsFile read = SafeTensors.read(file);

        assertEquals(Map.of("who", "by hand"), read.metadata());
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h"), List.copyOf(read.tensors().keySet()),
                "tensors come in data order");
        TensorData a = read.tensors().get("a");
        assertEquals(DType.F16, a.dtype());
        assertEquals(Shape.of(2, 2), a.shape());
        assertArrayEquals(new float[] {1f, -2f, 65504f, 0x1.0p-24f}, a.floats());
        assertArrayEquals(new float[] {1f, -3.140625f, Float.POSITIVE_INFINITY}, read.tensors().get("b").floats());
        assertArrayEquals(new float[] {0.1f}, read.tensors().get("c").floats());
        assertArrayEquals(new long[] {-1, 7}, read.tensors().get("d").longs());
        TensorData e = read.tensors().get("e");
        assertEquals(Shape.of(), e.shape());
        assertArrayEquals(new long[] {261}, e.longs());
        assertArrayEquals(new float[] {1.5f}, read.tensors().get("f").tensor().data());
        assertArrayEquals(new long[] {200, 1}, read.tensors().get("g").longs());
        assertEquals(Shape.of(0, 5), read.tensors().get("h").shape());
    }

    @Test
    void halfPrecisionDecodesEveryClassOfValue() {
        // Values from the IEEE 754 binary16 definition, not from the decoder.
        assertEquals(0f, DType.halfToFloat((short) 0x0000));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(DType.halfToFloat((short) 0x8000)));
        assertEquals(0x1.0p-14f, DType.halfToFloat((short) 0x0400), "smallest normal");
        assertEquals(0x1.ff8p-15f, DType.halfToFloat((short) 0x03FF), "largest subnormal");
        assertEquals(-0x1.0p-24f, DType.halfToFloat((short) 0x8001));
        assertEquals(0.333251953125f, DType.halfToFloat((short) 0x3555));
        assertEquals(Float.NEGATIVE_INFINITY, DType.halfToFloat((short) 0xFC00));
        assertTrue(Float.isNaN(DType.halfToFloat((short) 0x7E00)));
    }

    @Test
    void writtenTensorsKeepTheirOrderAndExactBits() throws IOException {
        Path file = dir.resolve("raw.safetensors");
        float[] special = {Float.MIN_VALUE, -0f, Float.MAX_VALUE, Float.NaN, Float.NEGATIVE_INFINITY, 1e-30f};
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("z", TensorData.of(Tensor.of(special, 2, 3)));
        tensors.put("a", TensorData.scalar(Long.MIN_VALUE));
        tensors.put("empty", TensorData.of(Tensor.zeros(0)));
        tensors.put("big", TensorData.of(Tensor.randn(Shape.of(70_000), new Rng(1), 1.0))); // over one write chunk
        SafeTensors.write(file, tensors, Map.of("k", "v \u00e9 \u2713"));

        Parsed parsed = independentRead(file);
        assertEquals(List.of("z", "a", "empty", "big"), List.copyOf(parsed.tensors().keySet()));
        assertArrayEquals(littleEndian(special), parsed.tensors().get("z").bytes());
        assertArrayEquals(littleEndian(tensors.get("big").floats()), parsed.tensors().get("big").bytes());
        assertEquals("v \u00e9 \u2713", parsed.metadata().get("k").asText());

        SafeTensorsFile read = SafeTensors.read(file);
        assertArrayEquals(littleEndian(special), littleEndian(read.tensors().get("z").floats()));
        assertArrayEquals(new long[] {Long.MIN_VALUE}, read.tensors().get("a").longs());
        assertArrayEquals(tensors.get("big").floats(), read.tensors().get("big").floats());
    }
}
