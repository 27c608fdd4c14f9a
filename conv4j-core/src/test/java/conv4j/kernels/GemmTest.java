package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import conv4j.testkit.Close;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GemmTest {
    private static final boolean[] BOOLS = {false, true};

    /**
     * Every kernel this JVM can run: a vector kernel of every tile shape at this JVM's width, unless the scalar kernels
     * run, and the scalar kernel. A shape chosen for another register file still computes here, only slower.
     */
    static Stream<Named<GemmMicroKernel>> kernels() {
        return Stream.concat(GemmMicroKernels.everyVectorKernel().stream(), Stream.of(GemmMicroKernels.scalar()))
                .map(k -> Named.of(k.name(), k));
    }

    /** One call: sizes, transposes, scalars and the layout of each matrix in its array. */
    record Case(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta,
                int aOffset, int lda, int bOffset, int ldb, int cOffset, int ldc) {
        static Case random(SplittableRandom r, boolean transA, boolean transB, int m, int n, int k,
                           float alpha, float beta) {
            int aCols = transA ? m : k;
            int bCols = transB ? k : n;
            return new Case(transA, transB, m, n, k, alpha, beta,
                    r.nextInt(5), aCols + r.nextInt(4), r.nextInt(5), bCols + r.nextInt(4),
                    r.nextInt(5), n + r.nextInt(4));
        }

        /** Packed layout: no offsets, leading dimensions equal to the widths. */
        static Case tight(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta) {
            return new Case(transA, transB, m, n, k, alpha, beta,
                    0, transA ? m : k, 0, transB ? k : n, 0, n);
        }

        int aLength() {
            return aOffset + (transA ? k : m) * lda + 2;
        }

        int bLength() {
            return bOffset + (transB ? n : k) * ldb + 2;
        }

        int cLength() {
            return cOffset + m * ldc + 2;
        }

        void run(GemmMicroKernel kernel, float[] a, float[] b, float[] c) {
            Gemm.sgemm(kernel, transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset,
                    ldc);
        }

        double[] reference(float[] a, float[] b, float[] c) {
            return GemmReference.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c,
                    cOffset, ldc);
        }

        boolean inWindow(int index) {
            int rel = index - cOffset;
            return rel >= 0 && rel / ldc < m && rel % ldc < n;
        }
    }

    /**
     * Runs one case against the double reference. Inside the m x n window: allclose with rtol 1e-4 and an atol that
     * grows with k, because each of the k float32 fused multiply-adds rounds a partial sum of size about sqrt(k)/3 for
     * data in [-1, 1), an expected error near 2e-8 * k; 1e-7 * k leaves a margin of five. Outside the window: every
     * bit unchanged.
     */
    private static void checkAgainstReference(GemmMicroKernel kernel, Case cs, SplittableRandom r, boolean nanInC) {
        float[] a = Close.randomFloats(r, cs.aLength());
        float[] b = Close.randomFloats(r, cs.bLength());
        float[] c = Close.randomFloats(r, cs.cLength());
        if (nanInC) {
            java.util.Arrays.fill(c, Float.NaN);
        }
        double[] expected = cs.reference(a, b, c);
        float[] before = c.clone();
        cs.run(kernel, a, b, c);
        double scale = Math.max(1, Math.abs(cs.alpha())) + Math.abs(cs.beta());
        double atol = (1e-5 + 1e-7 * cs.k()) * scale;
        double rtol = 1e-4;
        for (int i = 0; i < c.length; i++) {
            if (cs.inWindow(i)) {
                if (!(Math.abs(c[i] - expected[i]) <= atol + rtol * Math.abs(expected[i]))) {
                    fail(String.format("%s with %s: C index %d expected %.8g, got %.8g", cs, kernel.name(), i,
                            expected[i], c[i]));
                }
            } else if (Float.floatToRawIntBits(c[i]) != Float.floatToRawIntBits(before[i])) {
                fail(cs + " with " + kernel.name() + ": wrote outside C's window at index " + i);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void matchesReferenceOnRandomShapes(GemmMicroKernel kernel) {
        SplittableRandom r = new SplittableRandom(11);
        float[][] scalars = {{1f, 0f}, {1f, 1f}, {-0.75f, 0.5f}, {2.5f, 0f}, {0.5f, -1f}};
        for (int trial = 0; trial < 160; trial++) {
            boolean transA = BOOLS[trial & 1];
            boolean transB = BOOLS[(trial >> 1) & 1];
            float[] ab = scalars[(trial >> 2) % scalars.length];
            int m = 1 + r.nextInt(trial % 8 == 0 ? 90 : 25);
            int n = 1 + r.nextInt(trial % 8 == 1 ? 120 : 40);
            int k = 1 + r.nextInt(trial % 8 == 2 ? 300 : 30);
            checkAgainstReference(kernel, Case.random(r, transA, transB, m, n, k, ab[0], ab[1]), r, false);
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void crossesEveryBlockBoundary(GemmMicroKernel kernel) {
        SplittableRandom r = new SplittableRandom(12);
        int mr = kernel.mr();
        int nr = kernel.nr();
        int kc = PackedGemm.KC;
        // Rows per packed block of A at full depth.
        int mc = PackedGemm.A_BLOCK_FLOATS / kc;
        List<int[]> shapes = new ArrayList<>();
        for (int m : new int[] {1, mr - 1, mr, mr + 1, 2 * mr + 3}) {
            for (int n : new int[] {1, nr - 1, nr, nr + 1, 3 * nr + 5}) {
                shapes.add(new int[] {m, n, 1 + r.nextInt(9)});
            }
        }
        for (int k : new int[] {kc - 1, kc, kc + 1, 2 * kc + 7}) {
            shapes.add(new int[] {mr + 1, nr + 3, k});
            // A single panel of rows: B is read in place unless transposed.
            shapes.add(new int[] {mr, 3 * nr + 5, k});
        }
        for (int m : new int[] {mc - 1, mc, mc + 1, 2 * mc + 5}) {
            shapes.add(new int[] {m, nr + 1, 5});
        }
        int nc = PackedGemm.NC;
        shapes.add(new int[] {3, nc - 1, 4});
        shapes.add(new int[] {mr + 2, nc + 1, 3});
        shapes.add(new int[] {2, 2 * nc + nr + 3, kc + 2});
        // Big enough to be split across the pool, by rows and by columns.
        shapes.add(new int[] {2 * mc + 9, 3 * nr + 1, parallelDepth(2 * mc + 9, 3 * nr + 1)});
        shapes.add(new int[] {mr + 3, 40 * nr + 7, parallelDepth(mr + 3, 40 * nr + 7)});
        shapes.add(new int[] {mr - 2, 200 * nr + 3, parallelDepth(mr - 2, 200 * nr + 3)});
        for (int[] s : shapes) {
            for (boolean transA : BOOLS) {
                for (boolean transB : BOOLS) {
                    checkAgainstReference(kernel,
                            Case.random(r, transA, transB, s[0], s[1], s[2], 1.25f, 0.5f), r, false);
                }
            }
        }
    }

    /**
     * Few rows, several depth blocks and many panels of B: each panel of B is taken through the whole depth before the
     * next, its tiles of C written by the first block and added to by the later ones, bottom edge rows included.
     */
    @ParameterizedTest
    @MethodSource("kernels")
    void fewRowsOverSeveralDepthBlocksMatchTheReference(GemmMicroKernel kernel) {
        SplittableRandom r = new SplittableRandom(17);
        int mr = kernel.mr();
        int nr = kernel.nr();
        int kc = PackedGemm.KC;
        float[][] scalars = {{1f, 0f}, {1f, 1f}, {-0.75f, 0.5f}};
        for (int m : new int[] {mr - 1, 2 * mr + 1, 2 * mr + 4, 10 * mr + 4}) {
            for (float[] ab : scalars) {
                for (boolean transA : BOOLS) {
                    checkAgainstReference(kernel,
                            Case.random(r, transA, false, m, 9 * nr + 5, 2 * kc + 7, ab[0], ab[1]), r, false);
                }
            }
        }
    }

    private static int parallelDepth(int m, int n) {
        return (int) (PackedGemm.PARALLEL_MIN_MULTIPLY_ADDS / ((long) m * n)) + 1;
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void betaZeroIgnoresNaNInC(GemmMicroKernel kernel) {
        SplittableRandom r = new SplittableRandom(13);
        for (boolean transA : BOOLS) {
            for (boolean transB : BOOLS) {
                for (int[] s : new int[][] {{1, 1, 1}, {7, 33, 9}, {kernel.mr() * 3, kernel.nr() * 2, 300},
                        {150, 90, 120}}) {
                    Case cs = Case.random(r, transA, transB, s[0], s[1], s[2], 0.5f, 0f);
                    checkAgainstReference(kernel, cs, r, true);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void integerInputsGiveExactProducts(GemmMicroKernel kernel) {
        // Small integers keep every partial sum exact in float32, so any indexing slip shows as an exact mismatch.
        SplittableRandom r = new SplittableRandom(14);
        for (boolean transA : BOOLS) {
            for (boolean transB : BOOLS) {
                for (int[] s : new int[][] {{37, 71, 300}, {9, 35, 1}, {200, 40, 530}}) {
                    Case cs = Case.random(r, transA, transB, s[0], s[1], s[2], 1f, 1f);
                    float[] a = integers(r, cs.aLength());
                    float[] b = integers(r, cs.bLength());
                    float[] c = integers(r, cs.cLength());
                    float[] expected = Close.toFloat(cs.reference(a, b, c));
                    cs.run(kernel, a, b, c);
                    assertArrayEquals(expected, c, 0f, cs + " with " + kernel.name());
                }
            }
        }
    }

    private static float[] integers(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextInt(-4, 5);
        }
        return x;
    }

    @Test
    void vectorKernelRunsWhenTheVectorKernelsDo() {
        GemmMicroKernel preferred = GemmMicroKernels.preferred();
        if (Simd.vectorized()) {
            GemmKernelShapes.Shape shape = GemmKernelShapes.forVectorUnit(Simd.bits(), Simd.registers());
            assertEquals(shape.rows(), preferred.mr(), preferred.name());
            assertEquals(shape.vectors() * Simd.floats(), preferred.nr(), preferred.name());
            assertEquals("vector " + preferred.mr() + "x" + preferred.nr() + " (" + Simd.bits() + "-bit, "
                    + Simd.registers() + " registers)", preferred.name());
            assertEquals(preferred.name(), Gemm.kernelName());
        } else {
            assertEquals(GemmMicroKernels.scalar(), preferred);
            assertNull(GemmMicroKernels.vectorOrNull());
            assertTrue(GemmMicroKernels.everyVectorKernel().isEmpty());
        }
    }

    @Test
    void everyTileShapeRunsWhereTheVectorKernelsDo() {
        assumeTrue(Simd.vectorized(), "the scalar kernels run: " + Simd.describe());
        List<GemmMicroKernel> kernels = GemmMicroKernels.everyVectorKernel();
        assertEquals(GemmKernelShapes.everyTile().size(), kernels.size());
        for (GemmMicroKernel kernel : kernels) {
            assertEquals(0, kernel.nr() % Simd.floats(), kernel.name());
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void everyKernelGivesTheScalarKernelsBits(GemmMicroKernel kernel) {
        SplittableRandom r = new SplittableRandom(15);
        for (boolean transA : BOOLS) {
            for (boolean transB : BOOLS) {
                for (int[] s : new int[][] {{5, 7, 3}, {64, 100, 576}, {130, 33, 260}, {kernel.mr() * 2 + 1,
                        kernel.nr() * 3 + 2, 2 * PackedGemm.KC + 9}}) {
                    Case cs = Case.random(r, transA, transB, s[0], s[1], s[2], 0.75f, -0.5f);
                    float[] a = Close.randomFloats(r, cs.aLength());
                    float[] b = Close.randomFloats(r, cs.bLength());
                    float[] c = Close.randomFloats(r, cs.cLength());
                    float[] viaScalar = c.clone();
                    cs.run(kernel, a, b, c);
                    cs.run(GemmMicroKernels.scalar(), a, b, viaScalar);
                    assertArrayEquals(viaScalar, c, 0f, cs + " with " + kernel.name());
                }
            }
        }
    }

    @Test
    void kernelsAgreeOnTheSignOfZero() {
        // -1 * (+0) is -0; the shared write-back adds +0 when beta is 0, so every path must store +0.
        for (boolean transB : BOOLS) {
            Case cs = Case.tight(false, transB, 13, 37, 5, -1f, 0f);
            float[] a = new float[cs.aLength()];
            float[] b = Close.randomFloats(new SplittableRandom(18), cs.bLength());
            for (GemmMicroKernel kernel : kernels().map(Named::getPayload).toList()) {
                float[] c = new float[cs.cLength()];
                java.util.Arrays.fill(c, Float.NaN);
                cs.run(kernel, a, b, c);
                for (int i = 0; i < cs.m() * cs.n(); i++) {
                    assertEquals(0, Float.floatToRawIntBits(c[i]), kernel.name() + " at " + i);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void repeatedCallsAreBitIdentical(GemmMicroKernel kernel) {
        SplittableRandom r = new SplittableRandom(16);
        Case cs = Case.tight(false, false, 300, 500, 600, 1f, 0f);
        float[] a = Close.randomFloats(r, cs.aLength());
        float[] b = Close.randomFloats(r, cs.bLength());
        float[] first = new float[cs.cLength()];
        float[] second = new float[cs.cLength()];
        cs.run(kernel, a, b, first);
        cs.run(kernel, a, b, second);
        assertArrayEquals(first, second, 0f);
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void singleThreadedRunGivesTheSameBitsAsThePool(GemmMicroKernel kernel) {
        SplittableRandom r = new SplittableRandom(17);
        for (Case cs : new Case[] {Case.tight(false, false, 400, 300, 520, 1f, 0f),
                Case.tight(true, true, 70, 2000, 300, -1.5f, 0.25f)}) {
            float[] a = Close.randomFloats(r, cs.aLength());
            float[] b = Close.randomFloats(r, cs.bLength());
            float[] pooled = Close.randomFloats(r, cs.cLength());
            float[] inline = pooled.clone();
            cs.run(kernel, a, b, pooled);
            // Inside a parallel region the call runs on this thread alone.
            Parallel.forChunks(1, chunk -> cs.run(kernel, a, b, inline));
            assertArrayEquals(pooled, inline, 0f, cs.toString());
        }
    }

    // A product with few columns reads A where it lies instead of packing it; each column must get the bits it gets
    // inside a wide product, where A is packed.
    @ParameterizedTest
    @MethodSource("kernels")
    void narrowProductsGiveTheBitsOfTheSameColumnsOfAWideOne(GemmMicroKernel kernel) {
        SplittableRandom r = new SplittableRandom(20);
        int wide = (PackedGemm.A_IN_PLACE_PANELS + 3) * kernel.nr();
        for (boolean transA : BOOLS) {
            for (int[] size : new int[][] {{8 * kernel.mr() + 3, 1, 40}, {2 * kernel.mr(), kernel.nr() + 5, 300},
                    {kernel.mr() - 1, 2 * kernel.nr(), 7}, {64, PackedGemm.A_IN_PLACE_PANELS * kernel.nr(), 530}}) {
                int m = size[0];
                int n = size[1];
                int k = size[2];
                float[] a = Close.randomFloats(r, m * k);
                float[] b = Close.randomFloats(r, k * wide);
                float[] all = new float[m * wide];
                float[] narrow = new float[m * n];
                int lda = transA ? m : k;
                Gemm.sgemm(kernel, transA, false, m, wide, k, 1f, a, 0, lda, b, 0, wide, 0f, all, 0, wide);
                Gemm.sgemm(kernel, transA, false, m, n, k, 1f, a, 0, lda, b, 0, wide, 0f, narrow, 0, n);
                for (int i = 0; i < m; i++) {
                    assertArrayEquals(Arrays.copyOfRange(all, i * wide, i * wide + n),
                            Arrays.copyOfRange(narrow, i * n, (i + 1) * n), 0f,
                            m + "x" + n + "x" + k + (transA ? " A^T" : "") + " row " + i + " with " + kernel.name());
                }
            }
        }
    }

    // A product with few rows reads B where it lies instead of packing it (one block of A's rows); each row must get
    // the bits it gets inside a tall product, where B is packed.
    @ParameterizedTest
    @MethodSource("kernels")
    void shortProductsGiveTheBitsOfTheSameRowsOfATallOne(GemmMicroKernel kernel) {
        SplittableRandom r = new SplittableRandom(21);
        int k = 2 * PackedGemm.KC + 37;
        // Every thread of the pool gets more rows than one block of A.
        int tall = 2 * Parallel.threads() * PackedGemm.A_BLOCK_FLOATS / PackedGemm.KC + 5;
        for (boolean transA : BOOLS) {
            for (int[] size : new int[][] {{kernel.mr() + 3, 3 * kernel.nr() + 7}, {64, 300}, {40, 1030}}) {
                int m = size[0];
                int n = size[1];
                int lda = transA ? tall : k;
                float[] a = Close.randomFloats(r, tall * k);
                float[] b = Close.randomFloats(r, k * n);
                float[] all = new float[tall * n];
                float[] few = new float[m * n];
                Gemm.sgemm(kernel, transA, false, tall, n, k, 1f, a, 0, lda, b, 0, n, 0f, all, 0, n);
                Gemm.sgemm(kernel, transA, false, m, n, k, 1f, a, 0, lda, b, 0, n, 0f, few, 0, n);
                assertArrayEquals(Arrays.copyOf(all, m * n), few, 0f,
                        m + "x" + n + "x" + k + (transA ? " A^T" : "") + " with " + kernel.name());
            }
        }
    }

    // A fully connected layer on one image takes a path of its own (one row times B^T, no packing); it must give the
    // bits that the same image gets inside a batch.
    @ParameterizedTest
    @MethodSource("kernels")
    void oneRowGivesTheSameBitsAsInsideABatch(GemmMicroKernel kernel) {
        SplittableRandom r = new SplittableRandom(19);
        float[][] scalars = {{1f, 0f}, {-0.75f, 0.5f}, {2f, 1f}};
        for (boolean transA : BOOLS) {
            for (float[] ab : scalars) {
                for (int[] size : new int[][] {{7, 120, 400}, {9, 84, 120}, {3, 13, 5}, {8, 8, 1}}) {
                    int m = size[0];
                    Case cs = Case.random(r, transA, true, m, size[1], size[2], ab[0], ab[1]);
                    float[] a = Close.randomFloats(r, cs.aLength());
                    float[] b = Close.randomFloats(r, cs.bLength());
                    float[] batch = Close.randomFloats(r, cs.cLength());
                    float[] rows = batch.clone();
                    cs.run(kernel, a, b, batch);
                    for (int i = 0; i < m; i++) {
                        int aRow = cs.aOffset() + (transA ? i : i * cs.lda());
                        Gemm.sgemm(kernel, transA, true, 1, cs.n(), cs.k(), cs.alpha(), a, aRow, cs.lda(), b,
                                cs.bOffset(), cs.ldb(), cs.beta(), rows, cs.cOffset() + i * cs.ldc(), cs.ldc());
                    }
                    assertArrayEquals(batch, rows, 0f, cs + " with " + kernel.name());
                }
            }
        }
    }

    @Test
    void alphaZeroOnlyScalesCAndReadsNeitherAnorB() {
        float[] a = {Float.NaN, Float.POSITIVE_INFINITY, 1f, 2f};
        float[] b = {Float.NaN, 1f, Float.NEGATIVE_INFINITY, 3f};
        float[] c = {1f, 2f, 3f, 4f};
        Gemm.sgemm(false, false, 2, 2, 2, 0f, a, 0, 2, b, 0, 2, 0.5f, c, 0, 2);
        assertArrayEquals(new float[] {0.5f, 1f, 1.5f, 2f}, c, 0f);
    }

    @Test
    void depthZeroScalesC() {
        float[] c = {1f, Float.NaN, 3f, 4f};
        Gemm.sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 0, new float[0], 0, 2, 2f, c, 0, 2);
        assertArrayEquals(new float[] {2f, Float.NaN, 6f, 8f}, c, 0f);
        Gemm.sgemm(true, true, 2, 2, 0, 1f, new float[0], 0, 2, new float[0], 0, 0, 0f, c, 0, 2);
        assertArrayEquals(new float[] {0f, 0f, 0f, 0f}, c, 0f);
    }

    @Test
    void emptyOutputLeavesCUntouched() {
        float[] c = {Float.NaN, 5f};
        Gemm.sgemm(false, false, 0, 2, 3, 1f, new float[0], 0, 3, new float[6], 0, 2, 0f, c, 0, 2);
        Gemm.sgemm(false, false, 1, 0, 3, 1f, new float[3], 0, 3, new float[0], 0, 0, 0f, c, 0, 0);
        assertArrayEquals(new float[] {Float.NaN, 5f}, c, 0f);
    }
}
