package conv4j.vision.training;

import conv4j.train.Dataset;

/**
 * The mean and standard deviation of every pixel value of a dataset's training split, for {@code Normalize} when a
 * dataset has no published figures (MNIST's are 0.1307 and 0.3081). A constant dataset gets a deviation of 1, so that
 * normalising it divides by nothing small.
 */
public record PixelStatistics(double mean, double std) {
    public PixelStatistics {
        if (!Double.isFinite(mean) || !(std > 0 && Double.isFinite(std))) {
            throw new IllegalArgumentException("pixel statistics need a finite mean and a positive deviation, received "
                    + mean + " and " + std);
        }
    }

    public static PixelStatistics of(Dataset train) {
        double sum = 0;
        double squares = 0;
        long n = 0;
        for (int i = 0; i < train.size(); i++) {
            for (float v : train.get(i).input().data()) {
                sum += v;
                squares += (double) v * v;
            }
            n += train.sampleShape().size();
        }
        if (n == 0) {
            throw new IllegalArgumentException("pixel statistics need at least one sample, the dataset is empty");
        }
        double m = sum / n;
        double sd = Math.sqrt(Math.max(squares / n - m * m, 0));
        return new PixelStatistics(m, sd > 0 ? sd : 1);
    }
}
