package conv4j.kernels;

/**
 * Local response normalisation across channels, as PyTorch defines it, on N x C x S arrays (S = H * W):
 * {@code b_c = a_c / (k + alpha / size * sum a_c'^2)^beta}, the sum over {@code c' = c - size/2 .. c + (size-1)/2},
 * with zero padding outside the channel range. Note that alpha is divided by the window size (Caffe's convention;
 * the AlexNet paper's formula does not divide). Planes are split over the shared pool; each output plane is written
 * by one thread only, so results repeat exactly.
 */
public record LocalResponseNormKernel(int size, double alpha, double beta, double k) {
    /** Planes' worth of elements per chunk: below this a second thread does not pay for waking it. */
    static final int MIN_CHUNK_WORK = 1 << 14;

    public LocalResponseNormKernel {
        Lengths.requirePositive("local response norm size", size);
        requireNonNegative("alpha", alpha);
        requireNonNegative("beta", beta);
        if (!(k > 0) || Double.isInfinite(k)) {
            throw new IllegalArgumentException("local response norm k must be positive and finite, received " + k);
        }
    }

    /** AlexNet's setting: size 5, alpha 1e-4, beta 0.75, k 2. */
    public static LocalResponseNormKernel alexNet() {
        return new LocalResponseNormKernel(5, 1e-4, 0.75, 2);
    }

    /**
     * Writes y and, for the backward pass, {@code scale = k + alpha / size * sum a^2} (so y = x * scale^-beta).
     * {@code y} must not be {@code x}: each plane reads its neighbours.
     */
    public void forward(int batch, int channels, int spatial, float[] x, float[] y, float[] scale) {
        int total = checkSizes(batch, channels, spatial);
        Lengths.require("local response norm input", x, total);
        Lengths.require("local response norm output", y, total);
        Lengths.require("local response norm scale", scale, total);
        if (x == y || x == scale) {
            throw new IllegalArgumentException("local response norm cannot run in place: output and input must be "
                    + "different arrays");
        }
        float perTerm = (float) (alpha / size);
        float kf = (float) k;
        Parallel.forRange(batch * channels, planeGrain(spatial), (chunk, start, end) -> {
            for (int plane = start; plane < end; plane++) {
                int c = plane % channels;
                int firstPlane = plane - c; // channel 0 of this sample
                int out = plane * spatial;
                int first = Math.max(0, c - size / 2);
                int last = Math.min(channels - 1, c + (size - 1) / 2);
                java.util.Arrays.fill(scale, out, out + spatial, 0f);
                for (int j = first; j <= last; j++) {
                    int in = (firstPlane + j) * spatial;
                    for (int i = 0; i < spatial; i++) {
                        float v = x[in + i];
                        scale[out + i] += v * v;
                    }
                }
                for (int i = out, stop = out + spatial; i < stop; i++) {
                    float s = kf + perTerm * scale[i];
                    scale[i] = s;
                    y[i] = x[i] * powMinusBeta(s);
                }
            }
        });
    }

    /**
     * dx_j = dy_j * scale_j^-beta - 2 alpha beta / size * x_j * sum_c dy_c * y_c / scale_c, the sum over the
     * channels c whose window holds j. {@code dx} must not be {@code dy}: each plane reads its neighbours.
     */
    public void backward(int batch, int channels, int spatial, float[] x, float[] y, float[] scale, float[] dy,
                         float[] dx) {
        int total = checkSizes(batch, channels, spatial);
        Lengths.require("local response norm input", x, total);
        Lengths.require("local response norm output", y, total);
        Lengths.require("local response norm scale", scale, total);
        Lengths.require("local response norm output gradient", dy, total);
        Lengths.require("local response norm input gradient", dx, total);
        if (dx == dy || dx == x || dx == y || dx == scale) {
            throw new IllegalArgumentException("local response norm backward cannot run in place: the input "
                    + "gradient must be a separate array");
        }
        float coefficient = (float) (2 * alpha * beta / size);
        Parallel.forRange(batch * channels, planeGrain(spatial), (chunk, start, end) -> {
            for (int plane = start; plane < end; plane++) {
                int c = plane % channels;
                int firstPlane = plane - c; // channel 0 of this sample
                int out = plane * spatial;
                // Channel c lies in the windows of channels c - (size-1)/2 .. c + size/2.
                int first = Math.max(0, c - (size - 1) / 2);
                int last = Math.min(channels - 1, c + size / 2);
                java.util.Arrays.fill(dx, out, out + spatial, 0f);
                for (int j = first; j <= last; j++) {
                    int in = (firstPlane + j) * spatial;
                    for (int i = 0; i < spatial; i++) {
                        dx[out + i] += dy[in + i] * y[in + i] / scale[in + i];
                    }
                }
                for (int i = out, stop = out + spatial; i < stop; i++) {
                    dx[i] = dy[i] * powMinusBeta(scale[i]) - coefficient * x[i] * dx[i];
                }
            }
        });
    }

    /** s^-beta; the common betas avoid Math.pow, which C2 does not vectorise. */
    private float powMinusBeta(float s) {
        if (beta == 0.75) {
            float root = (float) Math.sqrt(s);
            return 1f / (root * (float) Math.sqrt(root));
        }
        if (beta == 0.5) {
            return 1f / (float) Math.sqrt(s);
        }
        return (float) Math.pow(s, -beta);
    }

    private static int planeGrain(int spatial) {
        return Math.max(1, MIN_CHUNK_WORK / spatial);
    }

    private static int checkSizes(int batch, int channels, int spatial) {
        Lengths.requirePositive("local response norm batch", batch);
        Lengths.requirePositive("local response norm channels", channels);
        Lengths.requirePositive("local response norm spatial size", spatial);
        return Lengths.product("local response norm input", batch, channels, spatial);
    }

    private static void requireNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("local response norm " + name
                    + " must be non-negative and finite, received " + value);
        }
    }
}
