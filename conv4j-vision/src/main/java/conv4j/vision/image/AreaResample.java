package conv4j.vision.image;

/**
 * Resizes a grey plane by area averaging: each output pixel is the mean of the input area it covers, partial pixels
 * weighted by the part covered. Reducing, this is the box filter that anti-aliases (every input pixel counts, unlike
 * nearest neighbour); enlarging, it repeats pixels and blends them where an output pixel straddles two.
 */
final class AreaResample {
    private AreaResample() {
    }

    static float[] resize(float[] plane, int height, int width, int newHeight, int newWidth) {
        if (height < 1 || width < 1 || newHeight < 1 || newWidth < 1) {
            throw new IllegalArgumentException("cannot resize " + height + " x " + width + " to " + newHeight + " x "
                    + newWidth);
        }
        Weights across = new Weights(width, newWidth);
        float[] rows = new float[height * newWidth];
        for (int y = 0; y < height; y++) {
            for (int o = 0; o < newWidth; o++) {
                double s = 0;
                for (int k = 0; k < across.count[o]; k++) {
                    s += across.weight[o][k] * plane[y * width + across.first[o] + k];
                }
                rows[y * newWidth + o] = (float) s;
            }
        }
        Weights down = new Weights(height, newHeight);
        float[] out = new float[newHeight * newWidth];
        for (int o = 0; o < newHeight; o++) {
            for (int x = 0; x < newWidth; x++) {
                double s = 0;
                for (int k = 0; k < down.count[o]; k++) {
                    s += down.weight[o][k] * rows[(down.first[o] + k) * newWidth + x];
                }
                out[o * newWidth + x] = (float) s;
            }
        }
        return out;
    }

    /** For each output index, the input indices it covers and the share of each (the shares sum to 1). */
    private static final class Weights {
        final int[] first;
        final int[] count;
        final double[][] weight;

        Weights(int in, int out) {
            first = new int[out];
            count = new int[out];
            weight = new double[out][];
            double scale = (double) in / out;
            for (int o = 0; o < out; o++) {
                double lo = o * scale;
                double hi = Math.min(in, (o + 1) * scale);
                int start = (int) Math.floor(lo);
                int end = Math.min(in, (int) Math.ceil(hi));
                first[o] = start;
                count[o] = end - start;
                weight[o] = new double[end - start];
                for (int i = start; i < end; i++) {
                    weight[o][i - start] = (Math.min(i + 1, hi) - Math.max(i, lo)) / scale;
                }
            }
        }
    }
}
