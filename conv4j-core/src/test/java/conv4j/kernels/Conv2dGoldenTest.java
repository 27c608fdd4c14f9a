package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The lecture's worked examples (SEED-EXAMPLES.md sections 1, 3 and 4), one image and one channel each. */
class Conv2dGoldenTest {

    private static float[] conv(Conv2dGeometry g, float[] x, float[] kernel) {
        float[] y = new float[g.outputLength()];
        Conv2dKernel.forward(g, x, kernel, null, y);
        return y;
    }

    private static float[] repeatRows(int rows, float... row) {
        float[] out = new float[rows * row.length];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(row, 0, out, r * row.length, row.length);
        }
        return out;
    }

    @Test
    void corr2dWithOneByTwoKernelDetectsVerticalEdges() {
        float[] x = repeatRows(6, 1, 1, 0, 0, 0, 0, 1, 1);
        Conv2dGeometry g = Conv2dGeometry.of(1, 1, 6, 8, 1, 1, 2, 1, 1, Padding.valid(), 1, 1, 1);
        assertEquals(6, g.outHeight());
        assertEquals(7, g.outWidth());
        assertArrayEquals(repeatRows(6, 0, 1, 0, 0, 0, -1, 0), conv(g, x, new float[] {1, -1}));
    }

    @Test
    void zeroPaddingOneKeepsFourByFour() {
        float[] x = {
            1, 3, -1, 2,
            2, -2, 0, 1,
            1, 4, 0, -1,
            -1, 0, 3, 2};
        float[] kernel = {
            0, 1, 0,
            1, -1, 1,
            0, 1, 0};
        float[] expected = {
            4, -5, 6, -2,
            -2, 11, -2, 0,
            4, -5, 6, 4,
            2, 6, -1, 0};
        assertArrayEquals(expected, conv(Conv2dGeometry.of(1, 1, 4, 4, 1, 3, 1, 1), x, kernel));
    }

    private static final float[] STEP = repeatRows(5, 10, 10, 10, 0, 0);
    private static final float[] VERTICAL_EDGE = repeatRows(3, 1, 0, -1);

    @Test
    void validPaddingShrinksToThreeByThree() {
        assertArrayEquals(repeatRows(3, 0, 30, 30), conv(Conv2dGeometry.of(1, 1, 5, 5, 1, 3, 1, 0), STEP,
                VERTICAL_EDGE));
    }

    @Test
    void samePaddingKeepsFiveByFive() {
        Conv2dGeometry g = Conv2dGeometry.same(1, 1, 5, 5, 1, 3, 1);
        assertEquals(5, g.outHeight());
        assertEquals(5, g.outWidth());
        float[] expected = new float[25];
        System.arraycopy(new float[] {-20, 0, 20, 20, 0}, 0, expected, 0, 5);
        System.arraycopy(repeatRows(3, -30, 0, 30, 30, 0), 0, expected, 5, 15);
        System.arraycopy(new float[] {-20, 0, 20, 20, 0}, 0, expected, 20, 5);
        assertArrayEquals(expected, conv(g, STEP, VERTICAL_EDGE));
    }

    @Test
    void validPaddingStrideTwoGivesTwoByTwo() {
        assertArrayEquals(repeatRows(2, 0, 30), conv(Conv2dGeometry.of(1, 1, 5, 5, 1, 3, 2, 0), STEP,
                VERTICAL_EDGE));
    }
}
