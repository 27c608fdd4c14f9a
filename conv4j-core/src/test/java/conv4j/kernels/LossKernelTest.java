package conv4j.kernels;

import static conv4j.testkit.Close.assertClose;
import static conv4j.testkit.Close.toFloat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.testkit.Close;
import conv4j.testkit.GradientCheck;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LossKernelTest {

    @Test
    void crossEntropyOfUniformLogitsIsLogOfTheClassCount() {
        float[] probabilities = new float[2 * 10];
        float loss = LossKernel.softmaxCrossEntropy(2, 10, new float[20], new int[] {3, 9}, probabilities);
        assertEquals(Math.log(10), loss, 1e-6);
        for (float p : probabilities) {
            assertEquals(0.1f, p, 1e-7f);
        }
    }

    @Test
    void crossEntropyByHand() {
        // Row 0: logits [0, 1, 2], label 2: -log(e^2 / (1 + e + e^2)) = 0.40760596.
        // Row 1: logits [1000, 0, 0], label 1: 1000 + log(1 + 2 e^-1000) = 1000 (finite, no overflow).
        float[] logits = {0, 1, 2, 1000, 0, 0};
        float[] p = new float[6];
        float loss = LossKernel.softmaxCrossEntropy(2, 3, logits, new int[] {2, 1}, p);
        assertEquals((0.40760596 + 1000) / 2, loss, 1e-3);
        assertEquals(1f, p[3]);
        assertEquals(0f, p[4]);
    }

    @Test
    void crossEntropyBackwardIsProbabilitiesMinusOneHotOverTheBatch() {
        float[] p = {0.2f, 0.3f, 0.5f, 0.6f, 0.3f, 0.1f};
        float[] d = new float[6];
        LossKernel.softmaxCrossEntropyBackward(2, 3, p, new int[] {1, 0}, 2f, d);
        assertClose(new float[] {0.2f, -0.7f, 0.5f, -0.4f, 0.3f, 0.1f}, d, 1e-6, 1e-7, "(p - onehot) * 2 / 2");
    }

    @Test
    void meanSquaredErrorByHand() {
        float[] prediction = {1f, 2f, 3f, 4f};
        float[] target = {1f, 0f, 4f, 2f};
        assertEquals((0 + 4 + 1 + 4) / 4f, LossKernel.meanSquaredError(prediction, target));
        float[] d = new float[4];
        LossKernel.meanSquaredErrorBackward(prediction, target, 1f, d);
        assertClose(new float[] {0f, 1f, -0.5f, 1f}, d, 1e-7, 0, "2 (p - t) / n");
    }

    @Test
    void referenceLossGradientsPassGradientChecks() {
        SplittableRandom r = new SplittableRandom(51);
        for (int trial = 0; trial < 10; trial++) {
            int rows = r.nextInt(1, 6);
            int cols = r.nextInt(1, 9);
            double[] logits = SoftmaxKernelTest.scaled(Close.randomDoubles(r, rows * cols), 4);
            int[] labels = labels(r, rows, cols);
            double gradLoss = r.nextDouble(0.5, 2);
            assertPasses(GradientCheck.check(v -> gradLoss * SoftmaxReference.crossEntropy(rows, cols, v, labels),
                    logits, SoftmaxReference.crossEntropyBackward(rows, cols, logits, labels, gradLoss)),
                    "cross-entropy");
            double[] target = Close.randomDoubles(r, rows * cols);
            assertPasses(GradientCheck.check(v -> gradLoss * SoftmaxReference.meanSquaredError(v, target), logits,
                    SoftmaxReference.meanSquaredErrorBackward(logits, target, gradLoss)), "mean squared error");
        }
    }

    @Test
    void lossesMatchTheReference() {
        SplittableRandom r = new SplittableRandom(52);
        int[][] shapes = {{1, 1}, {1, 10}, {8, 10}, {128, 10}, {32, 1000}, {5, 3}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int cols = shape[1];
            String what = rows + "x" + cols;
            double[] logits = SoftmaxKernelTest.scaled(Close.randomDoubles(r, rows * cols), 8);
            int[] labels = labels(r, rows, cols);
            float[] p = new float[rows * cols];
            float loss = LossKernel.softmaxCrossEntropy(rows, cols, toFloat(logits), labels, p);
            double expected = SoftmaxReference.crossEntropy(rows, cols, logits, labels);
            assertEquals(expected, loss, 1e-4 * Math.abs(expected) + 1e-5, "cross-entropy " + what);
            assertClose(SoftmaxReference.softmax(rows, cols, logits), p, 1e-4, 1e-7, "probabilities " + what);
            float[] d = new float[rows * cols];
            LossKernel.softmaxCrossEntropyBackward(rows, cols, p, labels, 0.75f, d);
            assertClose(SoftmaxReference.crossEntropyBackward(rows, cols, logits, labels, 0.75), d, 1e-4, 1e-7,
                    "cross-entropy backward " + what);

            double[] target = Close.randomDoubles(r, rows * cols);
            float mse = LossKernel.meanSquaredError(toFloat(logits), toFloat(target));
            double expectedMse = SoftmaxReference.meanSquaredError(logits, target);
            assertEquals(expectedMse, mse, 1e-5 * expectedMse, "mean squared error " + what);
            LossKernel.meanSquaredErrorBackward(toFloat(logits), toFloat(target), 1.5f, d);
            assertClose(SoftmaxReference.meanSquaredErrorBackward(logits, target, 1.5), d, 1e-4, 1e-7,
                    "mean squared error backward " + what);
        }
    }

    @Test
    void crossEntropyWorksInPlaceOnTheLogits() {
        float[] logits = {0, 1, 2, 3, 1, 0};
        float[] copy = logits.clone();
        float loss = LossKernel.softmaxCrossEntropy(2, 3, logits, new int[] {0, 2}, logits);
        float expected = LossKernel.softmaxCrossEntropy(2, 3, copy, new int[] {0, 2}, new float[6]);
        assertEquals(expected, loss);
    }

    @Test
    void aLabelOutOfRangeIsRefusedNamingTheSampleAndTheLabel() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> LossKernel.softmaxCrossEntropy(3, 10, new float[30], new int[] {1, 2, 10}, new float[30]));
        assertTrue(e.getMessage().contains("sample 2") && e.getMessage().contains("10"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LossKernel.softmaxCrossEntropyBackward(2, 10,
                new float[20], new int[] {-1, 2}, 1f, new float[20]));
        assertTrue(e.getMessage().contains("sample 0") && e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void wrongLengthsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> LossKernel.softmaxCrossEntropy(3, 10, new float[30], new int[] {1, 2}, new float[30]));
        var e = assertThrows(IllegalArgumentException.class,
                () -> LossKernel.meanSquaredError(new float[4], new float[5]));
        assertTrue(e.getMessage().contains("4") && e.getMessage().contains("5"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LossKernel.meanSquaredError(new float[0], new float[0]));
    }

    private static int[] labels(SplittableRandom r, int rows, int cols) {
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = r.nextInt(cols);
        }
        return labels;
    }

    private static void assertPasses(GradientCheck.Result result, String what) {
        assertTrue(result.passes(), what + ": " + result);
    }
}
