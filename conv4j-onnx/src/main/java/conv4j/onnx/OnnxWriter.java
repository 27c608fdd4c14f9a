package conv4j.onnx;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.List;

/**
 * Writes records as an ONNX model file: fields in field-number order, as protoc's serializers write them, default
 * values omitted, repeated scalars packed.
 */
public final class OnnxWriter {
    private OnnxWriter() {
    }

    public static void write(ModelProto model, OutputStream out) throws IOException {
        out.write(toBytes(model));
    }

    public static byte[] toBytes(ModelProto model) {
        WireWriter w = new WireWriter();
        w.int64(1, model.irVersion());
        w.string(2, model.producerName());
        w.string(3, model.producerVersion());
        if (model.graph() != null) {
            w.message(7, graph(model.graph()));
        }
        for (OperatorSetIdProto opset : model.opsetImport()) {
            WireWriter o = new WireWriter();
            o.string(1, opset.domain());
            o.int64(2, opset.version());
            w.message(8, o);
        }
        return w.toByteArray();
    }

    private static WireWriter graph(GraphProto graph) {
        WireWriter w = new WireWriter();
        for (NodeProto node : graph.node()) {
            w.message(1, node(node));
        }
        w.string(2, graph.name());
        for (TensorProto t : graph.initializer()) {
            w.message(5, tensor(t));
        }
        valueInfos(w, 11, graph.input());
        valueInfos(w, 12, graph.output());
        valueInfos(w, 13, graph.valueInfo());
        return w;
    }

    private static WireWriter node(NodeProto node) {
        WireWriter w = new WireWriter();
        node.input().forEach(s -> w.stringElement(1, s));
        node.output().forEach(s -> w.stringElement(2, s));
        w.string(3, node.name());
        w.string(4, node.opType());
        for (AttributeProto a : node.attribute()) {
            w.message(5, attribute(a));
        }
        w.string(7, node.domain());
        return w;
    }

    private static WireWriter attribute(AttributeProto a) {
        WireWriter w = new WireWriter();
        w.string(1, a.name());
        w.float32(2, a.f());
        w.int64(3, a.i());
        if (a.s() != null) {
            w.stringElement(4, a.s());
        }
        if (a.t() != null) {
            w.message(5, tensor(a.t()));
        }
        float[] floats = new float[a.floats().size()];
        for (int k = 0; k < floats.length; k++) {
            floats[k] = a.floats().get(k);
        }
        w.packedFloats(7, floats);
        w.packedInt64s(8, a.ints().stream().mapToLong(Long::longValue).toArray());
        a.strings().forEach(s -> w.stringElement(9, s));
        w.int32(20, a.type());
        return w;
    }

    private static WireWriter tensor(TensorProto t) {
        WireWriter w = new WireWriter();
        w.packedInt64s(1, t.dims().stream().mapToLong(Long::longValue).toArray());
        w.int32(2, t.dataType());
        FloatBuffer floats = t.floatData();
        float[] floatArray = new float[floats.remaining()];
        floats.get(floatArray);
        w.packedFloats(4, floatArray);
        IntBuffer ints = t.int32Data();
        long[] intArray = new long[ints.remaining()];
        for (int k = 0; k < intArray.length; k++) {
            intArray[k] = ints.get();
        }
        w.packedInt64s(5, intArray);
        LongBuffer longs = t.int64Data();
        long[] longArray = new long[longs.remaining()];
        longs.get(longArray);
        w.packedInt64s(7, longArray);
        w.string(8, t.name());
        if (t.rawData() != null) {
            w.bytes(9, t.rawData());
        }
        for (StringStringEntryProto e : t.externalData()) {
            WireWriter entry = new WireWriter();
            entry.string(1, e.key());
            entry.string(2, e.value());
            w.message(13, entry);
        }
        w.int32(14, t.dataLocation());
        return w;
    }

    private static void valueInfos(WireWriter w, int field, List<ValueInfoProto> values) {
        for (ValueInfoProto v : values) {
            WireWriter info = new WireWriter();
            info.string(1, v.name());
            if (v.type() != null) {
                WireWriter type = new WireWriter();
                type.message(1, tensorType(v.type()));
                info.message(2, type);
            }
            w.message(field, info);
        }
    }

    private static WireWriter tensorType(TensorTypeProto t) {
        WireWriter w = new WireWriter();
        w.int32(1, t.elemType());
        if (t.shape() != null) {
            WireWriter shape = new WireWriter();
            for (TensorShapeProto.Dimension d : t.shape().dim()) {
                WireWriter dim = new WireWriter();
                if (d.value() != null) {
                    dim.tag(1, WireReader.VARINT);
                    dim.varint(d.value());
                } else if (d.param() != null) {
                    dim.stringElement(2, d.param());
                }
                shape.message(1, dim);
            }
            w.message(2, shape);
        }
        return w;
    }
}
