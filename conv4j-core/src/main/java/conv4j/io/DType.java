package conv4j.io;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * The element types of safetensors files that conv4j reads, with their names in the header and their sizes in bytes.
 * Floating types become float32 values, integer types long values; data is little-endian.
 */
public enum DType {
    F64(8, true), F32(4, true), F16(2, true), BF16(2, true),
    I64(8, false), I32(4, false), I16(2, false), I8(1, false), U8(1, false), BOOL(1, false);

    private final int size;
    private final boolean floating;

    DType(int size, boolean floating) {
        this.size = size;
        this.floating = floating;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    public boolean isFloating() {
        return floating;
    }

    /** The dtype with this header name ("F32"), if conv4j reads it. */
    public static Optional<DType> named(String name) {
        return Arrays.stream(values()).filter(d -> d.name().equals(name)).findFirst();
    }

    /** Reads {@code count} elements of this floating type from {@code in} (little-endian) into {@code out}. */
    void readFloats(ByteBuffer in, float[] out, int from, int count) {
        for (int i = from; i < from + count; i++) {
            out[i] = switch (this) {
                case F32 -> in.getFloat();
                case F64 -> (float) in.getDouble();
                case F16 -> halfToFloat(in.getShort());
                // bfloat16 is the upper half of a float32.
                case BF16 -> Float.intBitsToFloat((in.getShort() & 0xFFFF) << 16);
                default -> throw new IllegalStateException(this + " is not a floating type");
            };
        }
    }

    /** Reads {@code count} elements of this integer type from {@code in} (little-endian) into {@code out}. */
    void readLongs(ByteBuffer in, long[] out, int from, int count) {
        for (int i = from; i < from + count; i++) {
            out[i] = switch (this) {
                case I64 -> in.getLong();
                case I32 -> in.getInt();
                case I16 -> in.getShort();
                case I8 -> in.get();
                case U8, BOOL -> in.get() & 0xFF;
                default -> throw new IllegalStateException(this + " is not an integer type");
            };
        }
    }

    /** IEEE 754 binary16 to float32: 1 sign bit, 5 exponent bits (bias 15), 10 fraction bits. */
    static float halfToFloat(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int fraction = bits & 0x3FF;
        if (exponent == 0x1F) { // infinity or NaN: keep the payload
            return Float.intBitsToFloat(sign | 0x7F80_0000 | fraction << 13);
        }
        if (exponent == 0) { // zero or subnormal: fraction x 2^-24, exact in float32
            float magnitude = fraction * 0x1.0p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | (exponent - 15 + 127) << 23 | fraction << 13);
    }
}
