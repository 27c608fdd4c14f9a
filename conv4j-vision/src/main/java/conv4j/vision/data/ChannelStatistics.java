package conv4j.vision.data;

import conv4j.train.Dataset;
import conv4j.vision.transforms.Normalize;

/**
 * The mean and standard deviation of each channel over (some of) a dataset's images, for normalising its inputs:
 * what torchvision users copy as {@code mean=[0.485, 0.456, 0.406]} for ImageNet, measured on their own data.
 *
 * @param mean    per channel
 * @param std     per channel, the population standard deviation; a constant channel gets 1 (nothing to scale)
 * @param samples how many images were measured
 */
public record ChannelStatistics(double[] mean, double[] std, int samples) {

    /**
     * Measures at most {@code maxSamples} images spread evenly over the dataset (all of them if it has fewer): a few
     * thousand pin the mean to three decimals, and reading all of a large dataset would cost an epoch.
     */
    public static ChannelStatistics of(Dataset data, int maxSamples) {
        if (maxSamples < 1) {
            throw new IllegalArgumentException("measuring needs at least one sample, received " + maxSamples);
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("cannot measure an empty dataset");
        }
        if (data.sampleShape().rank() != 3) {
            throw new IllegalArgumentException("channel statistics need C x H x W images, received "
                    + data.sampleShape());
        }
        int channels = data.sampleShape().dim(0);
        int plane = data.sampleShape().size() / channels;
        int m = Math.min(maxSamples, data.size());
        double[] sum = new double[channels];
        double[] squares = new double[channels];
        for (int k = 0; k < m; k++) {
            float[] x = data.get((int) ((long) k * data.size() / m)).input().data();
            for (int c = 0; c < channels; c++) {
                double s = 0;
                double q = 0;
                for (int i = c * plane, end = i + plane; i < end; i++) {
                    s += x[i];
                    q += (double) x[i] * x[i];
                }
                sum[c] += s;
                squares[c] += q;
            }
        }
        double count = (double) m * plane;
        double[] mean = new double[channels];
        double[] std = new double[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = sum[c] / count;
            double sd = Math.sqrt(Math.max(0, squares[c] / count - mean[c] * mean[c]));
            std[c] = sd > 1e-6 ? sd : 1;
        }
        return new ChannelStatistics(mean, std, m);
    }

    public ChannelStatistics {
        mean = mean.clone();
        std = std.clone();
    }

    /** The transform that subtracts these means and divides by these stds. */
    public Normalize normalize() {
        float[] m = new float[mean.length];
        float[] s = new float[std.length];
        for (int c = 0; c < m.length; c++) {
            m[c] = (float) mean[c];
            s[c] = (float) std[c];
        }
        return new Normalize(m, s);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }
}
