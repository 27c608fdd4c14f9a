package conv4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Expected texts follow PyTorch's printing rules (torch/_tensor_str.py), worked out by hand, plus the shape. */
class TensorToStringTest {

    private static Tensor range(int n, float start, int... dims) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = start + i;
        }
        return Tensor.of(v, dims);
    }

    @Test
    void aMatrixIsWrittenRowByRowAsPyTorchWritesIt() {
        assertEquals("tensor([[1., 2.],\n"
                + "        [3., 4.]], shape=2x2)", Tensor.matrix(new float[] {1, 2}, new float[] {3, 4}).toString());
    }

    @Test
    void theLecturesEdgeOutputReadsAsOnItsSlide() {
        float[] row = {0, 1, 0, 0, 0, -1, 0};
        Tensor y = Tensor.matrix(row, row, row, row, row, row);
        String line = "[ 0.,  1.,  0.,  0.,  0., -1.,  0.]";
        assertEquals("tensor([" + line + ",\n"
                + "        " + line + ",\n"
                + "        " + line + ",\n"
                + "        " + line + ",\n"
                + "        " + line + ",\n"
                + "        " + line + "], shape=6x7)", y.toString());
    }

    @Test
    void fractionsTakeFourDecimalsInOneWidth() {
        Tensor t = Tensor.matrix(new float[] {0.5f, -1.25f}, new float[] {2, 3});
        assertEquals("tensor([[ 0.5000, -1.2500],\n"
                + "        [ 2.0000,  3.0000]], shape=2x2)", t.toString());
    }

    @Test
    void magnitudesSpanningMoreThanAThousandTimesAreScientific() {
        assertEquals("tensor([1.0000e-05, 1.0000e+00], shape=2)", Tensor.of(new float[] {1e-5f, 1}, 2).toString());
        assertEquals("tensor([nan, 1., 2.], shape=3)", Tensor.of(new float[] {Float.NaN, 1, 2}, 3).toString());
    }

    @Test
    void threeDimensionsLeaveABlankLineBetweenMatrices() {
        assertEquals("tensor([[[0., 1.],\n"
                + "         [2., 3.]],\n"
                + "\n"
                + "        [[4., 5.],\n"
                + "         [6., 7.]]], shape=2x2x2)", range(8, 0, 2, 2, 2).toString());
    }

    @Test
    void fourDimensionsLeaveTwoBlankLinesBetweenSamples() {
        assertEquals("tensor([[[[ 0.,  1.],\n"
                + "          [ 2.,  3.]],\n"
                + "\n"
                + "         [[ 4.,  5.],\n"
                + "          [ 6.,  7.]]],\n"
                + "\n"
                + "\n"
                + "        [[[ 8.,  9.],\n"
                + "          [10., 11.]],\n"
                + "\n"
                + "         [[12., 13.],\n"
                + "          [14., 15.]]]], shape=2x2x2x2)", range(16, 0, 2, 2, 2, 2).toString());
    }

    @Test
    void aThousandValuesAreWrittenInFullAndMoreAreAbbreviated() {
        assertEquals(1000, range(1000, 0, 1000).toString().split(",").length - 1);
        assertEquals("tensor([   0.,    1.,    2.,  ...,  998.,  999., 1000.], shape=1001)",
                range(1001, 0, 1001).toString());
        // Only the written values decide the notation: 0 .. 1999 spans more than 1000 times.
        assertEquals("tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n"
                + "        1.9990e+03], shape=2000)", range(2000, 0, 2000).toString());
    }

    @Test
    void aLargeMatrixShowsThreeRowsAndColumnsAtEachEdge() {
        assertEquals("tensor([[1000., 1001., 1002.,  ..., 1027., 1028., 1029.],\n"
                + "        [1030., 1031., 1032.,  ..., 1057., 1058., 1059.],\n"
                + "        [1060., 1061., 1062.,  ..., 1087., 1088., 1089.],\n"
                + "        ...,\n"
                + "        [2110., 2111., 2112.,  ..., 2137., 2138., 2139.],\n"
                + "        [2140., 2141., 2142.,  ..., 2167., 2168., 2169.],\n"
                + "        [2170., 2171., 2172.,  ..., 2197., 2198., 2199.]], shape=40x30)",
                range(1200, 1000, 40, 30).toString());
    }

    @Test
    void aHugeBatchIsWrittenFromItsEdgesAlone() {
        String text = Tensor.zeros(64, 512, 28, 28).toString();
        // 6 samples x 6 channels x 6 rows written, each row as [0., 0., 0.,  ..., 0., 0., 0.]
        assertEquals(6 * 6 * 6, text.lines().filter(l -> l.contains("[0., 0., 0.,  ..., 0., 0., 0.]")).count(), text);
        assertTrue(text.endsWith("0.]]]], shape=64x512x28x28)"), text);
    }

    @Test
    void aScalarAndAnEmptyTensor() {
        assertEquals("tensor(3.)", Tensor.scalar(3).toString());
        assertEquals("tensor(-0.2500)", Tensor.scalar(-0.25f).toString());
        assertEquals("tensor([], shape=0x3)", Tensor.zeros(0, 3).toString());
    }
}
