package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
 * Winograd F(4x4, 3x3) against the double reference. Its error is measured per layer: max |y - ref| / max |ref| over
 * the whole output (or input gradient), at most 1e-4; the transforms' fractions make it larger than the direct
 * methods', and it grows with the channel count, so the shapes reach 512 channels.
 */
class WinogradConvTest {
    private static final double MAX_RELATIVE_ERROR = 1e-4;

    static Stream<Conv2dGeometry> geometries() {
        List<Conv2dGeometry> list = new ArrayList<>(List.of(
                Conv2dGeometry.of(1, 1, 4, 4, 1, 3, 1, 1),       // one tile
                Conv2dGeometry.of(1, 3, 9, 7, 5, 3, 1, 0),       // odd sizes, padding 0: one output row of tiles cut
                Conv2dGeometry.of(2, 4, 8, 8, 6, 3, 1, 1),       // whole tiles
                Conv2dGeometry.of(3, 5, 11, 13, 7, 3, 1, 2),     // padding 2: the input gradient has none
                Conv2dGeometry.of(2, 16, 3, 3, 8, 3, 1, 1),      // a map smaller than a tile
                Conv2dGeometry.of(1, 64, 14, 14, 64, 3, 1, 1),
                Conv2dGeometry.of(2, 256, 7, 7, 256, 3, 1, 1),
                Conv2dGeometry.of(1, 512, 10, 9, 512, 3, 1, 1),
                Conv2dGeometry.of(2, 512, 6, 6, 256, 3, 1, 1),
                Conv2dGeometry.of(1, 17, 30, 33, 19, 3, 1, 1),   // several lane blocks of tiles
                new Conv2dGeometry(2, 6, 9, 10, 5, 3, 3, 1, 1, 0, 2, 1, 0, 1, 1, 1))); // uneven padding
        SplittableRandom r = new SplittableRandom(2015);
        while (list.size() < 40) {
            Padding p = new Padding(r.nextInt(3), r.nextInt(3), r.nextInt(3), r.nextInt(3));
            int inH = Math.max(1, 3 - p.totalHeight()) + r.nextInt(20);
            int inW = Math.max(1, 3 - p.totalWidth()) + r.nextInt(20);
            list.add(Conv2dGeometry.of(1 + r.nextInt(3), 1 + r.nextInt(48), inH, inW, 1 + r.nextInt(48), 3, 3, 1, 1,
                    p, 1, 1, 1));
        }
        return list.stream();
    }

    private static List<WinogradTransforms> transforms() {
        List<WinogradTransforms> list = new ArrayList<>();
        list.add(WinogradConv.scalar());
        if (WinogradConv.vectorOrNull() != null) {
            list.add(WinogradConv.vectorOrNull());
        }
        return list;
    }

    static double relativeError(double[] expected, float[] actual) {
        double maxRef = 0;
        double maxErr = 0;
        for (int i = 0; i < expected.length; i++) {
            maxRef = Math.max(maxRef, Math.abs(expected[i]));
            maxErr = Math.max(maxErr, Math.abs(actual[i] - expected[i]));
        }
        return maxErr / maxRef;
    }

    private record Case(Conv2dGeometry g, float[] x, float[] w, float[] b, float[] dy) {
        static Case random(Conv2dGeometry g, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            return new Case(g, Close.randomFloats(r, g.inputLength()), Close.randomFloats(r, g.weightLength()),
                    Close.randomFloats(r, g.outChannels()), Close.randomFloats(r, g.outputLength()));
        }

        float[] forward(WinogradTransforms t, boolean withBias, int maxBandFloats) {
            float[] y = new float[g.outputLength()];
            Arrays.fill(y, Float.NaN); // overwritten, never accumulated into
            WinogradConv.forward(t, g, x, w, withBias ? b : null, y, maxBandFloats);
            return y;
        }

        float[] backwardInput(WinogradTransforms t, int maxBandFloats) {
            float[] dx = new float[g.inputLength()];
            Arrays.fill(dx, Float.NaN);
            WinogradConv.backwardInput(t, g, dy, w, dx, maxBandFloats);
            return dx;
        }
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void forwardMatchesReference(Conv2dGeometry g) {
        Case c = Case.random(g, g.hashCode());
        double[] x = Close.toDouble(c.x);
        double[] w = Close.toDouble(c.w);
        double[] withBias = Conv2dReference.forward(g, x, w, Close.toDouble(c.b));
        double[] withoutBias = Conv2dReference.forward(g, x, w, null);
        for (WinogradTransforms t : transforms()) {
            double e = relativeError(withBias, c.forward(t, true, WinogradConv.MAX_BAND_FLOATS));
            assertTrue(e <= MAX_RELATIVE_ERROR, g + " forward with " + t.name() + ": relative error " + e);
            e = relativeError(withoutBias, c.forward(t, false, WinogradConv.MAX_BAND_FLOATS));
            assertTrue(e <= MAX_RELATIVE_ERROR, g + " forward without bias, " + t.name() + ": relative error " + e);
        }
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void inputGradientMatchesReference(Conv2dGeometry g) {
        Assumptions.assumeTrue(WinogradConv.computesInputGradient(g));
        Case c = Case.random(g, g.hashCode() + 1);
        double[] expected = Conv2dReference.backwardInput(g, Close.toDouble(c.dy), Close.toDouble(c.w));
        for (WinogradTransforms t : transforms()) {
            double e = relativeError(expected, c.backwardInput(t, WinogradConv.MAX_BAND_FLOATS));
            assertTrue(e <= MAX_RELATIVE_ERROR, g + " backwardInput with " + t.name() + ": relative error " + e);
        }
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void vectorAndScalarTransformsGiveTheSameBits(Conv2dGeometry g) {
        Assumptions.assumeTrue(WinogradConv.vectorOrNull() != null, "no Vector API in this JVM");
        Case c = Case.random(g, 5);
        WinogradTransforms vector = WinogradConv.vectorOrNull();
        WinogradTransforms scalar = WinogradConv.scalar();
        int band = WinogradConv.MAX_BAND_FLOATS;
        assertArrayEquals(c.forward(scalar, true, band), c.forward(vector, true, band), g + " forward");
        if (WinogradConv.computesInputGradient(g)) {
            assertArrayEquals(c.backwardInput(scalar, band), c.backwardInput(vector, band), g + " backwardInput");
        }
    }

    // Bands of a few tiles, one tile and a whole batch: each GEMM column is one tile whatever its neighbours.
    @Test
    void bandsOfAnySizeGiveTheSameBits() {
        Conv2dGeometry g = Conv2dGeometry.of(3, 12, 13, 18, 10, 3, 1, 1);
        Case c = Case.random(g, 9);
        float[] whole = c.forward(WinogradConv.preferred(), true, Integer.MAX_VALUE);
        float[] wholeDx = c.backwardInput(WinogradConv.preferred(), Integer.MAX_VALUE);
        for (int tiles : new int[] {1, 7, 40}) {
            int floats = 36 * (g.inChannels() + g.outChannels()) * tiles;
            assertArrayEquals(whole, c.forward(WinogradConv.preferred(), true, floats), tiles + " tiles a band");
            assertArrayEquals(wholeDx, c.backwardInput(WinogradConv.preferred(), floats), tiles + " tiles a band");
        }
    }

    @Test
    void oneImageGetsTheBitsItGetsInsideABatch() {
        Conv2dGeometry g = Conv2dGeometry.of(Math.max(3, Parallel.threads() + 1), 20, 9, 11, 24, 3, 1, 1);
        Case batch = Case.random(g, 8);
        Conv2dGeometry one = g.withBatch(1);
        int image = g.inChannels() * g.inHeight() * g.inWidth();
        int outImage = g.outChannels() * g.outHeight() * g.outWidth();
        float[] y = batch.forward(WinogradConv.preferred(), true, WinogradConv.MAX_BAND_FLOATS);
        float[] dx = batch.backwardInput(WinogradConv.preferred(), WinogradConv.MAX_BAND_FLOATS);
        for (int n = 0; n < g.batch(); n++) {
            Case alone = new Case(one, Arrays.copyOfRange(batch.x, n * image, (n + 1) * image), batch.w, batch.b,
                    Arrays.copyOfRange(batch.dy, n * outImage, (n + 1) * outImage));
            assertArrayEquals(Arrays.copyOfRange(y, n * outImage, (n + 1) * outImage),
                    alone.forward(WinogradConv.preferred(), true, WinogradConv.MAX_BAND_FLOATS), "image " + n);
            assertArrayEquals(Arrays.copyOfRange(dx, n * image, (n + 1) * image),
                    alone.backwardInput(WinogradConv.preferred(), WinogradConv.MAX_BAND_FLOATS), "image " + n);
        }
    }

    private static float[] conv(Conv2dGeometry g, float[] x, float[] kernel) {
        float[] y = new float[g.outputLength()];
        WinogradConv.forward(g, x, kernel, null, y);
        return y;
    }

    private static void assertNear(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4 * Math.max(1, Math.abs(expected[i])), "index " + i);
        }
    }

    private static float[] repeatRows(int rows, float... row) {
        float[] out = new float[rows * row.length];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(row, 0, out, r * row.length, row.length);
        }
        return out;
    }

    // SEED-EXAMPLES.md section 3: the fractions of G make the integers come out within rounding, not exact.
    @Test
    void lectureZeroPaddingOneKeepsFourByFour() {
        float[] x = {1, 3, -1, 2, 2, -2, 0, 1, 1, 4, 0, -1, -1, 0, 3, 2};
        float[] kernel = {0, 1, 0, 1, -1, 1, 0, 1, 0};
        float[] expected = {4, -5, 6, -2, -2, 11, -2, 0, 4, -5, 6, 4, 2, 6, -1, 0};
        assertNear(expected, conv(Conv2dGeometry.of(1, 1, 4, 4, 1, 3, 1, 1), x, kernel));
    }

    // Section 4: the vertical-edge kernel on a step, valid and same padding.
    @Test
    void lectureVerticalEdgeValidAndSame() {
        float[] step = repeatRows(5, 10, 10, 10, 0, 0);
        float[] edge = repeatRows(3, 1, 0, -1);
        assertNear(repeatRows(3, 0, 30, 30), conv(Conv2dGeometry.of(1, 1, 5, 5, 1, 3, 1, 0), step, edge));
        float[] same = new float[25];
        System.arraycopy(new float[] {-20, 0, 20, 20, 0}, 0, same, 0, 5);
        System.arraycopy(repeatRows(3, -30, 0, 30, 30, 0), 0, same, 5, 15);
        System.arraycopy(new float[] {-20, 0, 20, 20, 0}, 0, same, 20, 5);
        assertNear(same, conv(Conv2dGeometry.same(1, 1, 5, 5, 1, 3, 1), step, edge));
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void appliesOnlyWhereItComputes(Conv2dGeometry g) {
        assertTrue(!WinogradConv.applies(g) || WinogradConv.computes(g), g.toString());
        assertTrue(!WinogradConv.appliesToInputGradient(g) || WinogradConv.computesInputGradient(g), g.toString());
    }

    @Test
    void refusesWhatF4x4x3x3DoesNotCompute() {
        Conv2dGeometry strided = Conv2dGeometry.of(1, 2, 8, 8, 2, 3, 2, 1);
        Conv2dGeometry fiveByFive = Conv2dGeometry.of(1, 2, 8, 8, 2, 5, 1, 2);
        Conv2dGeometry padThree = Conv2dGeometry.of(1, 2, 8, 8, 2, 3, 1, 3);
        assertTrue(!WinogradConv.computes(strided) && !WinogradConv.computes(fiveByFive));
        assertTrue(WinogradConv.computes(padThree) && !WinogradConv.computesInputGradient(padThree));
        assertThrows(IllegalArgumentException.class, () -> WinogradConv.forward(strided, new float[128],
                new float[36], null, new float[32]));
        assertThrows(IllegalArgumentException.class, () -> WinogradConv.backwardInput(padThree, new float[288],
                new float[36], new float[128]));
    }
}
