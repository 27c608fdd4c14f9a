package conv4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import conv4j.onnx.TensorShapeProto.Dimension;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A one-node model whose bytes were worked out by hand from the protobuf encoding rules: a tag is
 * {@code field << 3 | wire type}, lengths and integers are base-128 varints, floats are 4 little-endian bytes, and
 * each embedded message is counted from the innermost out. Neither the reader nor the writer produced them.
 */
class GoldenFileTest {
    private static final byte[] GOLDEN = Wire.bytes(
            0x08, 0x08,                                     // ModelProto.ir_version (1, varint) = 8
            0x12, 0x01, 't',                                // ModelProto.producer_name (2, len) = "t"
            0x3A, 0x40,                                     // ModelProto.graph (7, len), 64 bytes:
            0x0A, 0x0C,                                     //   GraphProto.node (1, len), 12 bytes:
            0x0A, 0x01, 'x',                                //     NodeProto.input (1) = "x"
            0x12, 0x01, 'y',                                //     NodeProto.output (2) = "y"
            0x22, 0x04, 'R', 'e', 'l', 'u',                 //     NodeProto.op_type (4) = "Relu"
            0x12, 0x01, 'g',                                //   GraphProto.name (2) = "g"
            0x2A, 0x12,                                     //   GraphProto.initializer (5, len), 18 bytes:
            0x0A, 0x01, 0x02,                               //     TensorProto.dims (1), packed: [2]
            0x10, 0x01,                                     //     TensorProto.data_type (2) = FLOAT
            0x22, 0x08,                                     //     TensorProto.float_data (4), packed, 8 bytes:
            0x00, 0x00, 0x80, 0x3F,                         //       1.0f = 0x3F800000
            0x00, 0x00, 0x00, 0xC0,                         //       -2.0f = 0xC0000000
            0x42, 0x01, 'w',                                //     TensorProto.name (8) = "w"
            0x5A, 0x14,                                     //   GraphProto.input (11, len: 0x5A), 20 bytes:
            0x0A, 0x01, 'x',                                //     ValueInfoProto.name (1) = "x"
            0x12, 0x0F,                                     //     ValueInfoProto.type (2), 15 bytes:
            0x0A, 0x0D,                                     //       TypeProto.tensor_type (1), 13 bytes:
            0x08, 0x01,                                     //         elem_type (1) = FLOAT
            0x12, 0x09,                                     //         shape (2), 9 bytes:
            0x0A, 0x03, 0x12, 0x01, 'N',                    //           dim (1) { dim_param (2) = "N" }
            0x0A, 0x02, 0x08, 0x02,                         //           dim (1) { dim_value (1) = 2 }
            0x62, 0x03,                                     //   GraphProto.output (12, len: 0x62), 3 bytes:
            0x0A, 0x01, 'y',                                //     ValueInfoProto.name (1) = "y"
            0x42, 0x02,                                     // ModelProto.opset_import (8, len), 2 bytes:
            0x10, 0x0D);                                    //   OperatorSetIdProto.version (2) = 13

    private static final ModelProto MODEL = new ModelProto(8, List.of(new OperatorSetIdProto("", 13)), "t",
            new GraphProto(
                    List.of(new NodeProto(List.of("x"), List.of("y"), "", "Relu", "", List.of())),
                    "g",
                    List.of(TensorProto.ofFloats("w", List.of(2L), 1.0f, -2.0f)),
                    List.of(new ValueInfoProto("x", new TensorTypeProto(TensorProto.FLOAT,
                            new TensorShapeProto(List.of(Dimension.of("N"), Dimension.of(2)))))),
                    List.of(new ValueInfoProto("y", null)),
                    List.of()));

    @Test
    void handEncodedModelReadsAsTheModelItDescribes() throws Exception {
        assertEquals(MODEL, OnnxReader.read(GOLDEN));
    }

    @Test
    void writerProducesTheHandEncodedBytes() {
        assertArrayEquals(GOLDEN, OnnxWriter.toBytes(MODEL));
    }
}
