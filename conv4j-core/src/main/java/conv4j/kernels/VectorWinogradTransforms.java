package conv4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Winograd transforms a vector of lanes at a time, in the order of {@link ScalarWinogradTransforms}'s rules, which
 * take the lanes of the tail. Loaded only by name, after checking that the incubator module is present (see
 * {@link WinogradConv}).
 */
final class VectorWinogradTransforms implements WinogradTransforms {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int V = SPECIES.length();

    @Override
    public String name() {
        return "vector (" + SPECIES.vectorBitSize() + "-bit)";
    }

    @Override
    public void weights(float[] src, int srcOffset, int srcStride, float[] dst, int dstOffset, int dstStride,
                        int count) {
        int l = 0;
        for (; l <= count - V; l += V) {
            int o = srcOffset + l;
            int p = dstOffset + l;
            for (int i = 0; i < 3; i++) {
                int row = o + i * N * srcStride;
                g(src, row, srcStride, src, row, srcStride);
            }
            for (int j = 0; j < N; j++) {
                g(src, o + j * srcStride, N * srcStride, dst, p + j * dstStride, N * dstStride);
            }
        }
        for (; l < count; l++) {
            ScalarWinogradTransforms.weightsLane(src, srcOffset + l, srcStride, dst, dstOffset + l, dstStride);
        }
    }

    @Override
    public void input(float[] src, int srcOffset, int srcStride, float[] dst, int dstOffset, int dstStride,
                      int count) {
        int l = 0;
        for (; l <= count - V; l += V) {
            int o = srcOffset + l;
            int p = dstOffset + l;
            for (int s = 0; s < N; s++) {
                bt(src, o + s * srcStride, N * srcStride, src, o + s * srcStride, N * srcStride);
            }
            for (int i = 0; i < N; i++) {
                bt(src, o + i * N * srcStride, srcStride, dst, p + i * N * dstStride, dstStride);
            }
        }
        for (; l < count; l++) {
            ScalarWinogradTransforms.inputLane(src, srcOffset + l, srcStride, dst, dstOffset + l, dstStride);
        }
    }

    @Override
    public void output(float[] src, int srcOffset, int srcStride, float[] dst, int dstOffset, int dstStride,
                       int count) {
        int l = 0;
        for (; l <= count - V; l += V) {
            int o = srcOffset + l;
            int p = dstOffset + l;
            for (int s = 0; s < N; s++) {
                at(src, o + s * srcStride, N * srcStride, dst, p + s * dstStride, N * dstStride);
            }
            for (int i = 0; i < M; i++) {
                int row = p + i * N * dstStride;
                at(dst, row, dstStride, dst, row, dstStride);
            }
        }
        for (; l < count; l++) {
            ScalarWinogradTransforms.outputLane(src, srcOffset + l, srcStride, dst, dstOffset + l, dstStride);
        }
    }

    private static void g(float[] a, int o, int step, float[] b, int p, int bStep) {
        FloatVector g0 = FloatVector.fromArray(SPECIES, a, o);
        FloatVector g1 = FloatVector.fromArray(SPECIES, a, o + step);
        FloatVector g2 = FloatVector.fromArray(SPECIES, a, o + 2 * step);
        FloatVector s = g0.add(g2);
        FloatVector even = g0.mul(TWENTY_FOURTH).add(g2.mul(SIXTH));
        FloatVector odd = g1.mul(TWELFTH);
        g0.mul(QUARTER).intoArray(b, p);
        s.add(g1).mul(MINUS_SIXTH).intoArray(b, p + bStep);
        s.sub(g1).mul(MINUS_SIXTH).intoArray(b, p + 2 * bStep);
        even.add(odd).intoArray(b, p + 3 * bStep);
        even.sub(odd).intoArray(b, p + 4 * bStep);
        g2.intoArray(b, p + 5 * bStep);
    }

    private static void bt(float[] a, int o, int step, float[] b, int p, int bStep) {
        FloatVector d0 = FloatVector.fromArray(SPECIES, a, o);
        FloatVector d1 = FloatVector.fromArray(SPECIES, a, o + step);
        FloatVector d2 = FloatVector.fromArray(SPECIES, a, o + 2 * step);
        FloatVector d3 = FloatVector.fromArray(SPECIES, a, o + 3 * step);
        FloatVector d4 = FloatVector.fromArray(SPECIES, a, o + 4 * step);
        FloatVector d5 = FloatVector.fromArray(SPECIES, a, o + 5 * step);
        FloatVector fours = d4.sub(d2.mul(4f));
        FloatVector fourOdd = d3.sub(d1.mul(4f));
        FloatVector ones = d4.sub(d2);
        FloatVector twos = d3.sub(d1).mul(2f);
        d0.mul(4f).sub(d2.mul(5f)).add(d4).intoArray(b, p);
        fours.add(fourOdd).intoArray(b, p + bStep);
        fours.sub(fourOdd).intoArray(b, p + 2 * bStep);
        ones.add(twos).intoArray(b, p + 3 * bStep);
        ones.sub(twos).intoArray(b, p + 4 * bStep);
        d1.mul(4f).sub(d3.mul(5f)).add(d5).intoArray(b, p + 5 * bStep);
    }

    private static void at(float[] a, int o, int step, float[] b, int p, int bStep) {
        FloatVector m0 = FloatVector.fromArray(SPECIES, a, o);
        FloatVector m1 = FloatVector.fromArray(SPECIES, a, o + step);
        FloatVector m2 = FloatVector.fromArray(SPECIES, a, o + 2 * step);
        FloatVector m3 = FloatVector.fromArray(SPECIES, a, o + 3 * step);
        FloatVector m4 = FloatVector.fromArray(SPECIES, a, o + 4 * step);
        FloatVector m5 = FloatVector.fromArray(SPECIES, a, o + 5 * step);
        FloatVector sum12 = m1.add(m2);
        FloatVector diff12 = m1.sub(m2);
        FloatVector sum34 = m3.add(m4);
        FloatVector diff34 = m3.sub(m4);
        m0.add(sum12).add(sum34).intoArray(b, p);
        diff12.add(diff34.mul(2f)).intoArray(b, p + bStep);
        sum12.add(sum34.mul(4f)).intoArray(b, p + 2 * bStep);
        diff12.add(diff34.mul(8f)).add(m5).intoArray(b, p + 3 * bStep);
    }
}
