package conv4j.kernels;

/**
 * Batch normalisation over N x C x S in double, from the definition; the training backward pass sums the full
 * Jacobian d y_j / d x_i = gamma * invStd * (delta_ij - 1/m - xhat_i * xhat_j / m) over each channel's m values. The
 * oracle for {@link BatchNorm}.
 */
final class BatchNormReference {
    private BatchNormReference() {
    }

    /** Per-channel batch statistics: mean, biased variance, unbiased variance. */
    record Statistics(double[] mean, double[] variance, double[] unbiasedVariance) {
    }

    static Statistics statistics(int batch, int channels, int spatial, double[] x) {
        double[] mean = new double[channels];
        double[] variance = new double[channels];
        double[] unbiased = new double[channels];
        int m = batch * spatial;
        for (int c = 0; c < channels; c++) {
            for (int n = 0; n < batch; n++) {
                for (int s = 0; s < spatial; s++) {
                    mean[c] += x[index(channels, spatial, n, c, s)];
                }
            }
            mean[c] /= m;
            for (int n = 0; n < batch; n++) {
                for (int s = 0; s < spatial; s++) {
                    double d = x[index(channels, spatial, n, c, s)] - mean[c];
                    variance[c] += d * d;
                }
            }
            unbiased[c] = variance[c] / (m - 1);
            variance[c] /= m;
        }
        return new Statistics(mean, variance, unbiased);
    }

    /** y = (x - mean) / sqrt(var + eps) * gamma + beta with the given per-channel mean and variance. */
    static double[] normalise(int batch, int channels, int spatial, double[] x, double[] gamma, double[] beta,
                              double[] mean, double[] variance, double eps) {
        double[] y = new double[x.length];
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                for (int s = 0; s < spatial; s++) {
                    int i = index(channels, spatial, n, c, s);
                    y[i] = (x[i] - mean[c]) / Math.sqrt(variance[c] + eps) * gamma[c] + beta[c];
                }
            }
        }
        return y;
    }

    static double[] forwardTrain(int batch, int channels, int spatial, double[] x, double[] gamma, double[] beta,
                                 double eps) {
        Statistics s = statistics(batch, channels, spatial, x);
        return normalise(batch, channels, spatial, x, gamma, beta, s.mean(), s.variance(), eps);
    }

    /** dx, dgamma, dbeta of one backward pass. */
    record Gradients(double[] dx, double[] dgamma, double[] dbeta) {
    }

    static Gradients backwardTrain(int batch, int channels, int spatial, double[] x, double[] dy, double[] gamma,
                                   double eps) {
        Statistics st = statistics(batch, channels, spatial, x);
        int m = batch * spatial;
        double[] dx = new double[x.length];
        double[] dgamma = new double[channels];
        double[] dbeta = new double[channels];
        for (int c = 0; c < channels; c++) {
            double invStd = 1 / Math.sqrt(st.variance()[c] + eps);
            int[] members = new int[m];
            for (int n = 0, k = 0; n < batch; n++) {
                for (int s = 0; s < spatial; s++) {
                    members[k++] = index(channels, spatial, n, c, s);
                }
            }
            for (int i : members) {
                double xhatI = (x[i] - st.mean()[c]) * invStd;
                dgamma[c] += dy[i] * xhatI;
                dbeta[c] += dy[i];
                double sum = 0;
                for (int j : members) {
                    double xhatJ = (x[j] - st.mean()[c]) * invStd;
                    double jacobian = gamma[c] * invStd * ((i == j ? 1 : 0) - 1.0 / m - xhatI * xhatJ / m);
                    sum += dy[j] * jacobian;
                }
                dx[i] = sum;
            }
        }
        return new Gradients(dx, dgamma, dbeta);
    }

    static Gradients backwardEval(int batch, int channels, int spatial, double[] x, double[] dy, double[] gamma,
                                  double[] mean, double[] variance, double eps) {
        double[] dx = new double[x.length];
        double[] dgamma = new double[channels];
        double[] dbeta = new double[channels];
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                double invStd = 1 / Math.sqrt(variance[c] + eps);
                for (int s = 0; s < spatial; s++) {
                    int i = index(channels, spatial, n, c, s);
                    dx[i] = dy[i] * gamma[c] * invStd;
                    dgamma[c] += dy[i] * (x[i] - mean[c]) * invStd;
                    dbeta[c] += dy[i];
                }
            }
        }
        return new Gradients(dx, dgamma, dbeta);
    }

    private static int index(int channels, int spatial, int n, int c, int s) {
        return (n * channels + c) * spatial + s;
    }
}
