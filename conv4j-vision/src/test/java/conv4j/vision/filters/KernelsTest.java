package conv4j.vision.filters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelsTest {

    private static double[] values(String name) {
        return Kernels.named(name).kernel().values();
    }

    @Test
    void theLecturesKernels() {
        assertArrayEquals(new double[] {-1, -1, -1, -1, 8, -1, -1, -1, -1}, values("edge"));
        assertArrayEquals(new double[] {0, -1, 0, -1, 5, -1, 0, -1, 0}, values("sharpen"));
        double[] g = values("gaussian");
        double[] sixteenths = {1, 2, 1, 2, 4, 2, 1, 2, 1};
        for (int i = 0; i < 9; i++) {
            assertEquals(sixteenths[i] / 16, g[i], 0.0);
        }
        assertArrayEquals(new double[] {0, 0, 0, 0, 0.5, 0, 0, 0, 0}, values("darken"));
    }

    @Test
    void thePlaygroundsKernels() {
        assertArrayEquals(new double[] {0, 0, 0, 0, 1, 0, 0, 0, 0}, values("identity"));
        assertArrayEquals(new double[] {-2, -1, 0, -1, 1, 1, 0, 1, 2}, values("emboss"));
        assertArrayEquals(new double[] {1, 2, 1, 0, 0, 0, -1, -2, -1}, values("top-sobel"));
        assertArrayEquals(new double[] {-1, -2, -1, 0, 0, 0, 1, 2, 1}, values("bottom-sobel"));
        assertArrayEquals(new double[] {1, 0, -1, 2, 0, -2, 1, 0, -1}, values("left-sobel"));
        assertArrayEquals(new double[] {-1, 0, 1, -2, 0, 2, -1, 0, 1}, values("right-sobel"));
        for (double v : values("box-blur")) {
            assertEquals(1.0 / 9, v, 1e-15);
        }
    }

    @Test
    void blursKeepFlatAreasAndEdgeDetectorsBlackenThem() {
        for (String name : List.of("identity", "sharpen", "gaussian", "box-blur", "emboss")) {
            assertEquals(1, Kernels.named(name).kernel().sum(), 1e-12, name);
        }
        for (String name : List.of("edge", "top-sobel", "bottom-sobel", "left-sobel", "right-sobel")) {
            assertEquals(0, Kernels.named(name).kernel().sum(), 0, name);
        }
    }

    @Test
    void aliasesAndCaseFindTheSameKernel() {
        assertSame(Kernels.named("edge"), Kernels.named("outline"));
        assertSame(Kernels.named("gaussian"), Kernels.named("Blur"));
        assertEquals(11, Kernels.all().size());
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernels.named("sobel"));
        assertEquals("unknown kernel 'sobel'; the named kernels are identity, edge, outline, sharpen, gaussian, blur,"
                + " box-blur, emboss, top-sobel, bottom-sobel, left-sobel, right-sobel, darken", e.getMessage());
    }

    @Test
    void aGaussianOfGivenSigmaIsNormalisedAndSymmetric() {
        ImageKernel g = Kernels.gaussian(1.0, 3);
        // centre 1 / (1 + 4 e^-1/2 + 4 e^-1) = 1 / 4.89764 by hand
        assertEquals(0.204180, g.get(1, 1), 1e-6);
        assertEquals(0.123841, g.get(0, 1), 1e-6);
        assertEquals(0.075114, g.get(0, 0), 1e-6);
        ImageKernel wide = Kernels.gaussian(2.0, Kernels.gaussianSize(2.0));
        assertEquals(13, wide.height());
        assertEquals(1, wide.sum(), 1e-12);
        for (int r = 0; r < 13; r++) {
            for (int c = 0; c < 13; c++) {
                assertEquals(wide.get(r, c), wide.get(c, r), 0.0);
                assertEquals(wide.get(r, c), wide.get(12 - r, c), 0.0);
            }
        }
        assertEquals(1.1, Kernels.gaussianSigma(5), 1e-12); // OpenCV's rule: 0.3 (2 - 1) + 0.8
    }

    @Test
    void badGaussianAndBoxSizesAreRefused() {
        assertEquals("the Gaussian kernel's size must be odd, 1 .. 101, received 4",
                assertThrows(IllegalArgumentException.class, () -> Kernels.gaussian(1, 4)).getMessage());
        assertEquals("the Gaussian's sigma must be a positive number of pixels, received 0.0",
                assertThrows(IllegalArgumentException.class, () -> Kernels.gaussian(0, 3)).getMessage());
        assertEquals("the box blur kernel's size must be odd, 1 .. 101, received 0",
                assertThrows(IllegalArgumentException.class, () -> Kernels.box(0)).getMessage());
        assertTrue(Kernels.gaussianSize(1000) <= Kernels.MAX_SIZE);
    }

    @Test
    void theMatrixIsPrintedInAlignedColumns() {
        assertEquals("[ 0 -1  0]\n[-1  5 -1]\n[ 0 -1  0]", Kernels.named("sharpen").kernel().matrix());
        assertEquals("0,-1,0;-1,5,-1;0,-1,0", Kernels.named("sharpen").kernel().text());
        assertEquals("[0.0751 0.1238 0.0751]", Kernels.gaussian(1.0, 3).matrix().lines().findFirst().orElseThrow());
    }
}
