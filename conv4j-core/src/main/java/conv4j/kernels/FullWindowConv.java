package conv4j.kernels;

/**
 * A convolution whose window covers the whole unpadded input (LeNet's C5: 16 x 5 x 5 in, 1 x 1 out) is a fully
 * connected layer over the flattened images, so the whole batch goes through one matrix product per pass instead of
 * one tiny product per image: y (N x K) = x (N x CHW) * w^T, dx = dy * w, dw = dy^T * x.
 */
final class FullWindowConv {
    private FullWindowConv() {
    }

    static boolean applies(Conv2dGeometry g) {
        return g.groups() == 1 && g.dilationH() == 1 && g.dilationW() == 1
                && g.kernelH() == g.inHeight() && g.kernelW() == g.inWidth()
                && g.padTop() == 0 && g.padBottom() == 0 && g.padLeft() == 0 && g.padRight() == 0;
    }

    static void forward(Conv2dGeometry g, float[] x, float[] weight, float[] bias, float[] y) {
        int n = g.batch();
        int k = g.outChannels();
        int depth = g.columnRows();
        Gemm.sgemm(false, true, n, k, depth, 1f, x, 0, depth, weight, 0, depth, 0f, y, 0, k);
        if (bias != null) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    y[i * k + j] += bias[j];
                }
            }
        }
    }

    static void backwardInput(Conv2dGeometry g, float[] dy, float[] weight, float[] dx) {
        int depth = g.columnRows();
        Gemm.sgemm(false, false, g.batch(), depth, g.outChannels(), 1f, dy, 0, g.outChannels(), weight, 0, depth,
                0f, dx, 0, depth);
    }

    static void backwardWeight(Conv2dGeometry g, float[] x, float[] dy, float[] dWeight, float[] dBias) {
        int n = g.batch();
        int k = g.outChannels();
        int depth = g.columnRows();
        Gemm.sgemm(true, false, k, depth, n, 1f, dy, 0, k, x, 0, depth, 0f, dWeight, 0, depth);
        if (dBias != null) {
            for (int j = 0; j < k; j++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += dy[i * k + j];
                }
                dBias[j] = (float) sum;
            }
        }
    }
}
