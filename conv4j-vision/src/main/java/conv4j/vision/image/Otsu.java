package conv4j.vision.image;

/**
 * Otsu's threshold (1979): the grey level that splits a picture's histogram into two classes, background and ink,
 * with the largest variance between the class means. It adapts to the picture: grey paper under a lamp and black
 * ink on white both split between their two peaks, where a fixed 0.5 would fail the first.
 */
final class Otsu {
    static final int LEVELS = 256;

    private Otsu() {
    }

    /** The 8-bit level of a value in [0, 1]. */
    static int level(float v) {
        return Math.min(LEVELS - 1, Math.max(0, Math.round(v * (LEVELS - 1))));
    }

    static long[] histogram(float[] values) {
        long[] histogram = new long[LEVELS];
        for (float v : values) {
            histogram[level(v)]++;
        }
        return histogram;
    }

    /**
     * The level k for which levels {@code <= k} are one class and levels {@code > k} the other; -1 when all values
     * share one level. Where several k score the same (a picture of two pure levels), the middle one.
     */
    static int threshold(long[] histogram) {
        double total = 0;
        double sum = 0;
        for (int i = 0; i < LEVELS; i++) {
            total += histogram[i];
            sum += (double) i * histogram[i];
        }
        double weight = 0;
        double partialSum = 0;
        double best = -1;
        int first = -1;
        int last = -1;
        for (int k = 0; k < LEVELS - 1; k++) {
            weight += histogram[k];
            partialSum += (double) k * histogram[k];
            double rest = total - weight;
            if (weight == 0 || rest == 0) {
                continue;
            }
            double meanLow = partialSum / weight;
            double meanHigh = (sum - partialSum) / rest;
            double between = weight * rest * (meanLow - meanHigh) * (meanLow - meanHigh);
            if (between > best * (1 + 1e-12)) {
                best = between;
                first = k;
                last = k;
            } else if (between >= best * (1 - 1e-12)) {
                last = k;
            }
        }
        return first < 0 ? -1 : (first + last) / 2;
    }
}
