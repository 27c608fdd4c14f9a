package conv4j.onnx;

import static conv4j.onnx.Wire.bytes;
import static conv4j.onnx.Wire.cat;
import static conv4j.onnx.Wire.fixed32;
import static conv4j.onnx.Wire.int64;
import static conv4j.onnx.Wire.len;
import static conv4j.onnx.Wire.string;
import static conv4j.onnx.Wire.tag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Inputs assembled field by field in the forms other writers use, read by the reader. */
class WireFormatTest {
    private static ModelProto graphWithInitializer(byte[]... tensorFields) throws OnnxFormatException {
        return OnnxReader.read(len(7, len(5, tensorFields)));
    }

    private static TensorProto onlyInitializer(byte[]... tensorFields) throws OnnxFormatException {
        return graphWithInitializer(tensorFields).graph().initializer().get(0);
    }

    private static AttributeProto onlyAttribute(byte[]... attributeFields) throws OnnxFormatException {
        ModelProto m = OnnxReader.read(len(7, len(1, len(5, attributeFields))));
        return m.graph().node().get(0).attribute().get(0);
    }

    @Test
    void multiByteVarintsReadLeastSignificantGroupFirst() throws Exception {
        assertEquals(300, OnnxReader.read(bytes(0x08, 0xAC, 0x02)).irVersion());
        assertEquals(Long.MAX_VALUE, OnnxReader.read(bytes(0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F))
                .irVersion());
    }

    @Test
    void int64FieldsArePlainTwosComplementInTenBytesNotZigzag() throws Exception {
        byte[] minusOne = bytes(0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01);
        assertEquals(-1, OnnxReader.read(minusOne).irVersion());
        assertEquals(-3, onlyAttribute(string(1, "group"), int64(3, -3)).i());
    }

    @Test
    void negativeInt32IsSignExtendedOnTheWireAndTruncatedOnRead() throws Exception {
        byte[] minusTwo = cat(tag(20, 0), bytes(0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01));
        assertEquals(-2, onlyAttribute(minusTwo).type());
    }

    @Test
    void negativeInt32IsWrittenAsTenBytes() {
        WireWriter w = new WireWriter();
        w.int32(2, -1);
        assertArrayEquals(bytes(0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01), w.toByteArray());
    }

    @Test
    void fixed32FloatIsFourLittleEndianBytes() throws Exception {
        // 0.5f = 0x3F000000
        assertEquals(0.5f, onlyAttribute(bytes(0x15, 0x00, 0x00, 0x00, 0x3F)).f());
        assertEquals(-1.25f, onlyAttribute(fixed32(2, -1.25f)).f());
    }

    @Test
    void packedAndUnpackedRepeatedScalarsReadTheSame() throws Exception {
        byte[] dataType = int64(2, TensorProto.FLOAT);
        TensorProto packed = onlyInitializer(len(1, Wire.varints(2, 3)), dataType,
                len(4, Wire.floats(1, 2, 3, 4, 5, 6)));
        TensorProto unpacked = onlyInitializer(int64(1, 2), int64(1, 3), dataType,
                fixed32(4, 1), fixed32(4, 2), fixed32(4, 3), fixed32(4, 4), fixed32(4, 5), fixed32(4, 6));
        assertEquals(packed, unpacked);
        assertEquals(List.of(2L, 3L), unpacked.dims());
        assertEquals(6, unpacked.floatData().remaining());
    }

    @Test
    void packedRunsAndSingleElementsConcatenate() throws Exception {
        TensorProto t = onlyInitializer(len(1, Wire.varints(4)), int64(2, TensorProto.INT64),
                len(7, Wire.varints(1, 300)), int64(7, -5), len(7, Wire.varints(7)));
        long[] values = new long[4];
        t.int64Data().get(values);
        assertArrayEquals(new long[] {1, 300, -5, 7}, values);
    }

    @Test
    void attributeListsAcceptBothForms() throws Exception {
        AttributeProto packed = onlyAttribute(string(1, "a"), len(7, Wire.floats(1, 2)), len(8, Wire.varints(1, 2)));
        AttributeProto unpacked = onlyAttribute(string(1, "a"), fixed32(7, 1), fixed32(7, 2), int64(8, 1), int64(8, 2));
        assertEquals(packed, unpacked);
        assertEquals(List.of(1f, 2f), packed.floats());
        assertEquals(List.of(1L, 2L), packed.ints());
    }

    @Test
    void int32DataAcceptsBothForms() throws Exception {
        byte[] head = cat(len(1, Wire.varints(2)), int64(2, TensorProto.UINT8));
        TensorProto packed = onlyInitializer(head, len(5, Wire.varints(255, 0)));
        TensorProto unpacked = onlyInitializer(head, int64(5, 255), int64(5, 0));
        assertEquals(packed, unpacked);
        assertEquals(255, packed.int32Data().get(0));
    }

    @Test
    void rawDataIsLittleEndian() throws Exception {
        TensorProto t = onlyInitializer(len(1, Wire.varints(1)), int64(2, TensorProto.FLOAT),
                len(9, bytes(0x00, 0x00, 0x80, 0xBF)));
        assertEquals(-1f, t.rawData().getFloat(0));
    }

    @Test
    void unknownFieldsOfEveryWireTypeAreSkipped() throws Exception {
        byte[] unknown = cat(
                int64(99, 12345),                                            // varint
                tag(98, 1), bytes(1, 2, 3, 4, 5, 6, 7, 8),                   // fixed64
                len(97, bytes(0xFF, 0xFF, 0xFF)),                            // length-delimited, not valid as a message
                tag(96, 5), bytes(1, 2, 3, 4),                               // fixed32
                tag(95, 3), int64(1, 1), tag(94, 3), tag(94, 4), tag(95, 4), // nested groups
                string(6, "doc string, a known ONNX field the codec drops"));
        ModelProto plain = OnnxReader.read(cat(int64(1, 7), string(2, "p")));
        ModelProto withUnknown = OnnxReader.read(cat(unknown, int64(1, 7), unknown, string(2, "p"), unknown));
        assertEquals(plain, withUnknown);
    }

    @Test
    void unknownFieldsInsideNestedMessagesAreSkipped() throws Exception {
        TensorProto t = onlyInitializer(int64(3000, 1), len(1, Wire.varints(1)), tag(15, 5), bytes(0, 0, 0, 0),
                int64(2, TensorProto.FLOAT), len(4, Wire.floats(9)), len(12, bytes('d', 'o', 'c')));
        assertEquals(TensorProto.ofFloats("", List.of(1L), 9f), t);
    }

    @Test
    void repeatedMessageFieldAppendsAndLastScalarWins() throws Exception {
        ModelProto m = OnnxReader.read(cat(int64(1, 3), len(8, int64(2, 11)), int64(1, 4), len(8, int64(2, 12))));
        assertEquals(4, m.irVersion());
        assertEquals(List.of(new OperatorSetIdProto("", 11), new OperatorSetIdProto("", 12)), m.opsetImport());
    }

    @Test
    void nonTensorTypeReadsAsNoType() throws Exception {
        byte[] sequenceType = len(2, len(4, len(1, len(1, int64(1, 1)))));
        ModelProto m = OnnxReader.read(len(7, len(11, string(1, "seq"), sequenceType)));
        assertEquals(new ValueInfoProto("seq", null), m.graph().input().get(0));
    }

    @Test
    void stringsAreUtf8() throws Exception {
        // "c", then U+00E9 in two bytes and U+2713 in three
        byte[] producer = bytes(0x12, 0x06, 'c', 0xC3, 0xA9, 0xE2, 0x9C, 0x93);
        assertEquals("c\u00e9\u2713", OnnxReader.read(producer).producerName());
    }
}
