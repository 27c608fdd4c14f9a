package conv4j.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/** Reads an ONNX model file into records; the fields it does not keep are skipped. */
public final class OnnxReader {
    private final WireReader in;

    private OnnxReader(byte[] bytes) {
        in = new WireReader(bytes, "ModelProto");
    }

    private OnnxReader(java.nio.ByteBuffer bytes) {
        in = new WireReader(bytes, "ModelProto");
    }

    /**
     * Reads the file through a read-only memory map: the weights are read from the page cache where they are, not
     * copied into a fresh array first (on a 2-core test machine that copy was 0.4 s of loading ResNet-50's 102 MB).
     * The tensors keep views of the map (TensorProto), which no one else can change through this JVM.
     */
    public static ModelProto read(Path file) throws IOException {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new OnnxFormatException("ModelProto", 0, 0, file + " is " + size + " bytes; a protobuf "
                        + "message is at most 2 GB, and larger ONNX models keep their weights in external data, which "
                        + "conv4j does not read");
            }
            return new OnnxReader(channel.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, size)).model();
        }
    }

    /** Reads a copy of {@code bytes}: the caller may change the array afterwards. */
    public static ModelProto read(byte[] bytes) throws OnnxFormatException {
        return new OnnxReader(bytes.clone()).model();
    }

    /**
     * A serialized TensorProto on its own, as ONNX's test data stores inputs and outputs: read as the one field of
     * an enclosing message, so the tensor is checked as in a model.
     */
    public static TensorProto readTensor(byte[] bytes) throws OnnxFormatException {
        java.io.ByteArrayOutputStream framed = new java.io.ByteArrayOutputStream(bytes.length + 12);
        framed.write(0x0a); // field 1, length-delimited
        for (long n = bytes.length; ; n >>>= 7) {
            if (n < 0x80) {
                framed.write((int) n);
                break;
            }
            framed.write((int) (n & 0x7f) | 0x80);
        }
        framed.write(bytes, 0, bytes.length);
        OnnxReader reader = new OnnxReader(framed.toByteArray());
        return reader.tensor(reader.in.tag());
    }

    private ModelProto model() throws OnnxFormatException {
        long irVersion = 0;
        List<OperatorSetIdProto> opsets = new ArrayList<>();
        String producer = "";
        String producerVersion = "";
        GraphProto graph = null;
        while (in.more()) {
            int tag = in.tag();
            switch (WireReader.fieldOf(tag)) {
                case 1 -> irVersion = in.int64(tag);
                case 2 -> producer = in.string(tag);
                case 3 -> producerVersion = in.string(tag);
                case 7 -> graph = graph(tag);
                case 8 -> opsets.add(opset(tag));
                default -> in.skip(tag);
            }
        }
        return new ModelProto(irVersion, opsets, producer, producerVersion, graph);
    }

    private OperatorSetIdProto opset(int outerTag) throws OnnxFormatException {
        int outer = in.enter(outerTag, "OperatorSetIdProto");
        String domain = "";
        long version = 0;
        while (in.more()) {
            int tag = in.tag();
            switch (WireReader.fieldOf(tag)) {
                case 1 -> domain = in.string(tag);
                case 2 -> version = in.int64(tag);
                default -> in.skip(tag);
            }
        }
        in.exit(outer, WireReader.fieldOf(outerTag));
        return new OperatorSetIdProto(domain, version);
    }

    private GraphProto graph(int outerTag) throws OnnxFormatException {
        int outer = in.enter(outerTag, "GraphProto");
        List<NodeProto> nodes = new ArrayList<>();
        String name = "";
        List<TensorProto> initializers = new ArrayList<>();
        List<ValueInfoProto> inputs = new ArrayList<>();
        List<ValueInfoProto> outputs = new ArrayList<>();
        List<ValueInfoProto> valueInfos = new ArrayList<>();
        while (in.more()) {
            int tag = in.tag();
            switch (WireReader.fieldOf(tag)) {
                case 1 -> nodes.add(node(tag));
                case 2 -> name = in.string(tag);
                case 5 -> initializers.add(tensor(tag));
                case 11 -> inputs.add(valueInfo(tag));
                case 12 -> outputs.add(valueInfo(tag));
                case 13 -> valueInfos.add(valueInfo(tag));
                default -> in.skip(tag);
            }
        }
        in.exit(outer, WireReader.fieldOf(outerTag));
        return new GraphProto(nodes, name, initializers, inputs, outputs, valueInfos);
    }

    private NodeProto node(int outerTag) throws OnnxFormatException {
        int outer = in.enter(outerTag, "NodeProto");
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String opType = "";
        String domain = "";
        List<AttributeProto> attributes = new ArrayList<>();
        while (in.more()) {
            int tag = in.tag();
            switch (WireReader.fieldOf(tag)) {
                case 1 -> inputs.add(in.string(tag));
                case 2 -> outputs.add(in.string(tag));
                case 3 -> name = in.string(tag);
                case 4 -> opType = in.string(tag);
                case 5 -> attributes.add(attribute(tag));
                case 7 -> domain = in.string(tag);
                default -> in.skip(tag);
            }
        }
        in.exit(outer, WireReader.fieldOf(outerTag));
        return new NodeProto(inputs, outputs, name, opType, domain, attributes);
    }

    private AttributeProto attribute(int outerTag) throws OnnxFormatException {
        int outer = in.enter(outerTag, "AttributeProto");
        String name = "";
        int type = AttributeProto.UNDEFINED;
        float f = 0;
        long i = 0;
        String s = null;
        TensorProto t = null;
        IntStream.Builder floats = IntStream.builder();
        LongStream.Builder ints = LongStream.builder();
        List<String> strings = new ArrayList<>();
        while (in.more()) {
            int tag = in.tag();
            switch (WireReader.fieldOf(tag)) {
                case 1 -> name = in.string(tag);
                case 2 -> f = in.float32(tag);
                case 3 -> i = in.int64(tag);
                case 4 -> s = in.string(tag);
                case 5 -> t = tensor(tag);
                case 7 -> in.floatBits(tag, floats);
                case 8 -> in.int64s(tag, ints);
                case 9 -> strings.add(in.string(tag));
                case 20 -> type = in.int32(tag);
                default -> in.skip(tag);
            }
        }
        in.exit(outer, WireReader.fieldOf(outerTag));
        List<Float> floatList = floats.build().mapToObj(Float::intBitsToFloat).toList();
        return new AttributeProto(name, type, f, i, s, t, floatList, ints.build().boxed().toList(), strings);
    }

    private TensorProto tensor(int outerTag) throws OnnxFormatException {
        int start = in.position();
        int outer = in.enter(outerTag, "TensorProto");
        LongStream.Builder dims = LongStream.builder();
        int dataType = 0;
        IntStream.Builder floatBits = IntStream.builder();
        LongStream.Builder int64s = LongStream.builder();
        IntStream.Builder int32s = IntStream.builder();
        String name = "";
        ByteBuffer raw = null;
        int location = TensorProto.DEFAULT;
        List<StringStringEntryProto> external = new ArrayList<>();
        while (in.more()) {
            int tag = in.tag();
            switch (WireReader.fieldOf(tag)) {
                case 1 -> in.int64s(tag, dims);
                case 2 -> dataType = in.int32(tag);
                case 4 -> in.floatBits(tag, floatBits);
                case 5 -> in.int32s(tag, int32s);
                case 7 -> in.int64s(tag, int64s);
                case 8 -> name = in.string(tag);
                case 9 -> raw = in.bytes(tag);
                case 13 -> external.add(entry(tag));
                case 14 -> location = location(tag);
                default -> in.skip(tag);
            }
        }
        List<Long> dimList = Arrays.stream(dims.build().toArray()).boxed().toList();
        float[] floats = floatArray(floatBits.build().toArray());
        long[] longs = int64s.build().toArray();
        int[] ints = int32s.build().toArray();
        String mismatch = TensorProto.dataMismatch(dimList, dataType, floats.length, longs.length, ints.length,
                raw == null ? -1 : raw.remaining(), location);
        if (mismatch != null) {
            throw new OnnxFormatException("TensorProto", 1, start, "tensor '" + name + "': " + mismatch);
        }
        in.exit(outer, WireReader.fieldOf(outerTag));
        return new TensorProto(dimList, dataType, FloatBuffer.wrap(floats), LongBuffer.wrap(longs),
                IntBuffer.wrap(ints), name, raw, location, external);
    }

    private int location(int tag) throws OnnxFormatException {
        int start = in.position();
        int location = in.int32(tag);
        if (location != TensorProto.DEFAULT && location != TensorProto.EXTERNAL) {
            throw in.error(start, "data_location " + location + " is neither DEFAULT (0) nor EXTERNAL (1)");
        }
        return location;
    }

    private static float[] floatArray(int[] bits) {
        float[] floats = new float[bits.length];
        for (int k = 0; k < bits.length; k++) {
            floats[k] = Float.intBitsToFloat(bits[k]);
        }
        return floats;
    }

    private StringStringEntryProto entry(int outerTag) throws OnnxFormatException {
        int outer = in.enter(outerTag, "StringStringEntryProto");
        String key = "";
        String value = "";
        while (in.more()) {
            int tag = in.tag();
            switch (WireReader.fieldOf(tag)) {
                case 1 -> key = in.string(tag);
                case 2 -> value = in.string(tag);
                default -> in.skip(tag);
            }
        }
        in.exit(outer, WireReader.fieldOf(outerTag));
        return new StringStringEntryProto(key, value);
    }

    private ValueInfoProto valueInfo(int outerTag) throws OnnxFormatException {
        int outer = in.enter(outerTag, "ValueInfoProto");
        String name = "";
        TensorTypeProto type = null;
        while (in.more()) {
            int tag = in.tag();
            switch (WireReader.fieldOf(tag)) {
                case 1 -> name = in.string(tag);
                case 2 -> type = type(tag);
                default -> in.skip(tag);
            }
        }
        in.exit(outer, WireReader.fieldOf(outerTag));
        return new ValueInfoProto(name, type);
    }

    /** A TypeProto keeps only its tensor case; sequences and maps read as null, which an importer refuses. */
    private TensorTypeProto type(int outerTag) throws OnnxFormatException {
        int outer = in.enter(outerTag, "TypeProto");
        TensorTypeProto tensor = null;
        while (in.more()) {
            int tag = in.tag();
            if (WireReader.fieldOf(tag) == 1) {
                tensor = tensorType(tag);
            } else {
                in.skip(tag);
            }
        }
        in.exit(outer, WireReader.fieldOf(outerTag));
        return tensor;
    }

    private TensorTypeProto tensorType(int outerTag) throws OnnxFormatException {
        int outer = in.enter(outerTag, "TypeProto.Tensor");
        int elemType = 0;
        TensorShapeProto shape = null;
        while (in.more()) {
            int tag = in.tag();
            switch (WireReader.fieldOf(tag)) {
                case 1 -> elemType = in.int32(tag);
                case 2 -> shape = shape(tag);
                default -> in.skip(tag);
            }
        }
        in.exit(outer, WireReader.fieldOf(outerTag));
        return new TensorTypeProto(elemType, shape);
    }

    private TensorShapeProto shape(int outerTag) throws OnnxFormatException {
        int outer = in.enter(outerTag, "TensorShapeProto");
        List<TensorShapeProto.Dimension> dims = new ArrayList<>();
        while (in.more()) {
            int tag = in.tag();
            if (WireReader.fieldOf(tag) == 1) {
                dims.add(dimension(tag));
            } else {
                in.skip(tag);
            }
        }
        in.exit(outer, WireReader.fieldOf(outerTag));
        return new TensorShapeProto(dims);
    }

    /** A oneof: as in protobuf, the value read last wins. */
    private TensorShapeProto.Dimension dimension(int outerTag) throws OnnxFormatException {
        int outer = in.enter(outerTag, "TensorShapeProto.Dimension");
        Long value = null;
        String param = null;
        while (in.more()) {
            int tag = in.tag();
            switch (WireReader.fieldOf(tag)) {
                case 1 -> {
                    value = in.int64(tag);
                    param = null;
                }
                case 2 -> {
                    param = in.string(tag);
                    value = null;
                }
                default -> in.skip(tag);
            }
        }
        in.exit(outer, WireReader.fieldOf(outerTag));
        return new TensorShapeProto.Dimension(value, param);
    }
}
