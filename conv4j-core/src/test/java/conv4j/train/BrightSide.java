package conv4j.train;

import conv4j.nn.BatchNorm2d;
import conv4j.nn.Conv2d;
import conv4j.nn.Dropout;
import conv4j.nn.Flatten;
import conv4j.nn.Linear;
import conv4j.nn.MaxPool2d;
import conv4j.nn.ReLU;
import conv4j.nn.Sequential;
import conv4j.tensor.Rng;
import conv4j.tensor.Tensor;
import java.util.List;

/**
 * A separable toy problem: 1 x 8 x 8 images whose left half (class "left") or right half (class "right") is bright,
 * with noise, and small conv nets for it.
 */
final class BrightSide {
    private BrightSide() {
    }

    static TensorDataset dataset(int n, long seed) {
        Rng rng = new Rng(seed);
        Tensor x = Tensor.zeros(n, 1, 8, 8);
        int[] labels = new int[n];
        float[] d = x.data();
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int r = 0; r < 8; r++) {
                for (int c = 0; c < 8; c++) {
                    boolean bright = (c < 4) == (labels[i] == 0);
                    d[i * 64 + r * 8 + c] = (bright ? 0.8f : 0.2f) + 0.3f * (rng.nextFloat() - 0.5f);
                }
            }
        }
        return new TensorDataset(x, labels, List.of("left", "right"));
    }

    /** conv 3x3 -> ReLU -> 2x2 max pool -> flatten -> linear: features.0..2, flatten, classifier. */
    static Sequential net(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential()
                .add("features", new Sequential(new Conv2d(1, 4, 3, rng), new ReLU(), new MaxPool2d(2)))
                .add("flatten", new Flatten())
                .add("classifier", new Linear(4 * 3 * 3, 2, rng));
    }

    /** The same with batch norm and dropout, whose buffers and random stream a resume must carry. */
    static Sequential stochasticNet(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential()
                .add("features", new Sequential(new Conv2d(1, 4, 3, rng), new BatchNorm2d(4), new ReLU(),
                        new MaxPool2d(2)))
                .add("flatten", new Flatten())
                .add("classifier", new Sequential(new Dropout(0.3f, rng), new Linear(4 * 3 * 3, 2, rng)));
    }

    /** A random shift of brightness per sample: augmentation drawn from the sample's own stream. */
    static SampleTransform jitter() {
        return (x, rng) -> {
            float shift = 0.1f * (rng.nextFloat() - 0.5f);
            float[] d = x.data();
            for (int i = 0; i < d.length; i++) {
                d[i] += shift;
            }
            return x;
        };
    }
}
