package conv4j.kernels;

/**
 * Batch normalisation of an N x C x S array per channel C, where S is the spatial size H * W (1 for an N x C input),
 * with PyTorch's semantics: training normalises with the batch mean and biased variance and moves the running
 * statistics by {@code running = (1 - momentum) * running + momentum * batch}, where the running variance takes the
 * unbiased batch variance; evaluation normalises with the running statistics. Channels are split over the shared
 * pool and each channel's sums run in a fixed order, so results repeat exactly. Outputs are overwritten; {@code y}
 * may be {@code x} and {@code dx} may be {@code dy}.
 */
public final class BatchNorm {
    /** Elements per chunk: below this a second thread does not pay for waking it. */
    static final int MIN_CHUNK_WORK = 1 << 15;

    private BatchNorm() {
    }

    /**
     * y = (x - mean) / sqrt(var + eps) * gamma + beta with the batch statistics. Saves the batch mean and
     * 1 / sqrt(var + eps) per channel for {@link #backwardTrain}.
     */
    public static void forwardTrain(int batch, int channels, int spatial, float[] x, float[] gamma, float[] beta,
                                    float eps, float momentum, float[] runningMean, float[] runningVar,
                                    float[] y, float[] saveMean, float[] saveInvStd) {
        int count = checkSizes("batch norm", batch, channels, spatial, x, y, gamma, beta);
        if (count < 2) {
            throw new IllegalArgumentException("batch norm in training needs more than one value per channel, "
                    + "received batch " + batch + " x spatial size " + spatial);
        }
        checkEps(eps);
        if (!(momentum >= 0f && momentum <= 1f)) {
            throw new IllegalArgumentException("batch norm momentum must be in [0, 1], received " + momentum);
        }
        Lengths.require("batch norm running mean", runningMean, channels);
        Lengths.require("batch norm running variance", runningVar, channels);
        Lengths.require("batch norm saved mean", saveMean, channels);
        Lengths.require("batch norm saved inverse std", saveInvStd, channels);
        int stride = channels * spatial;
        Parallel.forRange(channels, channelGrain(count), (chunk, start, end) -> {
            for (int c = start; c < end; c++) {
                double sum = 0;
                for (int n = 0, from = c * spatial; n < batch; n++, from += stride) {
                    sum += Loops.sum(x, from, from + spatial);
                }
                float mean = (float) (sum / count);
                double squares = 0;
                for (int n = 0, from = c * spatial; n < batch; n++, from += stride) {
                    squares += Loops.sumSquaredDeviation(x, from, from + spatial, mean);
                }
                double variance = squares / count;
                float invStd = (float) (1.0 / Math.sqrt(variance + eps));
                saveMean[c] = mean;
                saveInvStd[c] = invStd;
                runningMean[c] = (1f - momentum) * runningMean[c] + momentum * mean;
                runningVar[c] = (1f - momentum) * runningVar[c]
                        + momentum * (float) (squares / (count - 1));
                affine(x, y, c, batch, stride, spatial, gamma[c] * invStd, beta[c] - mean * gamma[c] * invStd);
            }
        });
    }

    /** y = (x - runningMean) / sqrt(runningVar + eps) * gamma + beta. */
    public static void forwardEval(int batch, int channels, int spatial, float[] x, float[] gamma, float[] beta,
                                   float eps, float[] runningMean, float[] runningVar, float[] y) {
        int count = checkSizes("batch norm", batch, channels, spatial, x, y, gamma, beta);
        checkEps(eps);
        Lengths.require("batch norm running mean", runningMean, channels);
        Lengths.require("batch norm running variance", runningVar, channels);
        int stride = channels * spatial;
        Parallel.forRange(channels, channelGrain(count), (chunk, start, end) -> {
            for (int c = start; c < end; c++) {
                float scale = gamma[c] * invStd(runningVar[c], eps);
                affine(x, y, c, batch, stride, spatial, scale, beta[c] - runningMean[c] * scale);
            }
        });
    }

    /**
     * The backward pass of {@link #forwardTrain}, where the batch statistics depend on x: with
     * xhat = (x - mean) * invStd, dbeta = sum dy, dgamma = sum dy * xhat and
     * dx = gamma * invStd * (dy - dbeta / m - xhat * dgamma / m) over the m = N * S values of a channel.
     */
    public static void backwardTrain(int batch, int channels, int spatial, float[] x, float[] dy, float[] gamma,
                                     float[] saveMean, float[] saveInvStd, float[] dx, float[] dgamma,
                                     float[] dbeta) {
        int count = checkBackwardSizes(batch, channels, spatial, x, dy, dx, gamma, dgamma, dbeta);
        Lengths.require("batch norm saved mean", saveMean, channels);
        Lengths.require("batch norm saved inverse std", saveInvStd, channels);
        int stride = channels * spatial;
        Parallel.forRange(channels, channelGrain(count), (chunk, start, end) -> {
            for (int c = start; c < end; c++) {
                float mean = saveMean[c];
                float invStd = saveInvStd[c];
                double sumDy = 0;
                double sumDyCentered = 0;
                for (int n = 0, from = c * spatial; n < batch; n++, from += stride) {
                    sumDy += Loops.sum(dy, from, from + spatial);
                    sumDyCentered += Loops.sumProductDeviation(dy, x, from, from + spatial, mean);
                }
                dbeta[c] = (float) sumDy;
                dgamma[c] = (float) (sumDyCentered * invStd);
                // dx = k * dy - k * sumDy / m - k * invStd^2 * sumDyCentered / m * (x - mean), with k = gamma * invStd
                float k = gamma[c] * invStd;
                float meanDy = (float) (sumDy / count);
                float slope = (float) (sumDyCentered / count) * invStd * invStd;
                for (int n = 0, from = c * spatial; n < batch; n++, from += stride) {
                    for (int i = from, last = from + spatial; i < last; i++) {
                        dx[i] = k * (dy[i] - meanDy - (x[i] - mean) * slope);
                    }
                }
            }
        });
    }

    /** The backward pass of {@link #forwardEval}: an affine map with fixed statistics. */
    public static void backwardEval(int batch, int channels, int spatial, float[] x, float[] dy, float[] gamma,
                                    float eps, float[] runningMean, float[] runningVar, float[] dx,
                                    float[] dgamma, float[] dbeta) {
        int count = checkBackwardSizes(batch, channels, spatial, x, dy, dx, gamma, dgamma, dbeta);
        checkEps(eps);
        Lengths.require("batch norm running mean", runningMean, channels);
        Lengths.require("batch norm running variance", runningVar, channels);
        int stride = channels * spatial;
        Parallel.forRange(channels, channelGrain(count), (chunk, start, end) -> {
            for (int c = start; c < end; c++) {
                float mean = runningMean[c];
                float invStd = invStd(runningVar[c], eps);
                double sumDy = 0;
                double sumDyCentered = 0;
                for (int n = 0, from = c * spatial; n < batch; n++, from += stride) {
                    sumDy += Loops.sum(dy, from, from + spatial);
                    sumDyCentered += Loops.sumProductDeviation(dy, x, from, from + spatial, mean);
                }
                dbeta[c] = (float) sumDy;
                dgamma[c] = (float) (sumDyCentered * invStd);
                float k = gamma[c] * invStd;
                for (int n = 0, from = c * spatial; n < batch; n++, from += stride) {
                    for (int i = from, last = from + spatial; i < last; i++) {
                        dx[i] = k * dy[i];
                    }
                }
            }
        });
    }

    private static void affine(float[] x, float[] y, int c, int batch, int stride, int spatial, float scale,
                               float shift) {
        for (int n = 0, from = c * spatial; n < batch; n++, from += stride) {
            for (int i = from, last = from + spatial; i < last; i++) {
                y[i] = x[i] * scale + shift;
            }
        }
    }

    private static float invStd(float variance, float eps) {
        return (float) (1.0 / Math.sqrt((double) variance + eps));
    }

    private static int channelGrain(int count) {
        return Math.max(1, MIN_CHUNK_WORK / count);
    }

    private static void checkEps(float eps) {
        if (!(eps > 0f) || Float.isInfinite(eps)) {
            throw new IllegalArgumentException("batch norm eps must be positive and finite, received " + eps);
        }
    }

    /** Checks sizes and returns N * S, the number of values per channel. */
    private static int checkSizes(String what, int batch, int channels, int spatial, float[] x, float[] y,
                                  float[] gamma, float[] beta) {
        Lengths.requirePositive(what + " batch", batch);
        Lengths.requirePositive(what + " channels", channels);
        Lengths.requirePositive(what + " spatial size", spatial);
        int size = Lengths.product(what + " input", batch, channels, spatial);
        Lengths.require(what + " input", x, size);
        Lengths.require(what + " output", y, size);
        Lengths.require(what + " gamma", gamma, channels);
        Lengths.require(what + " beta", beta, channels);
        return Lengths.product(what + " values per channel", batch, spatial);
    }

    private static int checkBackwardSizes(int batch, int channels, int spatial, float[] x, float[] dy, float[] dx,
                                          float[] gamma, float[] dgamma, float[] dbeta) {
        Lengths.requirePositive("batch norm backward batch", batch);
        Lengths.requirePositive("batch norm backward channels", channels);
        Lengths.requirePositive("batch norm backward spatial size", spatial);
        int size = Lengths.product("batch norm backward input", batch, channels, spatial);
        Lengths.require("batch norm backward input", x, size);
        Lengths.require("batch norm backward output gradient", dy, size);
        Lengths.require("batch norm backward input gradient", dx, size);
        Lengths.require("batch norm backward gamma", gamma, channels);
        Lengths.require("batch norm backward gamma gradient", dgamma, channels);
        Lengths.require("batch norm backward beta gradient", dbeta, channels);
        return batch * spatial;
    }
}
