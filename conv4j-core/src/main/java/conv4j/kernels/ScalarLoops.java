package conv4j.kernels;

/**
 * The plain loops behind {@link Loops}, over {@code [from, to)}: the whole path without the Vector API, and the tail
 * of each vector loop. Sums accumulate in double.
 */
final class ScalarLoops {
    private ScalarLoops() {
    }

    static void reluBackward(float[] x, float[] dy, float[] dx, int from, int to) {
        for (int i = from; i < to; i++) {
            dx[i] = select(x[i] > 0f, dy[i], 0f);
        }
    }

    static void leakyRelu(float alpha, float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            float v = x[i];
            y[i] = select(v > 0f, v, alpha * v);
        }
    }

    static void leakyReluBackward(float alpha, float[] x, float[] dy, float[] dx, int from, int to) {
        for (int i = from; i < to; i++) {
            dx[i] = select(x[i] > 0f, dy[i], alpha * dy[i]);
        }
    }

    /**
     * {@code condition ? a : b} through bit masks: C2 compiles a float select on the sign of random data to a branch
     * that mispredicts half the time (measured 15 times slower for ReLU's backward pass).
     */
    static float select(boolean condition, float a, float b) {
        int mask = -(condition ? 1 : 0);
        return Float.intBitsToFloat(Float.floatToRawIntBits(a) & mask | Float.floatToRawIntBits(b) & ~mask);
    }

    static void sigmoid(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            float v = x[i];
            float e = (float) Math.exp(-Math.abs(v));
            y[i] = v >= 0f ? 1f / (1f + e) : e / (1f + e);
        }
    }

    static void tanh(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = (float) Math.tanh(x[i]);
        }
    }

    /** The largest value, NaN if any is NaN; minus infinity for an empty range. */
    static float max(float[] x, int from, int to) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            m = Math.max(m, x[i]);
        }
        return m;
    }

    /** y[yFrom + i - from] = e^(x[i] - shift); returns the sum of what it wrote. */
    static double expShifted(float[] x, int from, int to, float shift, float[] y, int yFrom) {
        double sum = 0;
        for (int i = from, j = yFrom; i < to; i++, j++) {
            float e = (float) Math.exp(x[i] - shift);
            y[j] = e;
            sum += e;
        }
        return sum;
    }

    /** The sum of e^(x[i] - shift). */
    static double sumExpShifted(float[] x, int from, int to, float shift) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (float) Math.exp(x[i] - shift);
        }
        return sum;
    }

    static double sum(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s;
    }

    /** The sum of (x - mean)^2. */
    static double sumSquaredDeviation(float[] x, int from, int to, float mean) {
        double s = 0;
        for (int i = from; i < to; i++) {
            double d = x[i] - mean;
            s += d * d;
        }
        return s;
    }

    /** The sum of g * (x - mean), with g and x read at the same indices. */
    static double sumProductDeviation(float[] g, float[] x, int from, int to, float mean) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += g[i] * (double) (x[i] - mean);
        }
        return s;
    }

    /**
     * y = x * scale where keep is set, else x * 0 (so NaN stays NaN, as PyTorch's multiply by the mask does). The
     * int select compiles without a branch, which a random mask would mispredict half the time.
     */
    static void scaleByMask(boolean[] keep, float scale, float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = x[i] * scale * (keep[i] ? 1 : 0);
        }
    }
}
