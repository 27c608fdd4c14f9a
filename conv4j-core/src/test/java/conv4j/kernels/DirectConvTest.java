package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.testkit.Close;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The convolutions that skip im2col (the padded-image direct method and the full-window product) against the double
 * reference, on LeNet-5's layers and on random stride-1 shapes, with the scalar tiles and every vector tile set.
 */
class DirectConvTest {

    static Stream<Conv2dGeometry> lenetGeometries() {
        return Stream.of(
                Conv2dGeometry.of(64, 1, 28, 28, 6, 5, 1, 2),   // C1 at the training batch
                Conv2dGeometry.of(1, 1, 28, 28, 6, 5, 1, 2),    // C1, one image
                Conv2dGeometry.of(3, 1, 28, 28, 6, 5, 1, 2),    // C1, an odd batch
                Conv2dGeometry.of(64, 6, 14, 14, 16, 5, 1, 0),  // C3
                Conv2dGeometry.of(1, 6, 14, 14, 16, 5, 1, 0),
                Conv2dGeometry.of(64, 16, 5, 5, 120, 5, 1, 0),  // C5: the window covers the input
                Conv2dGeometry.of(1, 16, 5, 5, 120, 5, 1, 0),
                Conv2dGeometry.of(4, 3, 12, 20, 12, 3, 1, 1),   // two panels of wide tiles
                Conv2dGeometry.of(4, 3, 12, 20, 24, 3, 1, 1),   // three panels of 8-row tiles
                Conv2dGeometry.of(3, 1, 28, 28, 8, 3, 1, 1),    // weight gradient by rows: 8 channels, 9 taps
                Conv2dGeometry.of(4, 64, 8, 8, 64, 3, 1, 1));   // ResNet-18's first stage on CIFAR: the longest window
    }

    static Stream<Conv2dGeometry> randomStrideOneGeometries() {
        SplittableRandom r = new SplittableRandom(77);
        List<Conv2dGeometry> list = new ArrayList<>();
        while (list.size() < 80) {
            int kernelH = 1 + r.nextInt(6);
            int kernelW = 1 + r.nextInt(6);
            // Padding up to the kernel size, so that some input gradients need the im2col path.
            Padding padding = new Padding(r.nextInt(kernelH + 1), r.nextInt(kernelH + 1), r.nextInt(kernelW + 1),
                    r.nextInt(kernelW + 1));
            int inHeight = Math.max(1, kernelH - padding.totalHeight()) + r.nextInt(12);
            int inWidth = Math.max(1, kernelW - padding.totalWidth()) + r.nextInt(40);
            list.add(Conv2dGeometry.of(1 + r.nextInt(5), 1 + r.nextInt(9), inHeight, inWidth, 1 + r.nextInt(40),
                    kernelH, kernelW, 1, 1, padding, 1, 1, 1));
        }
        return list.stream();
    }

    static Stream<Conv2dGeometry> allGeometries() {
        return Stream.concat(lenetGeometries(), randomStrideOneGeometries());
    }

    /** The scalar twin, then every vector tile set of the table at this JVM's width, whichever runs here. */
    private static List<ConvTiles> tiles() {
        List<ConvTiles> list = new ArrayList<>();
        list.add(DirectConv.scalar());
        list.addAll(vectorTiles());
        return list;
    }

    private static List<ConvTiles> vectorTiles() {
        // VectorConvTiles is only loaded where the incubator module is, as in DirectConv
        return DirectConv.vectorOrNull() == null ? List.of() : VectorConvTiles.all();
    }

    /** As in Conv2dKernelTest: the absolute tolerance grows with the square root of the number of terms. */
    private static void assertMatches(double[] expected, float[] actual, long terms, String what) {
        double atol = 1e-5 * Math.max(1, Math.sqrt(terms / 16.0));
        Close.assertClose(expected, actual, 1e-4, atol, what);
    }

    private record Case(Conv2dGeometry g, float[] x, float[] w, float[] b, float[] dy) {
        static Case random(Conv2dGeometry g, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            return new Case(g, Close.randomFloats(r, g.inputLength()), Close.randomFloats(r, g.weightLength()),
                    Close.randomFloats(r, g.outChannels()), Close.randomFloats(r, g.outputLength()));
        }

        float[] forward(ConvTiles tiles, boolean withBias) {
            float[] y = new float[g.outputLength()];
            Arrays.fill(y, Float.NaN); // overwritten, never accumulated into
            DirectConv.forward(tiles, g, x, w, withBias ? b : null, y);
            return y;
        }

        float[] backwardInput(ConvTiles tiles) {
            float[] dx = new float[g.inputLength()];
            Arrays.fill(dx, Float.NaN);
            DirectConv.backwardInput(tiles, g, dy, w, dx);
            return dx;
        }

        float[][] backwardWeight(ConvTiles tiles, boolean withBias) {
            float[] dw = new float[g.weightLength()];
            float[] db = withBias ? new float[g.outChannels()] : null;
            Arrays.fill(dw, Float.NaN);
            if (db != null) {
                Arrays.fill(db, Float.NaN);
            }
            DirectConv.backwardWeight(tiles, g, x, dy, dw, db);
            return new float[][] {dw, db};
        }
    }

    @ParameterizedTest
    @MethodSource("allGeometries")
    void directMethodMatchesReference(Conv2dGeometry g) {
        Assumptions.assumeTrue(DirectConv.applies(g), "not a direct-method geometry");
        Case c = Case.random(g, g.hashCode());
        double[] x = Close.toDouble(c.x);
        double[] w = Close.toDouble(c.w);
        double[] dy = Close.toDouble(c.dy);
        double[] forward = Conv2dReference.forward(g, x, w, Close.toDouble(c.b));
        double[] forwardNoBias = Conv2dReference.forward(g, x, w, null);
        double[] dw = Conv2dReference.backwardWeight(g, x, dy);
        double[] db = Conv2dReference.backwardBias(g, dy);
        long imageTerms = (long) g.batch() * g.columnCols();
        for (ConvTiles tiles : tiles()) {
            String what = g + " with " + tiles.name();
            assertMatches(forward, c.forward(tiles, true), g.columnRows(), what + " forward");
            assertMatches(forwardNoBias, c.forward(tiles, false), g.columnRows(), what + " forward without bias");
            float[][] grads = c.backwardWeight(tiles, true);
            assertMatches(dw, grads[0], imageTerms, what + " backwardWeight");
            assertMatches(db, grads[1], imageTerms, what + " bias gradient");
            assertArrayEquals(grads[0], c.backwardWeight(tiles, false)[0],
                    what + ": the weight gradient must not depend on asking for the bias's");
            if (DirectConv.appliesToInputGradient(g)) {
                long inputTerms = (long) g.outChannels() * g.kernelH() * g.kernelW();
                assertMatches(Conv2dReference.backwardInput(g, dy, w), c.backwardInput(tiles), inputTerms,
                        what + " backwardInput");
            }
        }
    }

    // Every tile shape, at every vector width the build runs, against the scalar twin: tile shapes and widths never
    // change a result.
    @ParameterizedTest
    @MethodSource("allGeometries")
    void vectorAndScalarTilesGiveTheSameBits(Conv2dGeometry g) {
        Assumptions.assumeTrue(DirectConv.vectorOrNull() != null, "no Vector API in this JVM");
        Assumptions.assumeTrue(DirectConv.applies(g), "not a direct-method geometry");
        Case c = Case.random(g, 5);
        ConvTiles scalar = DirectConv.scalar();
        float[] forward = c.forward(scalar, true);
        float[][] s = c.backwardWeight(scalar, true);
        float[] dx = DirectConv.appliesToInputGradient(g) ? c.backwardInput(scalar) : null;
        for (ConvTiles vector : vectorTiles()) {
            String what = g + " with " + vector.name();
            assertArrayEquals(forward, c.forward(vector, true), what + " forward");
            float[][] v = c.backwardWeight(vector, true);
            assertArrayEquals(s[0], v[0], what + " backwardWeight");
            assertArrayEquals(s[1], v[1], what + " bias gradient");
            if (dx != null) {
                assertArrayEquals(dx, c.backwardInput(vector), what + " backwardInput");
            }
        }
    }

    @Test
    void theTilesThatRunAreTheTableRowForThisVectorUnit() {
        Assumptions.assumeTrue(DirectConv.vectorOrNull() != null, "no Vector API in this JVM");
        assertEquals(VectorConvTiles.forVectorUnit(Simd.bits(), Simd.registers()).name(),
                DirectConv.preferred().name());
    }

    // A tile's inner loop holds its accumulators, the vectors it loads and one broadcast value (a row tile's gradient
    // vector): past the register file, it spills.
    @Test
    void everyVectorUnitGetsTilesThatFitItsRegisters() {
        Assumptions.assumeTrue(DirectConv.vectorOrNull() != null, "no Vector API in this JVM");
        int lanes = Simd.floats();
        for (int[] unit : new int[][] {{128, 16}, {256, 16}, {128, 32}, {256, 32}, {512, 32}}) {
            int registers = unit[1];
            ConvTiles t = VectorConvTiles.forVectorUnit(unit[0], registers);
            String what = t.name() + " for " + registers + " registers of " + unit[0] + " bits";
            int vectors = t.nr() / lanes;
            int wideVectors = t.wideNr() / lanes;
            assertTrue(t.mr() * vectors + vectors + 1 <= registers, what + ": forward tile");
            assertTrue(t.wideMr() * wideVectors + wideVectors + 1 <= registers, what + ": wide forward tile");
            assertTrue(t.weightTaps() + 2 <= registers, what + ": weight tile");
            assertTrue(t.rowChannels() * t.rowTaps() + t.rowTaps() + 1 <= registers, what + ": row tile");
        }
    }

    // With fewer images than threads, each image's output channels are split over the pool instead of the images:
    // an image must get the bits it gets inside a batch of one image per thread.
    @Test
    void oneImageGetsTheBitsItGetsInsideABatch() {
        for (Conv2dGeometry g : List.of(Conv2dGeometry.of(Math.max(2, Parallel.threads()), 24, 9, 11, 40, 3, 1, 1),
                Conv2dGeometry.of(Math.max(2, Parallel.threads()), 6, 14, 14, 12, 5, 1, 2))) {
            Case batch = Case.random(g, 8);
            Conv2dGeometry one = g.withBatch(1);
            int image = g.inChannels() * g.inHeight() * g.inWidth();
            int outImage = g.outChannels() * g.outHeight() * g.outWidth();
            for (ConvTiles tiles : tiles()) {
                float[] y = batch.forward(tiles, true);
                float[] dx = batch.backwardInput(tiles);
                for (int n = 0; n < g.batch(); n++) {
                    Case alone = new Case(one, Arrays.copyOfRange(batch.x, n * image, (n + 1) * image), batch.w,
                            batch.b, Arrays.copyOfRange(batch.dy, n * outImage, (n + 1) * outImage));
                    assertArrayEquals(Arrays.copyOfRange(y, n * outImage, (n + 1) * outImage),
                            alone.forward(tiles, true), g + " forward, image " + n + ", " + tiles.name());
                    assertArrayEquals(Arrays.copyOfRange(dx, n * image, (n + 1) * image), alone.backwardInput(tiles),
                            g + " backwardInput, image " + n + ", " + tiles.name());
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("allGeometries")
    void fullWindowMethodMatchesReference(Conv2dGeometry g) {
        Assumptions.assumeTrue(FullWindowConv.applies(g), "the window does not cover the input");
        Case c = Case.random(g, 3);
        double[] x = Close.toDouble(c.x);
        double[] w = Close.toDouble(c.w);
        double[] dy = Close.toDouble(c.dy);
        float[] y = new float[g.outputLength()];
        Conv2dKernel.forward(ConvMethod.FULL_WINDOW, g, c.x, c.w, c.b, y);
        assertMatches(Conv2dReference.forward(g, x, w, Close.toDouble(c.b)), y, g.columnRows(), g + " forward");
        float[] dx = new float[g.inputLength()];
        Conv2dKernel.backwardInput(ConvMethod.FULL_WINDOW, g, c.dy, c.w, dx);
        assertMatches(Conv2dReference.backwardInput(g, dy, w), dx, g.outChannels(), g + " backwardInput");
        float[] dw = new float[g.weightLength()];
        float[] db = new float[g.outChannels()];
        Conv2dKernel.backwardWeight(ConvMethod.FULL_WINDOW, g, c.x, c.dy, dw, db);
        assertMatches(Conv2dReference.backwardWeight(g, x, dy), dw, g.batch(), g + " backwardWeight");
        assertMatches(Conv2dReference.backwardBias(g, dy), db, g.batch(), g + " bias gradient");
    }

    @Test
    void eachPassTakesTheMethodMeasuredFastest() {
        assertEquals(ConvMethod.DIRECT, ConvMethod.choose(ConvPass.FORWARD, Conv2dGeometry.of(64, 1, 28, 28, 6, 5, 1, 2)));
        assertEquals(ConvMethod.DIRECT, ConvMethod.choose(ConvPass.FORWARD, Conv2dGeometry.of(64, 6, 14, 14, 16, 5, 1, 0)));
        assertEquals(ConvMethod.DIRECT, ConvMethod.choose(ConvPass.INPUT_GRADIENT, Conv2dGeometry.of(64, 6, 14, 14, 16, 5, 1, 0)));
        assertEquals(ConvMethod.DIRECT, ConvMethod.choose(ConvPass.WEIGHT_GRADIENT, Conv2dGeometry.of(64, 6, 14, 14, 16, 5, 1, 0)));
        assertEquals(ConvMethod.FULL_WINDOW, ConvMethod.choose(ConvPass.FORWARD, Conv2dGeometry.of(64, 16, 5, 5, 120, 5, 1, 0)));
        assertEquals(ConvMethod.FULL_WINDOW,
                ConvMethod.choose(ConvPass.WEIGHT_GRADIENT, Conv2dGeometry.of(64, 16, 5, 5, 120, 5, 1, 0)));
        // ResNet's 64-channel 3x3: no im2col in any pass (Winograd, where the width's thresholds take it, or the
        // direct method); from 128 channels, im2col + GEMM for the weights
        Conv2dGeometry resnet = Conv2dGeometry.of(8, 64, 56, 56, 64, 3, 1, 1);
        for (ConvPass pass : new ConvPass[] {ConvPass.FORWARD, ConvPass.INPUT_GRADIENT}) {
            ConvMethod method = ConvMethod.choose(pass, resnet);
            assertTrue(method == ConvMethod.DIRECT || method == ConvMethod.WINOGRAD, pass + ": " + method);
        }
        assertEquals(ConvMethod.DIRECT, ConvMethod.choose(ConvPass.WEIGHT_GRADIENT, resnet));
        assertEquals(ConvMethod.IM2COL, ConvMethod.choose(ConvPass.WEIGHT_GRADIENT, Conv2dGeometry.of(8, 128, 28, 28, 128, 3, 1,
                1)));
        assertEquals(ConvMethod.IM2COL, ConvMethod.choose(ConvPass.FORWARD, Conv2dGeometry.of(8, 3, 32, 32, 16, 3, 2, 1)));
        // padding of the kernel size: the input gradient would need negative padding
        assertEquals(ConvMethod.IM2COL, ConvMethod.choose(ConvPass.INPUT_GRADIENT, Conv2dGeometry.of(2, 3, 8, 8, 4, 3, 1, 3)));
    }

    @Test
    void lenetWeightGradientsTakeBothLayouts() {
        assertEquals(true, WeightGradientLayout.byRows(Conv2dGeometry.of(64, 1, 28, 28, 6, 5, 1, 2)),
                "C1: 6 channels, 28 columns");
        assertEquals(false, WeightGradientLayout.byRows(Conv2dGeometry.of(64, 6, 14, 14, 16, 5, 1, 0)),
                "C3: 16 channels, 10 columns");
    }

    @Test
    void repeatedRunsAreBitIdentical() {
        for (Conv2dGeometry g : lenetGeometries().toList()) {
            Case c = Case.random(g, 21);
            for (ConvTiles tiles : tiles()) {
                assertArrayEquals(c.forward(tiles, true), c.forward(tiles, true), g + " forward");
                assertArrayEquals(c.backwardWeight(tiles, true)[0], c.backwardWeight(tiles, true)[0],
                        g + " backwardWeight");
                if (DirectConv.applies(g)) {
                    assertArrayEquals(c.backwardInput(tiles), c.backwardInput(tiles), g + " backwardInput");
                }
            }
        }
    }
}
