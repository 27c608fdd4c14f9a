package conv4j.vision.image;

/**
 * Resizes a grey plane, separably: first along each row, then along each column, each output pixel a weighted sum of
 * the input pixels under its filter. Two filters:
 * <ul>
 *   <li>{@link #area}: each output pixel is the mean of the input area it covers, partial pixels weighted by the part
 *   covered. Reducing, this is the box filter that anti-aliases (every input pixel counts, unlike nearest neighbour);
 *   enlarging, it repeats pixels and blends them where an output pixel straddles two.</li>
 *   <li>{@link #bilinear}: the triangle filter on pixel centres (half-pixel offsets, edges clamped), as PIL's and
 *   torchvision's bilinear resize. Reducing, the triangle is widened by the scale factor so that every input pixel
 *   still counts (torchvision's {@code antialias=True}); without that, shrinking 256 to 32 would read 2 of every 8
 *   rows and alias.</li>
 * </ul>
 */
final class Resample {
    private Resample() {
    }

    static float[] area(float[] plane, int height, int width, int newHeight, int newWidth) {
        check(height, width, newHeight, newWidth);
        return separable(plane, height, width, newHeight, newWidth, Weights.area(width, newWidth),
                Weights.area(height, newHeight));
    }

    static float[] bilinear(float[] plane, int height, int width, int newHeight, int newWidth) {
        check(height, width, newHeight, newWidth);
        return separable(plane, height, width, newHeight, newWidth, Weights.triangle(width, newWidth),
                Weights.triangle(height, newHeight));
    }

    private static void check(int height, int width, int newHeight, int newWidth) {
        if (height < 1 || width < 1 || newHeight < 1 || newWidth < 1) {
            throw new IllegalArgumentException("cannot resize " + height + " x " + width + " to " + newHeight + " x "
                    + newWidth);
        }
    }

    private static float[] separable(float[] plane, int height, int width, int newHeight, int newWidth,
                                     Weights across, Weights down) {
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

    /** For each output index, the input indices it reads and the share of each (the shares sum to 1). */
    private static final class Weights {
        final int[] first;
        final int[] count;
        final double[][] weight;

        private Weights(int out) {
            first = new int[out];
            count = new int[out];
            weight = new double[out][];
        }

        static Weights area(int in, int out) {
            Weights w = new Weights(out);
            double scale = (double) in / out;
            for (int o = 0; o < out; o++) {
                double lo = o * scale;
                double hi = Math.min(in, (o + 1) * scale);
                int start = (int) Math.floor(lo);
                int end = Math.min(in, (int) Math.ceil(hi));
                w.first[o] = start;
                w.count[o] = end - start;
                w.weight[o] = new double[end - start];
                for (int i = start; i < end; i++) {
                    w.weight[o][i - start] = (Math.min(i + 1, hi) - Math.max(i, lo)) / scale;
                }
            }
            return w;
        }

        /**
         * The triangle 1 - |d| over the distance d between the output pixel's centre, mapped into the input, and each
         * input pixel's centre, measured in input pixels (in output pixels when reducing: the widened filter). Inputs
         * past the edge are left out and the rest renormalised, which for enlarging equals clamping to the edge.
         */
        static Weights triangle(int in, int out) {
            Weights w = new Weights(out);
            double scale = (double) in / out;
            double filterScale = Math.max(scale, 1.0);
            for (int o = 0; o < out; o++) {
                double centre = (o + 0.5) * scale;
                int start = Math.max(0, (int) Math.floor(centre - filterScale + 0.5));
                int end = Math.min(in, (int) Math.floor(centre + filterScale + 0.5));
                double[] ws = new double[Math.max(0, end - start)];
                double sum = 0;
                for (int i = start; i < end; i++) {
                    double d = Math.abs((i + 0.5 - centre) / filterScale);
                    ws[i - start] = Math.max(0, 1 - d);
                    sum += ws[i - start];
                }
                for (int k = 0; k < ws.length; k++) {
                    ws[k] /= sum;
                }
                w.first[o] = start;
                w.count[o] = ws.length;
                w.weight[o] = ws;
            }
            return w;
        }
    }
}
