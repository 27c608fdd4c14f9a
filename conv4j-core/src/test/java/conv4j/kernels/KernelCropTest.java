package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import conv4j.testkit.Close;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Kernel rows and columns that only ever read padding are cut off, and the convolution stays the same. */
class KernelCropTest {

    @Test
    void aThreeByThreeKernelOnAOneByOneMapKeepsItsCentre() {
        KernelCrop crop = KernelCrop.of(Conv2dGeometry.of(64, 512, 1, 1, 512, 3, 1, 1));
        assertNotNull(crop);
        assertEquals(Conv2dGeometry.of(64, 512, 1, 1, 512, 1, 1, 0), crop.cropped());
        assertEquals(List.of(1, 2, 1, 2), List.of(crop.kh0(), crop.kh1(), crop.kw0(), crop.kw1()));
    }

    @Test
    void aStrideTwoKernelOntoOneOutputKeepsTheTapsThatReachTheImage() {
        // output (0, 0) reads input rows and columns -1, 0, 1 of a 2x2 map: taps 1 and 2 reach it
        KernelCrop crop = KernelCrop.of(Conv2dGeometry.of(8, 16, 2, 2, 32, 3, 2, 1));
        assertNotNull(crop);
        assertEquals(new Conv2dGeometry(8, 16, 2, 2, 32, 2, 2, 2, 2, 0, 1, 0, 1, 1, 1, 1), crop.cropped());
        assertEquals(1, crop.cropped().outHeight());
    }

    @Test
    void kernelsWhoseEveryTapReachesTheImageAreLeftWhole() {
        assertNull(KernelCrop.of(Conv2dGeometry.of(8, 16, 2, 2, 32, 3, 1, 1)));
        assertNull(KernelCrop.of(Conv2dGeometry.of(8, 16, 7, 7, 32, 3, 1, 1)));
        assertNull(KernelCrop.of(Conv2dGeometry.of(8, 16, 7, 7, 32, 1, 1, 0)));
    }

    static Stream<Conv2dGeometry> croppableGeometries() {
        SplittableRandom r = new SplittableRandom(99);
        List<Conv2dGeometry> list = new ArrayList<>();
        list.add(Conv2dGeometry.of(3, 12, 1, 1, 10, 3, 1, 1));
        list.add(Conv2dGeometry.of(1, 12, 1, 1, 10, 3, 1, 1));
        list.add(Conv2dGeometry.of(4, 6, 2, 2, 9, 3, 2, 1));
        // More kernel planes than one chunk of the copies: cropped and expanded in parallel
        list.add(Conv2dGeometry.of(2, 512, 1, 1, 40, 3, 1, 1));
        list.add(Conv2dGeometry.of(2, 600, 2, 2, 30, 3, 2, 1));
        list.add(Conv2dGeometry.of(2, 6, 1, 3, 6, 3, 3, 1, 1, Padding.of(1), 1, 1, 3));
        while (list.size() < 60) {
            int kernelH = 1 + r.nextInt(5);
            int kernelW = 1 + r.nextInt(5);
            int dilationH = 1 + r.nextInt(2);
            int dilationW = 1 + r.nextInt(2);
            Padding padding = new Padding(r.nextInt(5), r.nextInt(5), r.nextInt(5), r.nextInt(5));
            int extentH = dilationH * (kernelH - 1) + 1;
            int extentW = dilationW * (kernelW - 1) + 1;
            int inHeight = Math.max(1, extentH - padding.totalHeight()) + r.nextInt(3);
            int inWidth = Math.max(1, extentW - padding.totalWidth()) + r.nextInt(3);
            int groups = 1 + r.nextInt(2);
            Conv2dGeometry g = Conv2dGeometry.of(1 + r.nextInt(5), groups * (1 + r.nextInt(6)), inHeight, inWidth,
                    groups * (1 + r.nextInt(6)), kernelH, kernelW, 1 + r.nextInt(3), 1 + r.nextInt(3), padding,
                    dilationH, dilationW, groups);
            if (KernelCrop.of(g) != null) {
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
    @MethodSource("croppableGeometries")
    void theCroppedConvolutionGivesTheWholeKernelsResults(Conv2dGeometry g) {
        SplittableRandom r = new SplittableRandom(g.hashCode());
        float[] x = Close.randomFloats(r, g.inputLength());
        float[] w = Close.randomFloats(r, g.weightLength());
        float[] b = Close.randomFloats(r, g.outChannels());
        float[] dy = Close.randomFloats(r, g.outputLength());
        float[] y = new float[g.outputLength()];
        Conv2dKernel.forward(g, x, w, b, y);
        assertMatches(Conv2dReference.forward(g, Close.toDouble(x), Close.toDouble(w), Close.toDouble(b)), y,
                g.columnRows(), g + " forward");
        float[] dx = new float[g.inputLength()];
        Arrays.fill(dx, Float.NaN);
        Conv2dKernel.backwardInput(g, dy, w, dx);
        assertMatches(Conv2dReference.backwardInput(g, Close.toDouble(dy), Close.toDouble(w)), dx,
                (long) g.outChannelsPerGroup() * g.kernelH() * g.kernelW(), g + " backwardInput");
        float[] dw = new float[g.weightLength()];
        float[] db = new float[g.outChannels()];
        Arrays.fill(dw, Float.NaN); // the dropped taps' zeros are written too
        Arrays.fill(db, Float.NaN);
        Conv2dKernel.backwardWeight(g, x, dy, dw, db);
        long terms = (long) g.batch() * g.columnCols();
        assertMatches(Conv2dReference.backwardWeight(g, Close.toDouble(x), Close.toDouble(dy)), dw, terms,
                g + " backwardWeight");
        assertMatches(Conv2dReference.backwardBias(g, Close.toDouble(dy)), db, terms, g + " bias");
    }
}
