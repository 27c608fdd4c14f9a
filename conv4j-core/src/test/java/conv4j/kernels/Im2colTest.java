package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.testkit.Close;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Im2colTest {

    static Stream<Conv2dGeometry> geometries() {
        return Stream.of(
                Conv2dGeometry.of(1, 1, 4, 4, 1, 3, 1, 1),
                Conv2dGeometry.of(1, 2, 7, 6, 1, 3, 2, 1),
                new Conv2dGeometry(1, 3, 5, 7, 3, 2, 3, 1, 2, 0, 1, 2, 0, 1, 1, 3),
                new Conv2dGeometry(1, 2, 9, 8, 2, 3, 3, 3, 2, 2, 3, 1, 4, 2, 3, 1),
                // padding wider than the image: whole rows and columns of the window see only zeros
                new Conv2dGeometry(1, 1, 2, 3, 1, 3, 3, 1, 1, 4, 4, 5, 5, 1, 1, 1),
                Conv2dGeometry.of(1, 2, 5, 5, 1, 1, 1, 0));
    }

    // The entry at (c, kh, kw) x (oh, ow), straight from the definition.
    private static float expectedEntry(Conv2dGeometry g, float[] x, int xOffset, int row, int p) {
        int kw = row % g.kernelW();
        int kh = row / g.kernelW() % g.kernelH();
        int c = row / (g.kernelW() * g.kernelH());
        int oh = p / g.outWidth();
        int ow = p % g.outWidth();
        int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
        int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
        if (ih < 0 || ih >= g.inHeight() || iw < 0 || iw >= g.inWidth()) {
            return 0f;
        }
        return x[xOffset + (c * g.inHeight() + ih) * g.inWidth() + iw];
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void columnEntriesAreTheWindowPixels(Conv2dGeometry g) {
        SplittableRandom r = new SplittableRandom(7);
        int offset = 5;
        float[] x = Close.randomFloats(r, offset + g.inChannelsPerGroup() * g.inHeight() * g.inWidth());
        float[] col = new float[3 + g.columnRows() * g.columnCols()];
        Arrays.fill(col, Float.NaN); // every entry must be written, padding included
        Im2col.im2col(g, x, offset, col, 3);
        for (int row = 0; row < g.columnRows(); row++) {
            for (int p = 0; p < g.columnCols(); p++) {
                assertEquals(expectedEntry(g, x, offset, row, p), col[3 + row * g.columnCols() + p],
                        g + " row " + row + " column " + p);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void bandOfRowsIsTheMatchingSliceOfTheWholeMatrix(Conv2dGeometry g) {
        SplittableRandom r = new SplittableRandom(8);
        float[] x = Close.randomFloats(r, g.inChannelsPerGroup() * g.inHeight() * g.inWidth());
        float[] whole = new float[g.columnRows() * g.columnCols()];
        Im2col.im2col(g, x, 0, whole, 0);
        int outW = g.outWidth();
        for (int start = 0; start < g.outHeight(); start++) {
            int end = Math.min(g.outHeight(), start + 2);
            int cols = (end - start) * outW;
            float[] band = new float[g.columnRows() * cols];
            Im2col.im2col(g, x, 0, start, end, band, 0);
            for (int row = 0; row < g.columnRows(); row++) {
                float[] expected = Arrays.copyOfRange(whole, row * g.columnCols() + start * outW,
                        row * g.columnCols() + end * outW);
                assertArrayEquals(expected, Arrays.copyOfRange(band, row * cols, (row + 1) * cols));
            }
        }
    }

    // Rows ldCol apart leave the values between them alone: several images' columns stand side by side.
    @ParameterizedTest
    @MethodSource("geometries")
    void rowsSpacedApartHoldTheSameValuesAndLeaveTheGapsAlone(Conv2dGeometry g) {
        SplittableRandom r = new SplittableRandom(10);
        float[] x = Close.randomFloats(r, g.inChannelsPerGroup() * g.inHeight() * g.inWidth());
        int p = g.columnCols();
        float[] dense = new float[g.columnRows() * p];
        Im2col.im2col(g, x, 0, dense, 0);
        int ld = 2 * p + 3;
        float[] spaced = new float[4 + (g.columnRows() - 1) * ld + p];
        Arrays.fill(spaced, 7f);
        Im2col.im2col(g, x, 0, 0, g.outHeight(), spaced, 4, ld);
        for (int row = 0; row < g.columnRows(); row++) {
            for (int i = 0; i < ld && 4 + row * ld + i < spaced.length; i++) {
                float expected = i < p ? dense[row * p + i] : 7f;
                assertEquals(expected, spaced[4 + row * ld + i], g + " row " + row + " entry " + i);
            }
        }
        float[] fromDense = Close.randomFloats(r, 3 + g.inChannelsPerGroup() * g.inHeight() * g.inWidth());
        float[] fromSpaced = fromDense.clone();
        Im2col.col2im(g, dense, 0, fromDense, 3);
        Im2col.col2im(g, spaced, 4, 0, g.outHeight(), fromSpaced, 3, ld);
        assertArrayEquals(fromDense, fromSpaced, g + " col2im");
    }

    // The table of window offsets unfolds and folds back exactly as the row-by-row loops do.
    @ParameterizedTest
    @MethodSource("geometries")
    void theTableOfWindowOffsetsGivesTheSameColumns(Conv2dGeometry g) {
        SplittableRandom r = new SplittableRandom(11);
        int offset = 2;
        float[] x = Close.randomFloats(r, offset + g.inChannelsPerGroup() * g.inHeight() * g.inWidth());
        int ld = g.columnCols() + 5;
        float[] byRows = new float[1 + g.columnRows() * ld];
        float[] byTable = new float[byRows.length];
        Arrays.fill(byRows, 3f);
        Arrays.fill(byTable, 3f);
        int[] offsets = Im2col.windowOffsets(g);
        Im2col.im2col(g, x, offset, 0, g.outHeight(), byRows, 1, ld);
        Im2col.im2col(g, offsets, x, offset, byTable, 1, ld);
        assertArrayEquals(byRows, byTable, g + " im2col");
        float[] dxByRows = Close.randomFloats(r, x.length);
        float[] dxByTable = dxByRows.clone();
        Im2col.col2im(g, byRows, 1, 0, g.outHeight(), dxByRows, offset, ld);
        Im2col.col2im(g, offsets, byRows, 1, dxByTable, offset, ld);
        assertArrayEquals(dxByRows, dxByTable, g + " col2im");
    }

    // <im2col(x), c> = <x, col2im(c)>: col2im is the adjoint, which is what the input gradient needs.
    @ParameterizedTest
    @MethodSource("geometries")
    void col2imIsTheAdjointOfIm2col(Conv2dGeometry g) {
        SplittableRandom r = new SplittableRandom(9);
        int imageLength = g.inChannelsPerGroup() * g.inHeight() * g.inWidth();
        float[] x = Close.randomFloats(r, imageLength);
        float[] c = Close.randomFloats(r, g.columnRows() * g.columnCols());
        float[] col = new float[c.length];
        Im2col.im2col(g, x, 0, col, 0);
        float[] back = new float[imageLength];
        Im2col.col2im(g, c, 0, back, 0);
        double left = 0;
        for (int i = 0; i < c.length; i++) {
            left += (double) col[i] * c[i];
        }
        double right = 0;
        for (int i = 0; i < imageLength; i++) {
            right += (double) x[i] * back[i];
        }
        assertEquals(left, right, 1e-5 * (1 + Math.abs(left)), g.toString());
    }

    @Test
    void col2imAddsOntoWhatIsThere() {
        Conv2dGeometry g = Conv2dGeometry.of(1, 1, 3, 3, 1, 2, 1, 0);
        float[] ones = new float[g.columnRows() * g.columnCols()];
        Arrays.fill(ones, 1f);
        float[] dx = new float[9];
        Arrays.fill(dx, 10f);
        Im2col.col2im(g, ones, 0, dx, 0);
        // how many 2x2 windows cover each pixel of a 3x3 image, plus the 10 already there
        assertArrayEquals(new float[] {11, 12, 11, 12, 14, 12, 11, 12, 11}, dx);
    }

    @Test
    void arraysTooShortAreRefusedWithTheirSizes() {
        Conv2dGeometry g = Conv2dGeometry.of(1, 2, 4, 4, 1, 3, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Im2col.im2col(g, new float[32], 1, new float[18 * 16], 0));
        assertTrue(e.getMessage().contains("from offset 1 do not fit in an array of 32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Im2col.col2im(g, new float[100], 0, new float[32], 0));
        assertTrue(e.getMessage().contains("18x16 column matrix"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Im2col.im2col(g, new float[32], 0, 2, 5, new float[18 * 16], 0));
        assertTrue(e.getMessage().contains("[2, 5)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Im2col.im2col(g, new float[32], 0, 0, 4, new float[18 * 16], 0, 15));
        assertTrue(e.getMessage().contains("column rows 15 apart cannot hold 16 values each"), e.getMessage());
    }
}
