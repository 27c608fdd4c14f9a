package conv4j.kernels;

/**
 * Elementwise activations and their backward passes. Forward writes {@code y = f(x)}; {@code y} may be {@code x}
 * (in place). Each backward says which saved array it takes: ReLU and LeakyReLU take the input, sigmoid and tanh the
 * output (their derivatives are cheapest from it). {@code dx} may be {@code dy}. Large arrays are split over the
 * shared pool in fixed ranges.
 */
public final class Activations {
    /** Elements per chunk: below this a second thread does not pay for waking it. */
    static final int GRAIN = 1 << 16;

    private Activations() {
    }

    /** max(0, x); NaN stays NaN. */
    public static void relu(float[] x, float[] y) {
        Lengths.require("relu output", y, Lengths.length("relu input", x));
        // Math.max is vectorised by C2 as it stands.
        Parallel.forRange(x.length, GRAIN, (chunk, start, end) -> {
            for (int i = start; i < end; i++) {
                y[i] = Math.max(x[i], 0f);
            }
        });
    }

    /** From the saved input: dx = dy where x > 0, else 0. The derivative at exactly 0 is 0, as in PyTorch. */
    public static void reluBackward(float[] x, float[] dy, float[] dx) {
        int n = Lengths.length("relu input", x);
        Lengths.require("relu output gradient", dy, n);
        Lengths.require("relu input gradient", dx, n);
        Parallel.forRange(n, GRAIN, (chunk, start, end) -> Loops.reluBackward(x, dy, dx, start, end));
    }

    /** x for x > 0, else alpha * x. */
    public static void leakyRelu(float alpha, float[] x, float[] y) {
        Lengths.require("leaky relu output", y, Lengths.length("leaky relu input", x));
        Parallel.forRange(x.length, GRAIN, (chunk, start, end) -> Loops.leakyRelu(alpha, x, y, start, end));
    }

    /** From the saved input: dx = dy where x > 0, else alpha * dy (alpha also at exactly 0). */
    public static void leakyReluBackward(float alpha, float[] x, float[] dy, float[] dx) {
        int n = Lengths.length("leaky relu input", x);
        Lengths.require("leaky relu output gradient", dy, n);
        Lengths.require("leaky relu input gradient", dx, n);
        Parallel.forRange(n, GRAIN, (chunk, start, end) -> Loops.leakyReluBackward(alpha, x, dy, dx, start, end));
    }

    /** 1 / (1 + e^-x), computed from e^-|x| so that no exponential overflows for large |x|. */
    public static void sigmoid(float[] x, float[] y) {
        Lengths.require("sigmoid output", y, Lengths.length("sigmoid input", x));
        Parallel.forRange(x.length, GRAIN, (chunk, start, end) -> Loops.sigmoid(x, y, start, end));
    }

    /** From the saved output: dx = dy * y * (1 - y). */
    public static void sigmoidBackward(float[] y, float[] dy, float[] dx) {
        int n = Lengths.length("sigmoid output", y);
        Lengths.require("sigmoid output gradient", dy, n);
        Lengths.require("sigmoid input gradient", dx, n);
        Parallel.forRange(n, GRAIN, (chunk, start, end) -> {
            for (int i = start; i < end; i++) {
                float s = y[i];
                dx[i] = dy[i] * s * (1f - s);
            }
        });
    }

    public static void tanh(float[] x, float[] y) {
        Lengths.require("tanh output", y, Lengths.length("tanh input", x));
        Parallel.forRange(x.length, GRAIN, (chunk, start, end) -> Loops.tanh(x, y, start, end));
    }

    /** From the saved output: dx = dy * (1 - y^2). */
    public static void tanhBackward(float[] y, float[] dy, float[] dx) {
        int n = Lengths.length("tanh output", y);
        Lengths.require("tanh output gradient", dy, n);
        Lengths.require("tanh input gradient", dx, n);
        Parallel.forRange(n, GRAIN, (chunk, start, end) -> {
            for (int i = start; i < end; i++) {
                float t = y[i];
                dx[i] = dy[i] * (1f - t * t);
            }
        });
    }
}
