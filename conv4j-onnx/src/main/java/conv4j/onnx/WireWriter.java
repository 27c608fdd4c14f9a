package conv4j.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The protobuf wire format into a growing byte array. An embedded message is written to its own writer first,
 * because its length prefix comes before it; ONNX messages nest a few levels deep, so the copies stay few.
 */
final class WireWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    byte[] toByteArray() {
        return out.toByteArray();
    }

    void tag(int field, int wireType) {
        varint((long) field << 3 | wireType);
    }

    void varint(long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) (value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    void fixed32(int value) {
        for (int k = 0; k < 4; k++) {
            out.write(value >>> (8 * k));
        }
    }

    /** Protobuf omits scalars equal to their default; a reader restores the default. */
    void int64(int field, long value) {
        if (value != 0) {
            tag(field, WireReader.VARINT);
            varint(value);
        }
    }

    /** Negative int32 values are sign-extended to ten bytes, as protobuf requires for readers of int64 to agree. */
    void int32(int field, int value) {
        int64(field, value);
    }

    void float32(int field, float value) {
        if (Float.floatToRawIntBits(value) != 0) {
            tag(field, WireReader.I32);
            fixed32(Float.floatToRawIntBits(value));
        }
    }

    void string(int field, String value) {
        if (!value.isEmpty()) {
            bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A repeated string keeps its empty elements, which carry meaning (an omitted optional node input). */
    void stringElement(int field, String value) {
        bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    void bytes(int field, byte[] value) {
        tag(field, WireReader.LEN);
        varint(value.length);
        out.write(value, 0, value.length);
    }

    void bytes(int field, ByteBuffer value) {
        byte[] copy = new byte[value.remaining()];
        value.duplicate().get(copy);
        bytes(field, copy);
    }

    void message(int field, WireWriter nested) {
        bytes(field, nested.toByteArray());
    }

    /** Repeated scalars are written packed, the smaller form and the default for proto3 readers. */
    void packedInt64s(int field, long[] values) {
        if (values.length > 0) {
            WireWriter packed = new WireWriter();
            for (long v : values) {
                packed.varint(v);
            }
            message(field, packed);
        }
    }

    void packedFloats(int field, float[] values) {
        if (values.length > 0) {
            WireWriter packed = new WireWriter();
            for (float v : values) {
                packed.fixed32(Float.floatToRawIntBits(v));
            }
            message(field, packed);
        }
    }
}
