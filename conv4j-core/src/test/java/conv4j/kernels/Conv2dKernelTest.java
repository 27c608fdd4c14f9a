package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.testkit.Close;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The float32 im2col + GEMM kernel against the double reference. */
class Conv2dKernelTest {

    static Stream<Conv2dGeometry> chosenGeometries() {
        return Stream.of(
                Conv2dGeometry.of(1, 1, 28, 28, 6, 5, 1, 2),                       // LeNet C1, batch 1
                Conv2dGeometry.of(4, 6, 14, 14, 16, 5, 1, 0),                      // LeNet C3
                Conv2dGeometry.of(8, 32, 12, 12, 48, 3, 1, 1),                     // batch-parallel, many channels
                Conv2dGeometry.of(4, 64, 6, 6, 64, 3, 1, 1),                       // 36,864 weights: split reduction
                Conv2dGeometry.of(5, 64, 6, 7, 40, 1, 1, 0),                       // pointwise, odd batch
                Conv2dGeometry.of(3, 16, 9, 9, 24, 1, 2, 0),                       // strided 1x1 (ResNet shortcut)
                Conv2dGeometry.of(6, 8, 11, 13, 8, 3, 3, 2, 2, Padding.same(11, 13, 3, 2), 1, 1, 8), // depthwise
                Conv2dGeometry.of(4, 12, 10, 9, 18, 3, 3, 1, 1, Padding.of(2), 2, 2, 3), // dilated, grouped
                Conv2dGeometry.of(2, 24, 8, 8, 16, 1, 1, 1, 1, Padding.valid(), 1, 1, 4),  // grouped pointwise
                new Conv2dGeometry(7, 3, 15, 10, 5, 4, 2, 3, 1, 1, 2, 0, 1, 1, 3, 1), // everything uneven
                Conv2dGeometry.of(16, 3, 32, 32, 16, 7, 2, 3));                    // batch of 16, 7x7 stride 2
    }

    static Stream<Conv2dGeometry> randomGeometries() {
        SplittableRandom r = new SplittableRandom(2024);
        List<Conv2dGeometry> list = new ArrayList<>();
        while (list.size() < 150) {
            boolean depthwise = r.nextInt(5) == 0;
            int groups = depthwise ? 1 + r.nextInt(6) : 1 + r.nextInt(3);
            int inChannels = groups * (depthwise ? 1 : 1 + r.nextInt(5));
            int outChannels = groups * (1 + r.nextInt(depthwise ? 2 : 5));
            int kernelH = 1 + r.nextInt(5);
            int kernelW = 1 + r.nextInt(5);
            int dilationH = 1 + r.nextInt(2);
            int dilationW = 1 + r.nextInt(2);
            Padding padding = new Padding(r.nextInt(3), r.nextInt(3), r.nextInt(3), r.nextInt(3));
            int extentH = dilationH * (kernelH - 1) + 1;
            int extentW = dilationW * (kernelW - 1) + 1;
            int inHeight = Math.max(1, extentH - padding.totalHeight()) + r.nextInt(9);
            int inWidth = Math.max(1, extentW - padding.totalWidth()) + r.nextInt(9);
            list.add(Conv2dGeometry.of(1 + r.nextInt(6), inChannels, inHeight, inWidth, outChannels,
                    kernelH, kernelW, 1 + r.nextInt(3), 1 + r.nextInt(3), padding, dilationH, dilationW, groups));
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

    /*
     * Float32 against double: each output sums `terms` products of values in [-1, 1). The rounding error of such a
     * sum grows with its length (about sqrt(terms) ulps of the running sum in practice), so the absolute tolerance
     * scales with sqrt(terms) from 1e-5 at 16 terms; the relative tolerance stays 1e-4.
     */
    private static void assertMatches(double[] expected, float[] actual, long terms, String what) {
        double atol = 1e-5 * Math.max(1, Math.sqrt(terms / 16.0));
        Close.assertClose(expected, actual, 1e-4, atol, what);
    }

    private static void assertMatchesReference(Case c, int maxColumnFloats) {
        Conv2dGeometry g = c.g;
        double[] x = Close.toDouble(c.x);
        double[] w = Close.toDouble(c.w);
        double[] dy = Close.toDouble(c.dy);
        long windowTerms = (long) g.columnRows();
        long imageTerms = (long) g.batch() * g.columnCols();

        float[] y = new float[g.outputLength()];
        Im2colConv.forward(g, c.x, c.w, c.b, y, maxColumnFloats);
        assertMatches(Conv2dReference.forward(g, x, w, Close.toDouble(c.b)), y, windowTerms, g + " forward");

        float[] noBias = new float[g.outputLength()];
        Im2colConv.forward(g, c.x, c.w, null, noBias, maxColumnFloats);
        assertMatches(Conv2dReference.forward(g, x, w, null), noBias, windowTerms, g + " forward without bias");

        float[] dx = new float[g.inputLength()];
        Arrays.fill(dx, Float.NaN); // overwritten, never accumulated into
        Im2colConv.backwardInput(g, c.dy, c.w, dx, maxColumnFloats);
        long inputTerms = (long) g.outChannelsPerGroup() * g.kernelH() * g.kernelW();
        assertMatches(Conv2dReference.backwardInput(g, dy, w), dx, inputTerms, g + " backwardInput");

        float[] dw = new float[g.weightLength()];
        float[] db = new float[g.outChannels()];
        Arrays.fill(dw, Float.NaN);
        Arrays.fill(db, Float.NaN);
        Im2colConv.backwardWeight(g, c.x, c.dy, dw, db, maxColumnFloats);
        assertMatches(Conv2dReference.backwardWeight(g, x, dy), dw, imageTerms, g + " backwardWeight");
        assertMatches(Conv2dReference.backwardBias(g, dy), db, imageTerms, g + " bias gradient");

        float[] dwOnly = new float[g.weightLength()];
        Im2colConv.backwardWeight(g, c.x, c.dy, dwOnly, null, maxColumnFloats);
        assertArrayEquals(dw, dwOnly, g + ": the weight gradient must not depend on asking for the bias's");
    }

    @ParameterizedTest
    @MethodSource("chosenGeometries")
    void matchesReferenceOnChosenGeometries(Conv2dGeometry g) {
        assertMatchesReference(Case.random(g, 11), Im2colConv.MAX_COLUMN_FLOATS);
    }

    @ParameterizedTest
    @MethodSource("randomGeometries")
    void matchesReferenceOnRandomGeometries(Conv2dGeometry g) {
        assertMatchesReference(Case.random(g, g.hashCode()), Im2colConv.MAX_COLUMN_FLOATS);
    }

    // A tiny column cap forces images to be unfolded a few output rows (or one row) at a time.
    @ParameterizedTest
    @MethodSource("chosenGeometries")
    void matchesReferenceWhenUnfoldedInBands(Conv2dGeometry g) {
        assertMatchesReference(Case.random(g, 12), 3 * g.columnRows() * g.outWidth());
        assertMatchesReference(Case.random(g, 13), 1);
    }

    @Test
    void bothParallelStrategiesAreExercised() {
        Assumptions.assumeTrue(Parallel.threads() > 1, "one thread: there is nothing to split");
        assertTrue(Im2colConv.batchParallel(Conv2dGeometry.of(Parallel.threads(), 3, 8, 8, 4, 3, 1, 1)));
        assertTrue(!Im2colConv.batchParallel(Conv2dGeometry.of(Parallel.threads() - 1, 3, 8, 8, 4, 3, 1, 1)));
    }

    @Test
    void repeatedRunsAreBitIdentical() {
        for (Conv2dGeometry g : List.of(Conv2dGeometry.of(8, 16, 12, 12, 24, 3, 1, 1),
                Conv2dGeometry.of(1, 16, 12, 12, 24, 3, 1, 1), Conv2dGeometry.of(5, 32, 7, 7, 16, 1, 1, 0),
                Conv2dGeometry.of(4, 64, 6, 6, 64, 3, 1, 1))) {
            Case c = Case.random(g, 21);
            float[][] first = runAll(c);
            float[][] second = runAll(c);
            for (int i = 0; i < first.length; i++) {
                assertArrayEquals(first[i], second[i], g + " output " + i);
            }
        }
    }

    private static float[][] runAll(Case c) {
        Conv2dGeometry g = c.g;
        float[] y = new float[g.outputLength()];
        float[] dx = new float[g.inputLength()];
        float[] dw = new float[g.weightLength()];
        float[] db = new float[g.outChannels()];
        Conv2dKernel.forward(g, c.x, c.w, c.b, y);
        Conv2dKernel.backwardInput(g, c.dy, c.w, dx);
        Conv2dKernel.backwardWeight(g, c.x, c.dy, dw, db);
        return new float[][] {y, dx, dw, db};
    }

    @Test
    void warmCallsAllocateNoColumnBuffers() {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled());
        // batch 1 runs on this thread, so its allocations are the ones counted; the column matrix is 1.2 MB
        Conv2dGeometry g = Conv2dGeometry.of(1, 32, 32, 32, 32, 3, 1, 1);
        Case c = Case.random(g, 31);
        long id = Thread.currentThread().getId();
        long arrays = 4L * (g.outputLength() + g.inputLength() + g.weightLength() + g.outChannels());
        // Until C2 has compiled (or, after a deoptimisation, recompiled) the Vector API kernels, the interpreter
        // allocates a box per vector operation; on a busy machine that takes a while, so the claim is about the
        // least a call allocates once warm, waiting up to ten seconds for the compiler.
        long allocated = Long.MAX_VALUE;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (allocated - arrays >= 64 * 1024 && System.nanoTime() < deadline) {
            long before = bean.getThreadAllocatedBytes(id);
            runAll(c);
            allocated = Math.min(allocated, bean.getThreadAllocatedBytes(id) - before);
        }
        assertTrue(allocated - arrays < 64 * 1024, "a warm call allocated " + (allocated - arrays)
                + " bytes beyond its output arrays");
    }

    @Test
    void arraysOfTheWrongLengthAreRefusedByName() {
        Conv2dGeometry g = Conv2dGeometry.of(2, 3, 5, 5, 4, 3, 1, 1);
        float[] x = new float[g.inputLength()];
        float[] w = new float[g.weightLength()];
        float[] y = new float[g.outputLength()];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Conv2dKernel.forward(g, new float[149], w, null, y));
        assertEquals("forward: x has 149 values, the geometry needs 2x3x5x5 = 150", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Conv2dKernel.forward(g, x, new float[27], null, y));
        assertEquals("forward: weight has 27 values, the geometry needs 4x3x3x3 = 108", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Conv2dKernel.forward(g, x, w, new float[3], y));
        assertEquals("forward: bias has 3 values, the geometry needs 4 = 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Conv2dKernel.forward(g, x, w, null, new float[1]));
        assertTrue(e.getMessage().startsWith("forward: y has 1 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Conv2dKernel.backwardInput(g, y, w, new float[151]));
        assertEquals("backwardInput: dx has 151 values, the geometry needs 2x3x5x5 = 150", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Conv2dKernel.backwardWeight(g, x, new float[7], w, null));
        assertEquals("backwardWeight: dy has 7 values, the geometry needs 2x4x5x5 = 200", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Conv2dKernel.backwardWeight(g, x, y, w, new float[5]));
        assertEquals("backwardWeight: dBias has 5 values, the geometry needs 4 = 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Conv2dKernel.forward(g, null, w, null, y));
        assertEquals("forward: x is null, expected 2x3x5x5 values", e.getMessage());
    }
}
