package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.testkit.Close;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The convolution over groups of images' columns side by side, against the double reference. */
class BatchColumnConvTest {

    static Stream<Conv2dGeometry> resnetTails() {
        return Stream.of(
                Conv2dGeometry.of(8, 64, 4, 4, 32, 3, 1, 1),     // a 4x4 stage
                Conv2dGeometry.of(6, 32, 4, 4, 48, 3, 2, 1),     // stride 2 into 2x2
                Conv2dGeometry.of(5, 48, 2, 2, 24, 3, 1, 1),     // 2x2: most taps see padding
                Conv2dGeometry.of(4, 40, 1, 1, 24, 3, 1, 1),     // 1x1: all but the centre tap see padding
                Conv2dGeometry.of(7, 24, 4, 4, 40, 1, 2, 0),     // the strided 1x1 shortcut
                Conv2dGeometry.of(3, 24, 7, 7, 16, 1, 1, 0),     // pointwise on 7x7
                Conv2dGeometry.of(2, 9, 5, 6, 11, 3, 3, 2, 1, Padding.of(1), 2, 1, 1)); // dilated, uneven
    }

    static Stream<Conv2dGeometry> randomSmallMaps() {
        SplittableRandom r = new SplittableRandom(4242);
        List<Conv2dGeometry> list = new ArrayList<>();
        while (list.size() < 60) {
            int kernelH = 1 + r.nextInt(4);
            int kernelW = 1 + r.nextInt(4);
            int dilationH = 1 + r.nextInt(2);
            int dilationW = 1 + r.nextInt(2);
            Padding padding = new Padding(r.nextInt(3), r.nextInt(3), r.nextInt(3), r.nextInt(3));
            int extentH = dilationH * (kernelH - 1) + 1;
            int extentW = dilationW * (kernelW - 1) + 1;
            int inHeight = Math.max(1, extentH - padding.totalHeight()) + r.nextInt(6);
            int inWidth = Math.max(1, extentW - padding.totalWidth()) + r.nextInt(6);
            Conv2dGeometry g = Conv2dGeometry.of(2 + r.nextInt(6), 1 + r.nextInt(20), inHeight, inWidth,
                    1 + r.nextInt(20), kernelH, kernelW, 1 + r.nextInt(2), 1 + r.nextInt(2), padding,
                    dilationH, dilationW, 1);
            if (BatchColumnConv.applies(g)) {
                list.add(g);
            }
        }
        return list.stream();
    }

    private record Case(Conv2dGeometry g, float[] x, float[] w, float[] b, float[] dy) {
        static Case random(Conv2dGeometry g, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            return new Case(g, Close.randomFloats(r, g.inputLength()), Close.randomFloats(r, g.weightLength()),
                    Close.randomFloats(r, g.outChannels()), Close.randomFloats(r, g.outputLength()));
        }
    }

    /** As in Conv2dKernelTest: the absolute tolerance grows with the square root of the number of terms. */
    private static void assertMatches(double[] expected, float[] actual, long terms, String what) {
        double atol = 1e-5 * Math.max(1, Math.sqrt(terms / 16.0));
        Close.assertClose(expected, actual, 1e-4, atol, what);
    }

    private static void assertMatchesReference(Case c, int maxColumnFloats) {
        Conv2dGeometry g = c.g;
        String what = g + " with a cap of " + maxColumnFloats + " column floats";
        float[] y = new float[g.outputLength()];
        Arrays.fill(y, Float.NaN); // overwritten, never accumulated into
        BatchColumnConv.forward(g, c.x, c.w, c.b, y, maxColumnFloats);
        assertMatches(Conv2dReference.forward(g, Close.toDouble(c.x), Close.toDouble(c.w), Close.toDouble(c.b)), y,
                g.columnRows(), what + " forward");

        float[] dx = new float[g.inputLength()];
        Arrays.fill(dx, Float.NaN);
        BatchColumnConv.backwardInput(g, c.dy, c.w, dx, maxColumnFloats);
        assertMatches(Conv2dReference.backwardInput(g, Close.toDouble(c.dy), Close.toDouble(c.w)), dx,
                (long) g.outChannels() * g.kernelH() * g.kernelW(), what + " backwardInput");

        float[] dw = new float[g.weightLength()];
        float[] db = new float[g.outChannels()];
        Arrays.fill(dw, Float.NaN);
        Arrays.fill(db, Float.NaN);
        BatchColumnConv.backwardWeight(g, c.x, c.dy, dw, db, maxColumnFloats);
        long imageTerms = (long) g.batch() * g.columnCols();
        assertMatches(Conv2dReference.backwardWeight(g, Close.toDouble(c.x), Close.toDouble(c.dy)), dw, imageTerms,
                what + " backwardWeight");
        assertMatches(Conv2dReference.backwardBias(g, Close.toDouble(c.dy)), db, imageTerms, what + " bias");
    }

    @ParameterizedTest
    @MethodSource("resnetTails")
    void matchesReferenceOnSmallMaps(Conv2dGeometry g) {
        assertMatchesReference(Case.random(g, 3), Im2colConv.MAX_COLUMN_FLOATS);
    }

    @ParameterizedTest
    @MethodSource("randomSmallMaps")
    void matchesReferenceOnRandomSmallMaps(Conv2dGeometry g) {
        assertMatchesReference(Case.random(g, g.hashCode()), Im2colConv.MAX_COLUMN_FLOATS);
    }

    // A small cap cuts the batch into groups of one image, or of uneven sizes (7 images in groups of 2 and 3).
    @ParameterizedTest
    @MethodSource("resnetTails")
    void matchesReferenceWhenTheBatchIsCutIntoGroups(Conv2dGeometry g) {
        long imageFloats = (long) Math.max(g.columnRows(), g.outChannels()) * g.columnCols();
        assertMatchesReference(Case.random(g, 4), 1);
        assertMatchesReference(Case.random(g, 5), (int) (2 * imageFloats + 1));
    }

    @Test
    void groupsCoverTheBatchInNearlyEqualParts() {
        Conv2dGeometry g = Conv2dGeometry.of(7, 4, 2, 2, 4, 1, 1, 0);
        BatchColumnConv.ImageGroups groups = new BatchColumnConv.ImageGroups(g, 3 * 4 * 4);
        assertEquals(3, groups.count);
        assertEquals(List.of(2, 2, 3), List.of(groups.images(0), groups.images(1), groups.images(2)));
        assertEquals(3 * 4, groups.maxColumns);
        assertEquals(7, groups.first(3));
    }

    @Test
    void smallMapsOfSeveralImagesTakeThisMethod() {
        Conv2dGeometry tail = Conv2dGeometry.of(64, 128, 4, 4, 128, 3, 1, 1);
        assertEquals(ConvMethod.BATCH_COLUMNS, ConvMethod.choose(ConvPass.FORWARD, tail));
        assertEquals(ConvMethod.BATCH_COLUMNS, ConvMethod.choose(ConvPass.INPUT_GRADIENT, tail));
        assertEquals(ConvMethod.BATCH_COLUMNS, ConvMethod.choose(ConvPass.WEIGHT_GRADIENT, tail));
        assertFalse(BatchColumnConv.applies(tail.withBatch(1)), "one image has no neighbours to stand beside");
        assertFalse(BatchColumnConv.applies(Conv2dGeometry.of(64, 64, 8, 8, 64, 3, 1, 1)), "8x8 maps are wide"
                + " enough on their own");
        assertTrue(BatchColumnConv.applies(Conv2dGeometry.of(8, 512, 7, 7, 512, 3, 1, 1)));
    }

    @Test
    void repeatedRunsAreBitIdentical() {
        Case c = Case.random(Conv2dGeometry.of(16, 64, 2, 2, 96, 3, 1, 1), 6);
        float[][] first = runAll(c);
        float[][] second = runAll(c);
        for (int i = 0; i < first.length; i++) {
            assertArrayEquals(first[i], second[i], "output " + i);
        }
    }

    private static float[][] runAll(Case c) {
        Conv2dGeometry g = c.g;
        float[] y = new float[g.outputLength()];
        float[] dx = new float[g.inputLength()];
        float[] dw = new float[g.weightLength()];
        float[] db = new float[g.outChannels()];
        BatchColumnConv.forward(g, c.x, c.w, c.b, y, Im2colConv.MAX_COLUMN_FLOATS);
        BatchColumnConv.backwardInput(g, c.dy, c.w, dx, Im2colConv.MAX_COLUMN_FLOATS);
        BatchColumnConv.backwardWeight(g, c.x, c.dy, dw, db, Im2colConv.MAX_COLUMN_FLOATS);
        return new float[][] {y, dx, dw, db};
    }
}
