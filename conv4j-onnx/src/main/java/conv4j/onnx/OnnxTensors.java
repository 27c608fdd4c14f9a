package conv4j.onnx;

import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Values of an ONNX {@link TensorProto} as conv4j {@link Tensor}s. Every numeric type becomes floats: the graph's
 * integers are shapes, axes and indices, small enough that a float holds them exactly, so one value type serves both
 * the data and the shape arithmetic.
 */
final class OnnxTensors {
    private OnnxTensors() {
    }

    /** The tensor's values as floats, of its own rank (a scalar has rank 0). */
    static Tensor values(TensorProto t) {
        requireEmbedded(t);
        int n = Math.toIntExact(t.elementCount());
        float[] v = new float[n];
        ByteBuffer raw = t.rawData();
        switch (t.dataType()) {
            case TensorProto.FLOAT -> {
                if (raw != null) {
                    raw.asFloatBuffer().get(v);
                } else {
                    t.floatData().get(v);
                }
            }
            case TensorProto.INT64 -> {
                for (int i = 0; i < n; i++) {
                    v[i] = raw != null ? raw.getLong(8 * i) : t.int64Data().get(i);
                }
            }
            case TensorProto.DOUBLE -> {
                requireRaw(t, raw);
                for (int i = 0; i < n; i++) {
                    v[i] = (float) raw.getDouble(8 * i);
                }
            }
            case TensorProto.INT32, TensorProto.INT16, TensorProto.INT8, TensorProto.UINT16, TensorProto.UINT8,
                    TensorProto.BOOL -> {
                for (int i = 0; i < n; i++) {
                    v[i] = raw != null ? rawInteger(raw, t.dataType(), i) : t.int32Data().get(i);
                }
            }
            case TensorProto.FLOAT16 -> {
                for (int i = 0; i < n; i++) {
                    v[i] = half(raw != null ? raw.getShort(2 * i) : t.int32Data().get(i));
                }
            }
            default -> throw new OnnxImportException("tensor '" + t.name() + "' has data type " + t.dataType()
                    + "; only numeric and boolean tensors are supported");
        }
        return new Tensor(shape(t.dims()), v);
    }

    /** A FLOAT tensor's values, as weights must be. */
    static Tensor floats(TensorProto t) {
        if (t.dataType() != TensorProto.FLOAT) {
            throw new OnnxImportException("tensor '" + t.name() + "' has data type " + t.dataType()
                    + "; only FLOAT (1) tensors can be weights or data");
        }
        return values(t);
    }

    /** An integer-valued tensor (shapes, axes, pads) as longs; its floats hold them exactly. */
    static long[] longs(Tensor t) {
        float[] d = t.data();
        long[] out = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (long) d[i];
        }
        return out;
    }

    static int[] ints(Tensor t) {
        float[] d = t.data();
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (int) d[i];
        }
        return out;
    }

    /** A 1-D tensor of integers, as Shape's output and Reshape's shape are. */
    static Tensor vector(long[] values) {
        float[] d = new float[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return new Tensor(Shape.of(d.length), d);
    }

    static Shape shape(List<Long> dims) {
        int[] d = new int[dims.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.toIntExact(dims.get(i));
        }
        return Shape.of(d);
    }

    private static float rawInteger(ByteBuffer raw, int type, int i) {
        return switch (type) {
            case TensorProto.INT32 -> raw.getInt(4 * i);
            case TensorProto.INT16 -> raw.getShort(2 * i);
            case TensorProto.UINT16 -> raw.getShort(2 * i) & 0xffff;
            case TensorProto.INT8 -> raw.get(i);
            default -> raw.get(i) & 0xff;
        };
    }

    /** An IEEE half-precision value (Java 17 has no Float.float16ToFloat). */
    private static float half(int bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0) {
            float v = mantissa * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        if (exponent == 31) {
            return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
        }
        return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
    }

    private static void requireRaw(TensorProto t, ByteBuffer raw) {
        if (raw == null) {
            throw new OnnxImportException("tensor '" + t.name() + "' keeps its doubles in double_data, which this "
                    + "codec does not read; only raw_data");
        }
    }

    /**
     * External data names a file by a path inside the model, and ONNX's own loader has let such paths out of the
     * model's folder three times (CVE-2022-25882, CVE-2024-27318, CVE-2026-27489): a model conv4j reads opens no
     * other file.
     */
    private static void requireEmbedded(TensorProto t) {
        if (t.dataLocation() == TensorProto.EXTERNAL) {
            String location = t.externalData().stream().filter(e -> e.key().equals("location"))
                    .map(StringStringEntryProto::value).findFirst().orElse("");
            throw new OnnxImportException("tensor '" + t.name() + "' keeps its data in an external file ('"
                    + location + "'); conv4j reads no file that a model names: save the model with its weights "
                    + "inside (onnx.save_model(model, path, save_as_external_data=False))");
        }
    }
}
