package conv4j.kernels;

/**
 * Softmax, log-softmax and the losses as the plain formulas in double, with backward passes written from the
 * Jacobians: the oracle for {@link SoftmaxKernel} and {@link LossKernel}. Rows are shifted by their maximum, as any
 * careful implementation must, or e^1000 overflows even in double.
 */
final class SoftmaxReference {
    private SoftmaxReference() {
    }

    static double[] softmax(int rows, int cols, double[] x) {
        double[] y = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, x[r * cols + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(x[r * cols + j] - max);
            }
            for (int j = 0; j < cols; j++) {
                y[r * cols + j] = Math.exp(x[r * cols + j] - max) / sum;
            }
        }
        return y;
    }

    static double[] logSoftmax(int rows, int cols, double[] x) {
        double[] p = softmax(rows, cols, x);
        double[] y = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            y[i] = Math.log(p[i]);
        }
        return y;
    }

    /** dx_j = sum_i dy_i * dy_i/dx_j with d softmax_i / dx_j = p_i (delta_ij - p_j). */
    static double[] softmaxBackward(int rows, int cols, double[] x, double[] dy) {
        double[] p = softmax(rows, cols, x);
        double[] dx = new double[p.length];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                double s = 0;
                for (int i = 0; i < cols; i++) {
                    double jacobian = p[r * cols + i] * ((i == j ? 1 : 0) - p[r * cols + j]);
                    s += dy[r * cols + i] * jacobian;
                }
                dx[r * cols + j] = s;
            }
        }
        return dx;
    }

    /** d log softmax_i / dx_j = delta_ij - p_j. */
    static double[] logSoftmaxBackward(int rows, int cols, double[] x, double[] dy) {
        double[] p = softmax(rows, cols, x);
        double[] dx = new double[p.length];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                double s = 0;
                for (int i = 0; i < cols; i++) {
                    s += dy[r * cols + i] * ((i == j ? 1 : 0) - p[r * cols + j]);
                }
                dx[r * cols + j] = s;
            }
        }
        return dx;
    }

    /** Mean over the rows of -log softmax(x)[label]. */
    static double crossEntropy(int rows, int cols, double[] logits, int[] labels) {
        double[] logP = logSoftmax(rows, cols, logits);
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            loss -= logP[r * cols + labels[r]];
        }
        return loss / rows;
    }

    static double[] crossEntropyBackward(int rows, int cols, double[] logits, int[] labels, double gradLoss) {
        double[] dx = softmax(rows, cols, logits);
        for (int r = 0; r < rows; r++) {
            dx[r * cols + labels[r]] -= 1;
        }
        for (int i = 0; i < dx.length; i++) {
            dx[i] *= gradLoss / rows;
        }
        return dx;
    }

    static double meanSquaredError(double[] prediction, double[] target) {
        double s = 0;
        for (int i = 0; i < prediction.length; i++) {
            s += (prediction[i] - target[i]) * (prediction[i] - target[i]);
        }
        return s / prediction.length;
    }

    static double[] meanSquaredErrorBackward(double[] prediction, double[] target, double gradLoss) {
        double[] d = new double[prediction.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = gradLoss * 2 * (prediction[i] - target[i]) / prediction.length;
        }
        return d;
    }
}
