package conv4j.kernels;

/**
 * The plain loops behind {@link Loops}, over {@code [from, to)}: the whole path without the Vector API, the tail of
 * each vector loop, and the definition of what {@link VectorLoops} computes, bit for bit.
 *
 * <p>A sum has one order whatever the machine: element i goes to lane (i - from) % {@link #LANES} of 16 float lanes,
 * each lane adds its elements in index order, and after every {@link #BLOCK} elements the lanes are added into a
 * double, lane 0 first. Sixteen lanes are one vector at 512 bits, two at 256, four at 128, so the vector loops follow
 * the same order at every width; blocks keep long sums (a 224 x 224 plane) accurate.
 */
final class ScalarLoops {
    /** Lanes of a sum: the floats of the widest vector, so every narrower width holds them in whole vectors. */
    static final int LANES = 16;
    /** Elements summed in float lanes before the lanes go into a double; a multiple of {@link #LANES}. */
    static final int BLOCK = 1024;

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
            float e = FloatMath.exp(-Math.abs(v));
            float r = 1f / (1f + e);
            y[i] = v >= 0f ? r : r * e;
        }
    }

    static void tanh(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = FloatMath.tanh(x[i]);
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

    /** y[yFrom + i - from] = e^(x[i] - shift); returns the sum of what it wrote, in the order of the class comment. */
    static double expShifted(float[] x, int from, int to, float shift, float[] y, int yFrom) {
        for (int i = from, j = yFrom; i < to; i++, j++) {
            y[j] = FloatMath.exp(x[i] - shift);
        }
        return sum(y, yFrom, yFrom + (to - from));
    }

    /** The sum of e^(x[i] - shift). */
    static double sumExpShifted(float[] x, int from, int to, float shift) {
        double sum = 0;
        for (int start = from; start < to; start += BLOCK) {
            int end = Math.min(to, start + BLOCK);
            for (int lane = 0; lane < LANES; lane++) {
                float s = 0f;
                for (int i = start + lane; i < end; i += LANES) {
                    s += FloatMath.exp(x[i] - shift);
                }
                sum += s;
            }
        }
        return sum;
    }

    static double sum(float[] x, int from, int to) {
        if (to - from < LANES) {
            return shortSum(x, from, to);
        }
        double sum = 0;
        for (int start = from; start < to; start += BLOCK) {
            int end = Math.min(to, start + BLOCK);
            for (int lane = 0; lane < LANES; lane++) {
                float s = 0f;
                for (int i = start + lane; i < end; i += LANES) {
                    s += x[i];
                }
                sum += s;
            }
        }
        return sum;
    }

    /** The sum of (x - mean)^2, each square added by a fused multiply-add. */
    static double sumSquaredDeviation(float[] x, int from, int to, float mean) {
        if (to - from < LANES) {
            return shortSumSquaredDeviation(x, from, to, mean);
        }
        double sum = 0;
        for (int start = from; start < to; start += BLOCK) {
            int end = Math.min(to, start + BLOCK);
            for (int lane = 0; lane < LANES; lane++) {
                float s = 0f;
                for (int i = start + lane; i < end; i += LANES) {
                    float d = x[i] - mean;
                    s = Math.fma(d, d, s);
                }
                sum += s;
            }
        }
        return sum;
    }

    /** The sum of (x - mean) * g, with g and x read at the same indices, each by a fused multiply-add. */
    static double sumProductDeviation(float[] g, float[] x, int from, int to, float mean) {
        if (to - from < LANES) {
            return shortSumProductDeviation(g, x, from, to, mean);
        }
        double sum = 0;
        for (int start = from; start < to; start += BLOCK) {
            int end = Math.min(to, start + BLOCK);
            for (int lane = 0; lane < LANES; lane++) {
                float s = 0f;
                for (int i = start + lane; i < end; i += LANES) {
                    s = Math.fma(x[i] - mean, g[i], s);
                }
                sum += s;
            }
        }
        return sum;
    }

    /*
     * Fewer elements than lanes: each lane holds at most one, so the lanes' float sums are the elements themselves
     * (0f + v == v, and -0f becomes 0f either way in the double) and adding them into the double in lane order is
     * this ordered loop: the same bits for a fraction of the cost. Batch norm over 1x1 or 2x2 maps (ResNet's last
     * stage on CIFAR) makes one call per image and channel: 64 x 512 x 1 took 1.2 ms forward and backward each.
     */
    static double shortSum(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i];
        }
        return sum;
    }

    static double shortSumSquaredDeviation(float[] x, int from, int to, float mean) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            float d = x[i] - mean;
            sum += Math.fma(d, d, 0f);
        }
        return sum;
    }

    static double shortSumProductDeviation(float[] g, float[] x, int from, int to, float mean) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += Math.fma(x[i] - mean, g[i], 0f);
        }
        return sum;
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
