package conv4j.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * The protobuf wire format over a byte array, with the bounds of the message being read. Every read stays inside
 * those bounds and every declared length is compared with the bytes left before anything is allocated, so no input
 * can make the reader allocate more than a small multiple of the input's size (a boxed dimension for each byte, at
 * worst) or recurse without limit.
 */
final class WireReader {
    static final int VARINT = 0;
    static final int I64 = 1;
    static final int LEN = 2;
    static final int START_GROUP = 3;
    static final int END_GROUP = 4;
    static final int I32 = 5;

    /**
     * The deepest nesting of messages and groups accepted. The ONNX messages read here nest 7 deep at most
     * (model, graph, value info, type, tensor type, shape, dimension); the rest of the margin is for the unknown
     * groups that are skipped, whose nesting a hostile file could otherwise make as deep as the stack allows.
     */
    static final int MAX_DEPTH = 64;

    /** A tag is a uint32: field numbers have 29 bits above the 3 of the wire type. */
    private static final long MAX_TAG = 0xFFFF_FFFFL;

    /** Longest varint: 64 bits at 7 bits a byte. */
    private static final int MAX_VARINT_BYTES = 10;

    private final ByteBuffer bytes;
    private int pos;
    private int limit;
    private int field;
    private final Deque<String> messages = new ArrayDeque<>();

    WireReader(byte[] bytes, String topMessage) {
        this(ByteBuffer.wrap(bytes), topMessage);
    }

    /** Reads {@code bytes} from index 0 to its limit (a file mapped into memory, say). */
    WireReader(ByteBuffer bytes, String topMessage) {
        this.bytes = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.limit = this.bytes.limit();
        messages.push(topMessage);
    }

    int position() {
        return pos;
    }

    /** Whether the current message has bytes left. */
    boolean more() {
        return pos < limit;
    }

    /** Reads a tag, makes its field the one named in errors, and rejects the wire types protobuf does not define. */
    int tag() throws OnnxFormatException {
        field = 0;
        int start = pos;
        long tag = varint();
        if (tag >>> 3 == 0 || tag > MAX_TAG) {
            throw error(start, "field number " + Long.toUnsignedString(tag >>> 3) + " outside 1.." + (MAX_TAG >>> 3));
        }
        field = (int) (tag >>> 3);
        int wireType = (int) (tag & 7);
        if (wireType > I32) {
            throw error(start, "unknown wire type " + wireType);
        }
        return (int) tag;
    }

    static int fieldOf(int tag) {
        return tag >>> 3;
    }

    static int wireTypeOf(int tag) {
        return tag & 7;
    }

    OnnxFormatException error(long offset, String problem) {
        return new OnnxFormatException(messages.peek(), field, offset, problem);
    }

    void expect(int tag, int wireType) throws OnnxFormatException {
        if (wireTypeOf(tag) != wireType) {
            throw error(pos, "wire type " + wireTypeOf(tag) + " where " + wireType + " was expected");
        }
    }

    long varint() throws OnnxFormatException {
        int start = pos;
        long value = 0;
        for (int i = 0; i < MAX_VARINT_BYTES; i++) {
            if (pos >= limit) {
                throw error(start, "varint truncated: the " + i + " bytes left all have the continuation bit set");
            }
            byte b = bytes.get(pos++);
            value |= (long) (b & 0x7f) << (7 * i);
            if (b >= 0) {
                return value;
            }
        }
        throw error(start, "varint longer than " + MAX_VARINT_BYTES + " bytes");
    }

    int fixed32() throws OnnxFormatException {
        require(4);
        int v = bytes.getInt(pos);
        pos += 4;
        return v;
    }

    private void require(long n) throws OnnxFormatException {
        if (n > limit - pos) {
            throw error(pos, n + " bytes needed, " + (limit - pos) + " left");
        }
    }

    /** Reads a length prefix and checks it against the bytes left; returns the end of the delimited bytes. */
    private int lengthEnd() throws OnnxFormatException {
        int start = pos;
        long length = varint();
        if (length < 0 || length > limit - pos) {
            throw error(start, "declared length " + Long.toUnsignedString(length) + " exceeds the " + (limit - pos)
                    + " bytes left");
        }
        return pos + (int) length;
    }

    /** A length-delimited field as a read-only little-endian view of the input; a record that keeps it copies it. */
    ByteBuffer bytes(int tag) throws OnnxFormatException {
        expect(tag, LEN);
        int end = lengthEnd();
        ByteBuffer view = bytes.slice(pos, end - pos).asReadOnlyBuffer();
        pos = end;
        return view.order(ByteOrder.LITTLE_ENDIAN);
    }

    String string(int tag) throws OnnxFormatException {
        int start = pos;
        ByteBuffer utf8 = bytes(tag);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(utf8).toString();
        } catch (CharacterCodingException e) {
            throw error(start, "string is not valid UTF-8");
        }
    }

    /** An int32 field: protobuf sign-extends negative int32 values to 64 bits, so the low half is the value. */
    int int32(int tag) throws OnnxFormatException {
        expect(tag, VARINT);
        return (int) varint();
    }

    long int64(int tag) throws OnnxFormatException {
        expect(tag, VARINT);
        return varint();
    }

    float float32(int tag) throws OnnxFormatException {
        expect(tag, I32);
        return Float.intBitsToFloat(fixed32());
    }

    /** One element, or a packed run, of a repeated int64 field; writers may use either form. */
    void int64s(int tag, LongStream.Builder out) throws OnnxFormatException {
        if (wireTypeOf(tag) != LEN) {
            out.add(int64(tag));
            return;
        }
        int outer = limit;
        limit = lengthEnd();
        while (pos < limit) {
            out.add(varint());
        }
        limit = outer;
    }

    /** As {@link #int64s} for repeated int32 fields, each element truncated to its low 32 bits. */
    void int32s(int tag, IntStream.Builder out) throws OnnxFormatException {
        if (wireTypeOf(tag) != LEN) {
            out.add(int32(tag));
            return;
        }
        int outer = limit;
        limit = lengthEnd();
        while (pos < limit) {
            out.add((int) varint());
        }
        limit = outer;
    }

    /** One element, or a packed run, of a repeated float field, kept as the floats' bits. */
    void floatBits(int tag, IntStream.Builder out) throws OnnxFormatException {
        if (wireTypeOf(tag) != LEN) {
            out.add(Float.floatToRawIntBits(float32(tag)));
            return;
        }
        int start = pos;
        int end = lengthEnd();
        if ((end - pos) % 4 != 0) {
            throw error(start, "packed floats of " + (end - pos) + " bytes, not a multiple of 4");
        }
        while (pos < end) {
            out.add(fixed32());
        }
    }

    /** Enters the embedded message of a length-delimited field; returns the bounds to give back to {@link #exit}. */
    int enter(int tag, String message) throws OnnxFormatException {
        expect(tag, LEN);
        int start = pos;
        int end = lengthEnd();
        if (messages.size() > MAX_DEPTH) {
            throw error(start, "nesting deeper than " + MAX_DEPTH);
        }
        int outer = limit;
        limit = end;
        messages.push(message);
        return outer;
    }

    /** Leaves the embedded message, whose reads never pass its end, so it has been consumed exactly. */
    void exit(int outer, int outerField) {
        messages.pop();
        limit = outer;
        field = outerField;
    }

    /** Skips an unknown field of any wire type, so files from newer ONNX versions still read. */
    void skip(int tag) throws OnnxFormatException {
        switch (wireTypeOf(tag)) {
            case VARINT -> varint();
            case I64 -> skipBytes(8);
            case LEN -> pos = lengthEnd();
            case I32 -> skipBytes(4);
            case START_GROUP -> skipGroup(tag);
            default -> throw error(pos, "end of group " + field + " without its start");
        }
    }

    private void skipBytes(int n) throws OnnxFormatException {
        require(n);
        pos += n;
    }

    /** A group (deprecated, but valid protobuf) ends at the end-group tag of the same field; groups may nest. */
    private void skipGroup(int startTag) throws OnnxFormatException {
        int groupField = fieldOf(startTag);
        if (messages.size() > MAX_DEPTH) {
            throw error(pos, "nesting deeper than " + MAX_DEPTH);
        }
        messages.push(messages.peek());
        while (true) {
            if (!more()) {
                throw error(pos, "group " + groupField + " not ended before the end of its message");
            }
            int tag = tag();
            if (wireTypeOf(tag) == END_GROUP) {
                if (fieldOf(tag) != groupField) {
                    throw error(pos, "end of group " + fieldOf(tag) + " inside group " + groupField);
                }
                messages.pop();
                field = groupField;
                return;
            }
            skip(tag);
        }
    }
}
