package conv4j.kernels;

/**
 * The plain-Java twin of {@link VectorMicroKernel}, used when the Vector API module is not loaded. Math.fma keeps its
 * bits identical to the vector kernel's; the inner loop over a row is simple enough for C2 to vectorise on its own.
 */
final class ScalarMicroKernel implements GemmMicroKernel {
    static final int MR = 4;
    static final int NR = 16;

    private static final ThreadLocal<float[]> ACCUMULATORS = ThreadLocal.withInitial(() -> new float[MR * NR]);

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public String name() {
        return "scalar " + MR + "x" + NR;
    }

    @Override
    public void multiply(int kc, float[] ap, int apOffset, float[] bp, int bpOffset,
                         float alpha, float beta, float[] c, int cOffset, int ldc) {
        float[] acc = ACCUMULATORS.get();
        java.util.Arrays.fill(acc, 0f);
        for (int p = 0; p < kc; p++) {
            int bRow = bpOffset + p * NR;
            int aCol = apOffset + p * MR;
            for (int i = 0; i < MR; i++) {
                float av = ap[aCol + i];
                int accRow = i * NR;
                for (int j = 0; j < NR; j++) {
                    acc[accRow + j] = Math.fma(av, bp[bRow + j], acc[accRow + j]);
                }
            }
        }
        for (int i = 0; i < MR; i++) {
            int cRow = cOffset + i * ldc;
            int accRow = i * NR;
            if (beta == 0f) {
                for (int j = 0; j < NR; j++) {
                    c[cRow + j] = alpha * acc[accRow + j];
                }
            } else {
                for (int j = 0; j < NR; j++) {
                    c[cRow + j] = alpha * acc[accRow + j] + beta * c[cRow + j];
                }
            }
        }
    }
}
