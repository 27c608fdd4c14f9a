package conv4j.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Objects;

/**
 * A tensor value: its dims and data type, and its elements in one of {@code floatData}, {@code int32Data},
 * {@code int64Data} or {@code rawData} (little-endian, row-major), or outside the file when {@code dataLocation} is
 * {@link #EXTERNAL}. The data is copied in and handed out as read-only buffers, so the record is immutable and its
 * {@code equals} compares contents; each accessor returns a fresh view, whose position one caller can move without
 * moving another's.
 */
public record TensorProto(List<Long> dims, int dataType, FloatBuffer floatData, LongBuffer int64Data,
        IntBuffer int32Data, String name, ByteBuffer rawData, int dataLocation,
        List<StringStringEntryProto> externalData) {
    public static final int FLOAT = 1;
    public static final int UINT8 = 2;
    public static final int INT8 = 3;
    public static final int UINT16 = 4;
    public static final int INT16 = 5;
    public static final int INT32 = 6;
    public static final int INT64 = 7;
    public static final int STRING = 8;
    public static final int BOOL = 9;
    public static final int FLOAT16 = 10;
    public static final int DOUBLE = 11;
    public static final int UINT32 = 12;
    public static final int UINT64 = 13;
    public static final int BFLOAT16 = 16;

    public static final int DEFAULT = 0;
    public static final int EXTERNAL = 1;

    /**
     * {@code rawData} is null when absent; the typed buffers are empty when absent. A read-only {@code rawData} is
     * kept as it is, not copied: whoever makes one promises that its bytes do not change, as {@link OnnxReader} does
     * for the views of a file's bytes that only it holds (copying ResNet-50's 100 MB of weights cost 0.4 s a load).
     */
    public TensorProto {
        dims = List.copyOf(dims);
        for (long d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in dims " + dims);
            }
        }
        floatData = FloatBuffer.allocate(floatData.remaining()).put(floatData.duplicate()).flip().asReadOnlyBuffer();
        int64Data = LongBuffer.allocate(int64Data.remaining()).put(int64Data.duplicate()).flip().asReadOnlyBuffer();
        int32Data = IntBuffer.allocate(int32Data.remaining()).put(int32Data.duplicate()).flip().asReadOnlyBuffer();
        Objects.requireNonNull(name, "name");
        if (rawData != null && !rawData.isReadOnly()) {
            rawData = ByteBuffer.allocate(rawData.remaining()).put(rawData.duplicate()).flip().asReadOnlyBuffer();
        } else if (rawData != null) {
            rawData = rawData.slice().asReadOnlyBuffer();
        }
        if (dataLocation != DEFAULT && dataLocation != EXTERNAL) {
            throw new IllegalArgumentException("data location " + dataLocation + " is neither DEFAULT nor EXTERNAL");
        }
        externalData = List.copyOf(externalData);
        String mismatch = dataMismatch(dims, dataType, floatData.remaining(), int64Data.remaining(),
                int32Data.remaining(), rawData == null ? -1 : rawData.remaining(), dataLocation);
        if (mismatch != null) {
            throw new IllegalArgumentException(mismatch);
        }
    }

    /** A tensor of floats held in {@code float_data}. */
    public static TensorProto ofFloats(String name, List<Long> dims, float... values) {
        return new TensorProto(dims, FLOAT, FloatBuffer.wrap(values), LongBuffer.allocate(0), IntBuffer.allocate(0),
                name, null, DEFAULT, List.of());
    }

    @Override
    public FloatBuffer floatData() {
        return floatData.duplicate();
    }

    @Override
    public LongBuffer int64Data() {
        return int64Data.duplicate();
    }

    @Override
    public IntBuffer int32Data() {
        return int32Data.duplicate();
    }

    /** Little-endian, as ONNX stores raw data; null when the tensor has none. */
    @Override
    public ByteBuffer rawData() {
        return rawData == null ? null : rawData.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The number of elements the dims describe; a scalar (no dims) has one. */
    public long elementCount() {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /**
     * Why the dims are invalid or the data does not hold as many elements as they describe, or null when it does or
     * cannot be told here: data outside the file, and types whose elements live in fields this codec does not keep
     * (strings, doubles, unsigned 32 and 64 bit integers) without raw data, are left to the importer, which refuses
     * them.
     */
    static String dataMismatch(List<Long> dims, int dataType, int floats, int int64s, int int32s, int rawBytes,
            int dataLocation) {
        long count = 1;
        for (long d : dims) {
            if (d < 0) {
                return "negative dimension in dims " + dims;
            }
            if (d != 0 && count > Long.MAX_VALUE / d) {
                return "dims " + dims + " describe more than " + Long.MAX_VALUE + " elements";
            }
            count *= d;
        }
        if (dataLocation == EXTERNAL) {
            return null;
        }
        long held;
        String where;
        if (rawBytes >= 0) {
            int size = elementBytes(dataType);
            if (size == 0) {
                return null;
            }
            if (rawBytes % size != 0) {
                return "raw_data of " + rawBytes + " bytes is not a whole number of " + size + "-byte elements";
            }
            held = rawBytes / size;
            where = "raw_data";
        } else if (dataType == FLOAT) {
            held = floats;
            where = "float_data";
        } else if (dataType == INT64) {
            held = int64s;
            where = "int64_data";
        } else if (elementBytes(dataType) > 0 && elementBytes(dataType) <= 4 && dataType != UINT32) {
            held = int32s;
            where = "int32_data";
        } else {
            return null;
        }
        return held == count ? null
                : "dims " + dims + " describe " + count + " elements but " + where + " holds " + held;
    }

    /** Bytes per element in raw data; 0 for types without a fixed size (strings) or unknown to this codec. */
    static int elementBytes(int dataType) {
        return switch (dataType) {
            case UINT8, INT8, BOOL -> 1;
            case UINT16, INT16, FLOAT16, BFLOAT16 -> 2;
            case FLOAT, INT32, UINT32 -> 4;
            case INT64, DOUBLE, UINT64 -> 8;
            default -> 0;
        };
    }
}
