package conv4j.onnx;

import static conv4j.onnx.Wire.bytes;
import static conv4j.onnx.Wire.cat;
import static conv4j.onnx.Wire.int64;
import static conv4j.onnx.Wire.len;
import static conv4j.onnx.Wire.string;
import static conv4j.onnx.Wire.tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each fault is one {@link OnnxFormatException} naming the message, the field, the byte offset and the value. */
class MalformedInputTest {
    private static void assertRejected(byte[] file, String message) {
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxReader.read(file));
        assertEquals(message, e.getMessage());
    }

    /** A model whose graph holds one initializer with these fields; the tensor's length prefix is at byte 3. */
    private static byte[] initializer(byte[]... tensorFields) {
        byte[] file = len(7, len(5, tensorFields));
        assertTrue(file[1] >= 0, "the offsets below assume the graph's length takes one byte");
        return file;
    }

    @Test
    void lengthOfTwoGigabytesInASmallFileIsRejectedBeforeAllocating() {
        assertRejected(bytes(0x3A, 0xFF, 0xFF, 0xFF, 0xFF, 0x07),
                "ModelProto field 7 at byte 1: declared length 2147483647 exceeds the 0 bytes left");
    }

    @Test
    void lengthBeyondSixtyThreeBitsIsReadUnsigned() {
        assertRejected(bytes(0x22, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01),
                "ModelProto field 4 at byte 1: declared length 18446744073709551615 exceeds the 0 bytes left");
    }

    @Test
    void lengthCannotReachPastTheEnclosingMessage() {
        // the graph declares 2 bytes: a node tag and a node length of 5, whose bytes lie outside the graph
        assertRejected(cat(bytes(0x3A, 0x02, 0x0A, 0x05), bytes(1, 2, 3, 4, 5)),
                "GraphProto field 1 at byte 3: declared length 5 exceeds the 0 bytes left");
    }

    @Test
    void truncatedVarintIsRejected() {
        assertRejected(bytes(0x08, 0x80, 0x80),
                "ModelProto field 1 at byte 1: varint truncated: the 2 bytes left all have the continuation bit set");
    }

    @Test
    void truncatedTagIsRejected() {
        assertRejected(bytes(0x08, 0x01, 0xC2),
                "ModelProto tag at byte 2: varint truncated: the 1 bytes left all have the continuation bit set");
    }

    @Test
    void varintOverTenBytesIsRejected() {
        assertRejected(bytes(0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01),
                "ModelProto field 1 at byte 1: varint longer than 10 bytes");
    }

    @Test
    void unknownWireTypesAreRejected() {
        assertRejected(bytes(0x0E), "ModelProto field 1 at byte 0: unknown wire type 6");
        assertRejected(cat(int64(1, 8), bytes(0x17)), "ModelProto field 2 at byte 2: unknown wire type 7");
    }

    @Test
    void fieldNumberZeroIsRejected() {
        assertRejected(bytes(0x00, 0x00), "ModelProto tag at byte 0: field number 0 outside 1..536870911");
    }

    @Test
    void tagBeyondThirtyTwoBitsIsRejected() {
        assertRejected(bytes(0x80, 0x80, 0x80, 0x80, 0x10),
                "ModelProto tag at byte 0: field number 536870912 outside 1..536870911");
    }

    @Test
    void knownFieldWithTheWrongWireTypeIsRejected() {
        assertRejected(bytes(0x38, 0x01), "ModelProto field 7 at byte 1: wire type 0 where 2 was expected");
    }

    @Test
    void nestingDeeperThanTheLimitIsRejected() {
        // start-group tags of field 100 (100 << 3 | 3 = 0x323, as a varint A3 06), never closed
        byte[] file = new byte[0];
        for (int k = 0; k < 100; k++) {
            file = cat(file, bytes(0xA3, 0x06));
        }
        assertEquals(64, WireReader.MAX_DEPTH);
        assertRejected(file, "ModelProto field 100 at byte 130: nesting deeper than 64");
    }

    @Test
    void nestingAtTheLimitIsAccepted() throws Exception {
        byte[] open = new byte[0];
        byte[] close = new byte[0];
        for (int k = 0; k < WireReader.MAX_DEPTH; k++) {
            open = cat(open, tag(100, 3));
            close = cat(close, tag(100, 4));
        }
        assertEquals(5, OnnxReader.read(cat(open, close, int64(1, 5))).irVersion());
    }

    @Test
    void unbalancedGroupsAreRejected() {
        assertRejected(bytes(0x7C), "ModelProto field 15 at byte 1: end of group 15 without its start");
        assertRejected(bytes(0x2B), "ModelProto field 5 at byte 1: group 5 not ended before the end of its message");
        assertRejected(bytes(0x2B, 0x34), "ModelProto field 6 at byte 2: end of group 6 inside group 5");
    }

    @Test
    void truncatedFixedWidthValuesAreRejected() {
        assertRejected(bytes(0x79, 1, 2, 3), "ModelProto field 15 at byte 1: 8 bytes needed, 3 left");
        byte[] attribute = len(7, len(1, len(5, bytes(0x15, 0x00, 0x00))));
        assertRejected(attribute, "AttributeProto field 2 at byte 7: 4 bytes needed, 2 left");
    }

    @Test
    void packedFloatsMustBeWholeFloats() {
        byte[] attribute = len(7, len(1, len(5, len(7, bytes(0, 0, 0, 0, 0, 0)))));
        assertRejected(attribute, "AttributeProto field 7 at byte 7: packed floats of 6 bytes, not a multiple of 4");
    }

    @Test
    void invalidUtf8IsRejected() {
        assertRejected(bytes(0x12, 0x02, 0xC3, 0x28), "ModelProto field 2 at byte 1: string is not valid UTF-8");
    }

    @Test
    void tensorWhoseDimsDoNotMatchItsFloatsIsRejected() {
        byte[] file = initializer(len(1, Wire.varints(2, 3)), int64(2, TensorProto.FLOAT),
                len(4, Wire.floats(1, 2, 3, 4, 5)), string(8, "w"));
        assertRejected(file, "TensorProto field 1 at byte 3: tensor 'w': dims [2, 3] describe 6 elements but "
                + "float_data holds 5");
    }

    @Test
    void tensorWhoseDimsDoNotMatchItsRawDataIsRejected() {
        assertRejected(initializer(len(1, Wire.varints(3)), int64(2, TensorProto.FLOAT), len(9, Wire.floats(1, 2))),
                "TensorProto field 1 at byte 3: tensor '': dims [3] describe 3 elements but raw_data holds 2");
        assertRejected(initializer(len(1, Wire.varints(2)), int64(2, TensorProto.FLOAT), len(9, new byte[7])),
                "TensorProto field 1 at byte 3: tensor '': raw_data of 7 bytes is not a whole number of "
                        + "4-byte elements");
    }

    @Test
    void tensorWhoseDimsDoNotMatchItsIntegersIsRejected() {
        assertRejected(initializer(int64(2, TensorProto.INT64), len(7, Wire.varints(1, 2))),
                "TensorProto field 1 at byte 3: tensor '': dims [] describe 1 elements but int64_data holds 2");
        assertRejected(initializer(len(1, Wire.varints(4)), int64(2, TensorProto.INT8), len(5, Wire.varints(1))),
                "TensorProto field 1 at byte 3: tensor '': dims [4] describe 4 elements but int32_data holds 1");
    }

    @Test
    void tensorWithNegativeOrOverflowingDimsIsRejected() {
        assertRejected(initializer(int64(1, -1)),
                "TensorProto field 1 at byte 3: tensor '': negative dimension in dims [-1]");
        assertRejected(initializer(len(1, Wire.varints(1L << 62, 4))),
                "TensorProto field 1 at byte 3: tensor '': dims [4611686018427387904, 4] describe more than "
                        + Long.MAX_VALUE + " elements");
    }

    @Test
    void externalTensorWithNegativeDimsIsRejected() {
        assertRejected(initializer(int64(1, -2), int64(14, TensorProto.EXTERNAL)),
                "TensorProto field 1 at byte 3: tensor '': negative dimension in dims [-2]");
    }

    @Test
    void externalTensorIsNotCheckedAgainstDataItDoesNotHold() throws Exception {
        TensorProto t = OnnxReader.read(initializer(len(1, Wire.varints(10)), int64(2, TensorProto.FLOAT),
                int64(14, TensorProto.EXTERNAL))).graph().initializer().get(0);
        assertEquals(TensorProto.EXTERNAL, t.dataLocation());
    }

    @Test
    void unknownDataLocationIsRejected() {
        assertRejected(initializer(int64(14, 2)),
                "TensorProto field 14 at byte 5: data_location 2 is neither DEFAULT (0) nor EXTERNAL (1)");
    }
}
