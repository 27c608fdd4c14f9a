package conv4j.kernels;

/**
 * The Winograd transforms one lane at a time, and the 1-D rules they are made of. Each rule reads its values
 * {@code step} apart from {@code o} and writes them {@code bStep} apart from {@code p}; it reads everything before
 * writing, so a rule may overwrite its source.
 */
final class ScalarWinogradTransforms implements WinogradTransforms {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void weights(float[] src, int srcOffset, int srcStride, float[] dst, int dstOffset, int dstStride,
                        int count) {
        for (int l = 0; l < count; l++) {
            weightsLane(src, srcOffset + l, srcStride, dst, dstOffset + l, dstStride);
        }
    }

    @Override
    public void input(float[] src, int srcOffset, int srcStride, float[] dst, int dstOffset, int dstStride,
                      int count) {
        for (int l = 0; l < count; l++) {
            inputLane(src, srcOffset + l, srcStride, dst, dstOffset + l, dstStride);
        }
    }

    @Override
    public void output(float[] src, int srcOffset, int srcStride, float[] dst, int dstOffset, int dstStride,
                       int count) {
        for (int l = 0; l < count; l++) {
            outputLane(src, srcOffset + l, srcStride, dst, dstOffset + l, dstStride);
        }
    }

    /** Each row i of g times G^T in place (planes i * 6 + j), then G times each column into the output. */
    static void weightsLane(float[] src, int o, int stride, float[] dst, int p, int dstStride) {
        for (int i = 0; i < 3; i++) {
            int row = o + i * N * stride;
            g(src, row, stride, src, row, stride);
        }
        for (int j = 0; j < N; j++) {
            g(src, o + j * stride, N * stride, dst, p + j * dstStride, N * dstStride);
        }
    }

    /** B^T times each column in place, then each row times B into the output. */
    static void inputLane(float[] src, int o, int stride, float[] dst, int p, int dstStride) {
        for (int s = 0; s < N; s++) {
            bt(src, o + s * stride, N * stride, src, o + s * stride, N * stride);
        }
        for (int i = 0; i < N; i++) {
            bt(src, o + i * N * stride, stride, dst, p + i * N * dstStride, dstStride);
        }
    }

    /** A^T times each column into rows 0..3 of the output, then each of those rows times A in place. */
    static void outputLane(float[] src, int o, int stride, float[] dst, int p, int dstStride) {
        for (int s = 0; s < N; s++) {
            at(src, o + s * stride, N * stride, dst, p + s * dstStride, N * dstStride);
        }
        for (int i = 0; i < M; i++) {
            int row = p + i * N * dstStride;
            at(dst, row, dstStride, dst, row, dstStride);
        }
    }

    /** The rows of G = [1/4 0 0; -1/6 -1/6 -1/6; -1/6 1/6 -1/6; 1/24 1/12 1/6; 1/24 -1/12 1/6; 0 0 1]. */
    static void g(float[] a, int o, int step, float[] b, int p, int bStep) {
        float g0 = a[o];
        float g1 = a[o + step];
        float g2 = a[o + 2 * step];
        float s = g0 + g2;
        float even = g0 * TWENTY_FOURTH + g2 * SIXTH;
        float odd = g1 * TWELFTH;
        b[p] = g0 * QUARTER;
        b[p + bStep] = (s + g1) * MINUS_SIXTH;
        b[p + 2 * bStep] = (s - g1) * MINUS_SIXTH;
        b[p + 3 * bStep] = even + odd;
        b[p + 4 * bStep] = even - odd;
        b[p + 5 * bStep] = g2;
    }

    /**
     * The rows of B^T = [4 0 -5 0 1 0; 0 -4 -4 1 1 0; 0 4 -4 -1 1 0; 0 -2 -1 2 1 0; 0 2 -1 -2 1 0; 0 4 0 -5 0 1].
     */
    static void bt(float[] a, int o, int step, float[] b, int p, int bStep) {
        float d0 = a[o];
        float d1 = a[o + step];
        float d2 = a[o + 2 * step];
        float d3 = a[o + 3 * step];
        float d4 = a[o + 4 * step];
        float d5 = a[o + 5 * step];
        float fours = d4 - 4f * d2;
        float fourOdd = d3 - 4f * d1;
        float ones = d4 - d2;
        float twos = 2f * (d3 - d1);
        b[p] = (4f * d0 - 5f * d2) + d4;
        b[p + bStep] = fours + fourOdd;
        b[p + 2 * bStep] = fours - fourOdd;
        b[p + 3 * bStep] = ones + twos;
        b[p + 4 * bStep] = ones - twos;
        b[p + 5 * bStep] = (4f * d1 - 5f * d3) + d5;
    }

    /** The rows of A^T = [1 1 1 1 1 0; 0 1 -1 2 -2 0; 0 1 1 4 4 0; 0 1 -1 8 -8 1]. */
    static void at(float[] a, int o, int step, float[] b, int p, int bStep) {
        float m0 = a[o];
        float m1 = a[o + step];
        float m2 = a[o + 2 * step];
        float m3 = a[o + 3 * step];
        float m4 = a[o + 4 * step];
        float m5 = a[o + 5 * step];
        float sum12 = m1 + m2;
        float diff12 = m1 - m2;
        float sum34 = m3 + m4;
        float diff34 = m3 - m4;
        b[p] = (m0 + sum12) + sum34;
        b[p + bStep] = diff12 + 2f * diff34;
        b[p + 2 * bStep] = sum12 + 4f * sum34;
        b[p + 3 * bStep] = (diff12 + 8f * diff34) + m5;
    }
}
