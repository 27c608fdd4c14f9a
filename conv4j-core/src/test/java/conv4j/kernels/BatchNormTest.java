package conv4j.kernels;

import static conv4j.testkit.Close.assertClose;
import static conv4j.testkit.Close.toFloat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.testkit.Close;
import conv4j.testkit.GradientCheck;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BatchNormTest {
    private static final float EPS = 1e-5f;

    @Test
    void trainingNormalisesWithBatchStatisticsAndMovesTheRunningOnesByMomentum() {
        // One channel, batch 2, spatial 2: values 1, 2, 3, 4. Mean 2.5, biased variance 1.25, unbiased 5/3.
        float[] x = {1, 2, 3, 4};
        float[] y = new float[4];
        float[] runningMean = {0f};
        float[] runningVar = {1f};
        float[] saveMean = new float[1];
        float[] saveInvStd = new float[1];
        BatchNorm.forwardTrain(2, 1, 2, x, new float[] {2f}, new float[] {0.5f}, EPS, 0.1f, runningMean, runningVar,
                y, saveMean, saveInvStd);
        double invStd = 1 / Math.sqrt(1.25 + EPS);
        assertClose(new double[] {-1.5 * invStd * 2 + 0.5, -0.5 * invStd * 2 + 0.5, 0.5 * invStd * 2 + 0.5,
            1.5 * invStd * 2 + 0.5}, y, 1e-6, 1e-7, "y");
        assertClose(new float[] {2.5f}, saveMean, 1e-7, 0, "saved mean");
        assertClose(new double[] {invStd}, saveInvStd, 1e-6, 0, "saved inverse std");
        // PyTorch: running = 0.9 * running + 0.1 * batch, with the unbiased variance.
        assertClose(new float[] {0.25f}, runningMean, 1e-6, 0, "running mean");
        assertClose(new double[] {0.9 + 0.1 * 5.0 / 3.0}, runningVar, 1e-6, 0, "running variance");
    }

    @Test
    void evaluationUsesTheRunningStatistics() {
        float[] y = new float[4];
        BatchNorm.forwardEval(1, 2, 2, new float[] {1, 3, 0, 4}, new float[] {1f, 3f}, new float[] {0f, 1f}, EPS,
                new float[] {1f, 2f}, new float[] {4f, 1f}, y);
        double a = 1 / Math.sqrt(4 + EPS);
        double b = 1 / Math.sqrt(1 + EPS);
        assertClose(new double[] {0, 2 * a, -2 * b * 3 + 1, 2 * b * 3 + 1}, y, 1e-6, 1e-7, "eval");
    }

    @Test
    void referenceTrainBackwardPassesGradientChecks() {
        SplittableRandom r = new SplittableRandom(61);
        int[][] shapes = {{2, 3, 4}, {1, 2, 5}, {4, 1, 1}, {3, 2, 3}};
        double eps = 1e-5;
        for (int[] shape : shapes) {
            int batch = shape[0];
            int channels = shape[1];
            int spatial = shape[2];
            double[] x = Close.randomDoubles(r, batch * channels * spatial);
            double[] gamma = Close.randomDoubles(r, channels);
            double[] beta = Close.randomDoubles(r, channels);
            double[] dy = Close.randomDoubles(r, x.length);
            BatchNormReference.Gradients g = BatchNormReference.backwardTrain(batch, channels, spatial, x, dy,
                    gamma, eps);
            String what = batch + "x" + channels + "x" + spatial;
            assertPasses(GradientCheck.checkVjp(v -> BatchNormReference.forwardTrain(batch, channels, spatial, v,
                    gamma, beta, eps), x, dy, g.dx()), "train dx " + what);
            assertPasses(GradientCheck.checkVjp(v -> BatchNormReference.forwardTrain(batch, channels, spatial, x,
                    v, beta, eps), gamma, dy, g.dgamma()), "train dgamma " + what);
            assertPasses(GradientCheck.checkVjp(v -> BatchNormReference.forwardTrain(batch, channels, spatial, x,
                    gamma, v, eps), beta, dy, g.dbeta()), "train dbeta " + what);
        }
    }

    @Test
    void referenceEvalBackwardPassesGradientChecks() {
        SplittableRandom r = new SplittableRandom(62);
        int batch = 2;
        int channels = 3;
        int spatial = 4;
        double eps = 1e-5;
        double[] x = Close.randomDoubles(r, batch * channels * spatial);
        double[] gamma = Close.randomDoubles(r, channels);
        double[] beta = Close.randomDoubles(r, channels);
        double[] mean = Close.randomDoubles(r, channels);
        double[] variance = {0.5, 1.5, 2.0};
        double[] dy = Close.randomDoubles(r, x.length);
        BatchNormReference.Gradients g = BatchNormReference.backwardEval(batch, channels, spatial, x, dy, gamma,
                mean, variance, eps);
        assertPasses(GradientCheck.checkVjp(v -> BatchNormReference.normalise(batch, channels, spatial, v, gamma,
                beta, mean, variance, eps), x, dy, g.dx()), "eval dx");
        assertPasses(GradientCheck.checkVjp(v -> BatchNormReference.normalise(batch, channels, spatial, x, v,
                beta, mean, variance, eps), gamma, dy, g.dgamma()), "eval dgamma");
        assertPasses(GradientCheck.checkVjp(v -> BatchNormReference.normalise(batch, channels, spatial, x, gamma,
                v, mean, variance, eps), beta, dy, g.dbeta()), "eval dbeta");
    }

    @Test
    void trainingMatchesTheReference() {
        SplittableRandom r = new SplittableRandom(63);
        // N x C with S = 1, batch 1, odd sizes, and one large enough to be split over the pool.
        int[][] shapes = {{2, 3, 1}, {1, 4, 9}, {3, 5, 7}, {16, 8, 1}, {2, 48, 28 * 28}, {2, 3, 33}};
        for (int[] shape : shapes) {
            int batch = shape[0];
            int channels = shape[1];
            int spatial = shape[2];
            String what = batch + "x" + channels + "x" + spatial;
            double[] x = Close.randomDoubles(r, batch * channels * spatial);
            for (int i = 0; i < x.length; i++) {
                x[i] = 3 * x[i] + 2; // a mean away from zero
            }
            double[] gamma = Close.randomDoubles(r, channels);
            double[] beta = Close.randomDoubles(r, channels);
            double[] dy = Close.randomDoubles(r, x.length);
            float[] y = new float[x.length];
            float[] runningMean = Close.randomFloats(r, channels);
            float[] runningVar = new float[channels];
            java.util.Arrays.fill(runningVar, 1f);
            float[] oldMean = runningMean.clone();
            float[] saveMean = new float[channels];
            float[] saveInvStd = new float[channels];
            BatchNorm.forwardTrain(batch, channels, spatial, toFloat(x), toFloat(gamma), toFloat(beta), EPS, 0.1f,
                    runningMean, runningVar, y, saveMean, saveInvStd);
            assertClose(BatchNormReference.forwardTrain(batch, channels, spatial, x, gamma, beta, EPS), y, 1e-4,
                    1e-5, "train forward " + what);
            BatchNormReference.Statistics st = BatchNormReference.statistics(batch, channels, spatial, x);
            double[] expectedMean = new double[channels];
            double[] expectedVar = new double[channels];
            for (int c = 0; c < channels; c++) {
                expectedMean[c] = 0.9 * oldMean[c] + 0.1 * st.mean()[c];
                expectedVar[c] = 0.9 + 0.1 * st.unbiasedVariance()[c];
            }
            assertClose(expectedMean, runningMean, 1e-5, 1e-6, "running mean " + what);
            assertClose(expectedVar, runningVar, 1e-5, 1e-6, "running variance " + what);

            float[] dx = PoolKernelTest.filledWithGarbage(x.length);
            float[] dgamma = new float[channels];
            float[] dbeta = new float[channels];
            BatchNorm.backwardTrain(batch, channels, spatial, toFloat(x), toFloat(dy), toFloat(gamma), saveMean,
                    saveInvStd, dx, dgamma, dbeta);
            BatchNormReference.Gradients g = BatchNormReference.backwardTrain(batch, channels, spatial, x, dy,
                    gamma, EPS);
            // dgamma and dbeta sum up to 1,568 terms of size about 1, hence the absolute tolerance.
            assertClose(g.dx(), dx, 1e-4, 1e-5, "train dx " + what);
            assertClose(g.dgamma(), dgamma, 1e-4, 1e-4, "train dgamma " + what);
            assertClose(g.dbeta(), dbeta, 1e-4, 1e-4, "train dbeta " + what);
        }
    }

    @Test
    void evaluationMatchesTheReference() {
        SplittableRandom r = new SplittableRandom(64);
        int[][] shapes = {{2, 3, 1}, {1, 4, 9}, {3, 5, 7}, {8, 16, 28 * 28}};
        for (int[] shape : shapes) {
            int batch = shape[0];
            int channels = shape[1];
            int spatial = shape[2];
            String what = batch + "x" + channels + "x" + spatial;
            double[] x = Close.randomDoubles(r, batch * channels * spatial);
            double[] gamma = Close.randomDoubles(r, channels);
            double[] beta = Close.randomDoubles(r, channels);
            double[] mean = Close.randomDoubles(r, channels);
            double[] variance = new double[channels];
            for (int c = 0; c < channels; c++) {
                variance[c] = r.nextDouble(0.1, 3);
            }
            double[] dy = Close.randomDoubles(r, x.length);
            float[] y = new float[x.length];
            BatchNorm.forwardEval(batch, channels, spatial, toFloat(x), toFloat(gamma), toFloat(beta), EPS,
                    toFloat(mean), toFloat(variance), y);
            assertClose(BatchNormReference.normalise(batch, channels, spatial, x, gamma, beta, mean, variance, EPS),
                    y, 1e-4, 1e-5, "eval forward " + what);
            float[] dx = new float[x.length];
            float[] dgamma = new float[channels];
            float[] dbeta = new float[channels];
            BatchNorm.backwardEval(batch, channels, spatial, toFloat(x), toFloat(dy), toFloat(gamma), EPS,
                    toFloat(mean), toFloat(variance), dx, dgamma, dbeta);
            BatchNormReference.Gradients g = BatchNormReference.backwardEval(batch, channels, spatial, x, dy, gamma,
                    mean, variance, EPS);
            assertClose(g.dx(), dx, 1e-4, 1e-5, "eval dx " + what);
            assertClose(g.dgamma(), dgamma, 1e-4, 1e-4, "eval dgamma " + what);
            assertClose(g.dbeta(), dbeta, 1e-4, 1e-4, "eval dbeta " + what);
        }
    }

    @Test
    void repeatedRunsGiveTheSameBits() {
        SplittableRandom r = new SplittableRandom(65);
        int batch = 8;
        int channels = 16;
        int spatial = 28 * 28;
        float[] x = Close.randomFloats(r, batch * channels * spatial);
        float[] dy = Close.randomFloats(r, x.length);
        float[] gamma = Close.randomFloats(r, channels);
        float[][] first = runTrainStep(batch, channels, spatial, x, dy, gamma);
        float[][] second = runTrainStep(batch, channels, spatial, x, dy, gamma);
        for (int i = 0; i < first.length; i++) {
            assertArrayEquals(first[i], second[i]);
        }
    }

    @Test
    void trainingOnASingleValuePerChannelIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> BatchNorm.forwardTrain(1, 2, 1, new float[2],
                new float[2], new float[2], EPS, 0.1f, new float[2], new float[2], new float[2], new float[2],
                new float[2]));
        assertTrue(e.getMessage().contains("more than one value"), e.getMessage());
    }

    @Test
    void wrongLengthsAndBadSettingsAreRefusedNamingTheValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> BatchNorm.forwardEval(2, 3, 4, new float[24],
                new float[2], new float[3], EPS, new float[3], new float[3], new float[24]));
        assertTrue(e.getMessage().contains("gamma") && e.getMessage().contains("2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BatchNorm.forwardTrain(2, 1, 2, new float[4],
                new float[1], new float[1], EPS, 1.5f, new float[1], new float[1], new float[4], new float[1],
                new float[1]));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BatchNorm.forwardEval(1, 1, 4, new float[4],
                new float[1], new float[1], 0f, new float[1], new float[1], new float[4]));
        assertTrue(e.getMessage().contains("eps"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BatchNorm.backwardTrain(2, 1, 2, new float[4],
                new float[4], new float[1], new float[1], new float[1], new float[3], new float[1], new float[1]));
    }

    private static float[][] runTrainStep(int batch, int channels, int spatial, float[] x, float[] dy,
                                          float[] gamma) {
        float[] y = new float[x.length];
        float[] runningMean = new float[channels];
        float[] runningVar = new float[channels];
        float[] saveMean = new float[channels];
        float[] saveInvStd = new float[channels];
        BatchNorm.forwardTrain(batch, channels, spatial, x, gamma, new float[channels], EPS, 0.1f, runningMean,
                runningVar, y, saveMean, saveInvStd);
        float[] dx = new float[x.length];
        float[] dgamma = new float[channels];
        float[] dbeta = new float[channels];
        BatchNorm.backwardTrain(batch, channels, spatial, x, dy, gamma, saveMean, saveInvStd, dx, dgamma, dbeta);
        return new float[][] {y, runningMean, runningVar, saveMean, saveInvStd, dx, dgamma, dbeta};
    }

    private static void assertPasses(GradientCheck.Result result, String what) {
        assertTrue(result.passes(), what + ": " + result);
    }
}
