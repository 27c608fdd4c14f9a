package conv4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TensorProtoTest {
    @Test
    void dataIsCopiedInSoTheCallersArrayCannotChangeIt() {
        float[] values = {1, 2};
        TensorProto t = TensorProto.ofFloats("t", List.of(2L), values);
        values[0] = 99;
        assertEquals(1f, t.floatData().get(0));
    }

    @Test
    void buffersHandedOutAreReadOnlyViewsWithTheirOwnPosition() {
        TensorProto t = TensorProto.ofFloats("t", List.of(2L), 1, 2);
        FloatBuffer view = t.floatData();
        view.get();
        assertEquals(2, t.floatData().remaining());
        assertThrows(ReadOnlyBufferException.class, () -> t.floatData().put(0, 5f));
        assertEquals(TensorProto.ofFloats("t", List.of(2L), 1, 2), t);
    }

    @Test
    void rawDataIsHandedOutLittleEndian() {
        ByteBuffer raw = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 7);
        TensorProto t = new TensorProto(List.of(1L), TensorProto.INT32, FloatBuffer.allocate(0), LongBuffer.allocate(0),
                IntBuffer.allocate(0), "", raw, TensorProto.DEFAULT, List.of());
        assertEquals(7, t.rawData().getInt(0));
    }

    @Test
    void equalityComparesContents() {
        assertEquals(TensorProto.ofFloats("t", List.of(1L), 3).hashCode(),
                TensorProto.ofFloats("t", List.of(1L), 3).hashCode());
        assertNotEquals(TensorProto.ofFloats("t", List.of(1L), 3), TensorProto.ofFloats("t", List.of(1L), 4));
    }

    @Test
    void constructorRejectsDataThatDoesNotFitTheDims() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TensorProto.ofFloats("t", List.of(2L, 2L), 1, 2, 3));
        assertEquals("dims [2, 2] describe 4 elements but float_data holds 3", e.getMessage());
    }

    @Test
    void constructorRejectsAnUnknownDataLocation() {
        assertThrows(IllegalArgumentException.class, () -> new TensorProto(List.of(), 0, FloatBuffer.allocate(0),
                LongBuffer.allocate(0), IntBuffer.allocate(0), "", null, 2, List.of()));
    }

    @Test
    void elementCountOfAScalarIsOne() {
        assertEquals(1, TensorProto.ofFloats("", List.of(), 5).elementCount());
        assertEquals(6, TensorProto.ofFloats("", List.of(2L, 3L), new float[6]).elementCount());
    }

    @Test
    void dimensionIsEitherAValueOrAParam() {
        assertThrows(IllegalArgumentException.class, () -> new TensorShapeProto.Dimension(1L, "N"));
    }
}
