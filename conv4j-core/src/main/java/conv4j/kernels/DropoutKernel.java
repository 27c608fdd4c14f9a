package conv4j.kernels;

import conv4j.tensor.Rng;

/**
 * Inverted dropout: in training each element is kept with probability 1 - p and scaled by 1 / (1 - p), so the
 * expected output equals the input and inference needs no rescaling. The keep mask comes from the caller's seeded
 * {@link Rng}, one draw per element in index order, so the same seed gives the same mask. A dropped element is
 * multiplied by zero, as in PyTorch, so a NaN input stays NaN.
 */
public final class DropoutKernel {
    private DropoutKernel() {
    }

    /**
     * y = x * keep / (1 - p), writing the keep mask for the backward pass. With p = 0 it copies x, keeps every
     * element and draws nothing from {@code rng}. {@code y} may be {@code x}.
     */
    public static void forward(float p, Rng rng, float[] x, float[] y, boolean[] keep) {
        checkProbability(p);
        if (rng == null) {
            throw new IllegalArgumentException("dropout needs a random number generator, received null");
        }
        int n = Lengths.length("dropout input", x);
        Lengths.require("dropout output", y, n);
        Lengths.require("dropout mask", keep, n);
        if (p == 0f) {
            System.arraycopy(x, 0, y, 0, n);
            java.util.Arrays.fill(keep, true);
            return;
        }
        // The mask first, in index order from the one generator; then the scaling, a loop without branches.
        for (int i = 0; i < n; i++) {
            keep[i] = rng.nextFloat() >= p;
        }
        Loops.scaleByMask(keep, 1f / (1f - p), x, y, 0, n);
    }

    /** dx = dy * keep / (1 - p). {@code dx} may be {@code dy}. */
    public static void backward(float p, boolean[] keep, float[] dy, float[] dx) {
        checkProbability(p);
        int n = Lengths.length("dropout output gradient", dy);
        Lengths.require("dropout mask", keep, n);
        Lengths.require("dropout input gradient", dx, n);
        Loops.scaleByMask(keep, 1f / (1f - p), dy, dx, 0, n);
    }

    private static void checkProbability(float p) {
        if (!(p >= 0f && p < 1f)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), received " + p);
        }
    }
}
