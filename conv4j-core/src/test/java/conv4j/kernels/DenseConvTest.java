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

/** Convolutions on maps smaller than their window, as one dense matrix per layer, against the double reference. */
class DenseConvTest {

    static Stream<Conv2dGeometry> smallMaps() {
        SplittableRandom r = new SplittableRandom(808);
        List<Conv2dGeometry> list = new ArrayList<>();
        list.add(Conv2dGeometry.of(16, 24, 2, 2, 20, 3, 1, 1));                      // ResNet-18's third stage, scaled
        list.add(Conv2dGeometry.of(17, 6, 2, 3, 5, 3, 2, 1));                        // stride 2, uneven map
        list.add(Conv2dGeometry.of(16, 4, 3, 3, 3, 5, 1, 2));                        // 5x5 on 3x3
        list.add(Conv2dGeometry.of(20, 3, 2, 2, 4, 3, 3, 1, 1, Padding.of(3), 1, 1, 1)); // outputs that see no pixel
        list.add(Conv2dGeometry.of(16, 3, 2, 2, 4, 3, 3, 1, 1, Padding.of(2), 2, 2, 1)); // dilated
        while (list.size() < 40) {
            int kernelH = 2 + r.nextInt(4);
            int kernelW = 2 + r.nextInt(4);
            Padding padding = new Padding(r.nextInt(kernelH), r.nextInt(kernelH), r.nextInt(kernelW),
                    r.nextInt(kernelW));
            int inHeight = Math.max(1, kernelH - padding.totalHeight()) + r.nextInt(3);
            int inWidth = Math.max(1, kernelW - padding.totalWidth()) + r.nextInt(3);
            Conv2dGeometry g = Conv2dGeometry.of(16 + r.nextInt(8), 1 + r.nextInt(9), inHeight, inWidth,
                    1 + r.nextInt(9), kernelH, kernelW, 1 + r.nextInt(2), 1 + r.nextInt(2), padding, 1, 1, 1);
            if (DenseConv.applies(g)) {
                list.add(g);
            }
        }
        return list.stream();
    }

    /** As in Conv2dKernelTest: the absolute tolerance grows with the square root of the number of terms. */
    private static void assertMatches(double[] expected, float[] actual, long terms, String what) {
        double atol = 1e-5 * Math.max(1, Math.sqrt(terms / 16.0));
        Close.assertClose(expected, actual, 1e-4, atol, what);
    }

    @ParameterizedTest
    @MethodSource("smallMaps")
    void matchesTheReference(Conv2dGeometry g) {
        assertTrue(DenseConv.applies(g), g.toString());
        SplittableRandom r = new SplittableRandom(g.hashCode());
        float[] x = Close.randomFloats(r, g.inputLength());
        float[] w = Close.randomFloats(r, g.weightLength());
        float[] b = Close.randomFloats(r, g.outChannels());
        float[] dy = Close.randomFloats(r, g.outputLength());
        float[] y = new float[g.outputLength()];
        Arrays.fill(y, Float.NaN); // overwritten, never accumulated into
        Conv2dKernel.forward(ConvMethod.DENSE, g, x, w, b, y);
        assertMatches(Conv2dReference.forward(g, Close.toDouble(x), Close.toDouble(w), Close.toDouble(b)), y,
                g.columnRows(), g + " forward");
        float[] dx = new float[g.inputLength()];
        Arrays.fill(dx, Float.NaN);
        Conv2dKernel.backwardInput(ConvMethod.DENSE, g, dy, w, dx);
        assertMatches(Conv2dReference.backwardInput(g, Close.toDouble(dy), Close.toDouble(w)), dx,
                (long) g.outChannels() * g.kernelH() * g.kernelW(), g + " backwardInput");
        float[] dw = new float[g.weightLength()];
        float[] db = new float[g.outChannels()];
        Arrays.fill(dw, Float.NaN);
        Arrays.fill(db, Float.NaN);
        Conv2dKernel.backwardWeight(ConvMethod.DENSE, g, x, dy, dw, db);
        long terms = (long) g.batch() * g.columnCols();
        assertMatches(Conv2dReference.backwardWeight(g, Close.toDouble(x), Close.toDouble(dy)), dw, terms,
                g + " backwardWeight");
        assertMatches(Conv2dReference.backwardBias(g, Close.toDouble(dy)), db, terms, g + " bias");
    }

    @Test
    void aThreeByThreeKernelOnATwoByTwoMapLinksEachOutputToEveryPixelOnce() {
        Conv2dGeometry g = Conv2dGeometry.of(16, 1, 2, 2, 1, 3, 1, 1);
        // output (0, 0) sees pixel (0, 0) through the centre tap 4, pixel (1, 1) through the bottom right tap 8
        int[] taps = DenseConv.taps(g);
        assertArrayEquals(new int[] {4, 5, 7, 8, 3, 4, 6, 7, 1, 2, 4, 5, 0, 1, 3, 4}, taps);
    }

    @Test
    void takesTheSmallMapsOfATrainingBatch() {
        Conv2dGeometry stage3 = Conv2dGeometry.of(64, 256, 2, 2, 256, 3, 1, 1);
        assertEquals(ConvMethod.DENSE, ConvMethod.choose(ConvPass.FORWARD, stage3));
        assertEquals(ConvMethod.DENSE, ConvMethod.choose(ConvPass.INPUT_GRADIENT, stage3));
        assertEquals(ConvMethod.DENSE, ConvMethod.choose(ConvPass.WEIGHT_GRADIENT, stage3));
        assertFalse(DenseConv.applies(stage3.withBatch(8)), "a handful of images: too few rows for the products");
        assertFalse(DenseConv.applies(Conv2dGeometry.of(64, 128, 4, 4, 128, 3, 1, 1)), "16 pixels, 9 taps: im2col");
        assertFalse(DenseConv.applies(Conv2dGeometry.of(64, 1024, 2, 2, 1024, 3, 1, 1)), "M of 16 M values");
    }

    @Test
    void repeatedRunsAreBitIdentical() {
        Conv2dGeometry g = Conv2dGeometry.of(32, 64, 2, 2, 48, 3, 1, 1);
        SplittableRandom r = new SplittableRandom(9);
        float[] x = Close.randomFloats(r, g.inputLength());
        float[] w = Close.randomFloats(r, g.weightLength());
        float[] dy = Close.randomFloats(r, g.outputLength());
        float[][] first = runAll(g, x, w, dy);
        float[][] second = runAll(g, x, w, dy);
        for (int i = 0; i < first.length; i++) {
            assertArrayEquals(first[i], second[i], "output " + i);
        }
    }

    private static float[][] runAll(Conv2dGeometry g, float[] x, float[] w, float[] dy) {
        float[] y = new float[g.outputLength()];
        float[] dx = new float[g.inputLength()];
        float[] dw = new float[g.weightLength()];
        DenseConv.forward(g, x, w, null, y);
        DenseConv.backwardInput(g, dy, w, dx);
        DenseConv.backwardWeight(g, x, dy, dw, null);
        return new float[][] {y, dx, dw};
    }
}
