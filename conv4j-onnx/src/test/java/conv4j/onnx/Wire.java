package conv4j.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A test-scope protobuf encoder written from the wire format's description, independent of {@link WireWriter}, to
 * assemble inputs the writer would never produce (unpacked runs, unknown fields, broken lengths).
 */
final class Wire {
    private Wire() {
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int k = 0; k < values.length; k++) {
            out[k] = (byte) values[k];
        }
        return out;
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] varint(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            long low = value & 0x7f;
            value >>>= 7;
            out.write((int) (value == 0 ? low : low | 0x80));
        } while (value != 0);
        return out.toByteArray();
    }

    static byte[] tag(int field, int wireType) {
        return varint((long) field << 3 | wireType);
    }

    static byte[] int64(int field, long value) {
        return cat(tag(field, 0), varint(value));
    }

    static byte[] fixed32(int field, float value) {
        int bits = Float.floatToIntBits(value);
        return cat(tag(field, 5), bytes(bits, bits >> 8, bits >> 16, bits >> 24));
    }

    static byte[] len(int field, byte[]... content) {
        byte[] body = cat(content);
        return cat(tag(field, 2), varint(body.length), body);
    }

    static byte[] string(int field, String value) {
        return len(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The bare little-endian bytes of floats, as a packed run or raw data holds them. */
    static byte[] floats(float... values) {
        byte[] out = new byte[4 * values.length];
        for (int k = 0; k < values.length; k++) {
            int bits = Float.floatToIntBits(values[k]);
            for (int b = 0; b < 4; b++) {
                out[4 * k + b] = (byte) (bits >>> (8 * b));
            }
        }
        return out;
    }

    static byte[] varints(long... values) {
        byte[] out = new byte[0];
        for (long v : values) {
            out = cat(out, varint(v));
        }
        return out;
    }
}
