package conv4j.onnx;

import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;

/** Values of an ONNX {@link TensorProto}: floats as a conv4j {@link Tensor}, integers (shapes) as longs. */
final class OnnxTensors {
    private OnnxTensors() {
    }

    /** A FLOAT tensor's values; a scalar (no dims) becomes a one-element tensor of shape [1]. */
    static Tensor floats(TensorProto t) {
        requireEmbedded(t);
        if (t.dataType() != TensorProto.FLOAT) {
            throw new OnnxImportException("tensor '" + t.name() + "' has data type " + t.dataType()
                    + "; only FLOAT (1) tensors can be weights or data");
        }
        int n = Math.toIntExact(t.elementCount());
        float[] values = new float[n];
        ByteBuffer raw = t.rawData();
        if (raw != null) {
            raw.asFloatBuffer().get(values);
        } else {
            FloatBuffer f = t.floatData();
            f.get(values);
        }
        return new Tensor(shape(t.dims()), values);
    }

    /** An INT64 (or INT32) tensor's values, as Reshape's shape input holds them. */
    static long[] longs(TensorProto t) {
        requireEmbedded(t);
        int n = Math.toIntExact(t.elementCount());
        long[] values = new long[n];
        ByteBuffer raw = t.rawData();
        if (t.dataType() == TensorProto.INT64) {
            if (raw != null) {
                raw.asLongBuffer().get(values);
            } else {
                LongBuffer l = t.int64Data();
                l.get(values);
            }
        } else if (t.dataType() == TensorProto.INT32) {
            for (int i = 0; i < n; i++) {
                values[i] = raw != null ? raw.getInt(4 * i) : t.int32Data().get(i);
            }
        } else {
            throw new OnnxImportException("tensor '" + t.name() + "' has data type " + t.dataType()
                    + "; an integer tensor must be INT64 (7) or INT32 (6)");
        }
        return values;
    }

    static Shape shape(List<Long> dims) {
        if (dims.isEmpty()) {
            return Shape.of(1);
        }
        int[] d = new int[dims.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.toIntExact(dims.get(i));
        }
        return Shape.of(d);
    }

    private static void requireEmbedded(TensorProto t) {
        if (t.dataLocation() == TensorProto.EXTERNAL) {
            throw new OnnxImportException("tensor '" + t.name() + "' keeps its data in an external file, which this "
                    + "importer does not read");
        }
    }
}
