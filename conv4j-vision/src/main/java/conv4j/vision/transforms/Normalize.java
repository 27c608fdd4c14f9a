package conv4j.vision.transforms;

import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.train.SampleTransform;
import java.util.Arrays;

/** Per channel, x -> (x - mean[c]) / std[c], in place: centres and scales inputs with the training set's statistics. */
public final class Normalize implements SampleTransform {
    private final float[] mean;
    private final float[] std;

    public Normalize(float[] mean, float[] std) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("Normalize needs one mean and one std per channel, received "
                    + mean.length + " means and " + std.length + " stds");
        }
        for (int c = 0; c < mean.length; c++) {
            if (!Float.isFinite(mean[c])) {
                throw new IllegalArgumentException("Normalize mean of channel " + c + " is " + mean[c]
                        + ", expected a finite number");
            }
            if (!(std[c] > 0) || !Float.isFinite(std[c])) {
                throw new IllegalArgumentException("Normalize std of channel " + c + " is " + std[c]
                        + ", expected > 0");
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** ImageNet's per-channel mean and std (RGB, values in [0, 1]): what torchvision's trained weights expect. */
    public static Normalize imageNet() {
        return new Normalize(new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
    }

    public float[] mean() {
        return mean.clone();
    }

    public float[] std() {
        return std.clone();
    }

    public int channels() {
        return mean.length;
    }

    @Override
    public Tensor apply(Tensor input, Rng rng) {
        outputShape(input.shape());
        float[] x = input.data();
        int plane = input.dim(1) * input.dim(2);
        for (int c = 0; c < mean.length; c++) {
            float m = mean[c];
            float s = std[c];
            for (int i = c * plane, end = i + plane; i < end; i++) {
                x[i] = (x[i] - m) / s;
            }
        }
        return input;
    }

    @Override
    public Shape outputShape(Shape input) {
        Images.checkImage("Normalize", input);
        if (input.dim(0) != mean.length) {
            throw new IllegalArgumentException("Normalize has mean and std for " + mean.length + " channel"
                    + (mean.length == 1 ? "" : "s") + ", the input has " + input.dim(0) + " (" + input + ")");
        }
        return input;
    }

    @Override
    public String toString() {
        return "Normalize(mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ")";
    }
}
