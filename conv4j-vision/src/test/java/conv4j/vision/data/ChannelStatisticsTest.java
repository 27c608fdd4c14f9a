package conv4j.vision.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import conv4j.tensor.Tensor;
import conv4j.train.TensorDataset;
import org.junit.jupiter.api.Test;

class ChannelStatisticsTest {

    @Test
    void meanAndPopulationStdOfEachChannel() {
        // two images of 2 channels x 1 x 2: channel 0 holds 0, 1, 2, 3; channel 1 is 0.5 everywhere
        float[] x = {0, 1, 0.5f, 0.5f, 2, 3, 0.5f, 0.5f};
        TensorDataset data = new TensorDataset(Tensor.of(x, 2, 2, 1, 2), new int[] {0, 0},
                TensorDataset.numberedClasses(1));
        ChannelStatistics s = ChannelStatistics.of(data, 100);
        assertArrayEquals(new double[] {1.5, 0.5}, s.mean(), 1e-12);
        // std of 0, 1, 2, 3 is sqrt(1.25); a constant channel gets 1
        assertArrayEquals(new double[] {Math.sqrt(1.25), 1}, s.std(), 1e-7);
        assertEquals(2, s.samples());
        assertArrayEquals(new float[] {1.5f, 0.5f}, s.normalize().mean());
        assertArrayEquals(new float[] {(float) Math.sqrt(1.25), 1f}, s.normalize().std());
    }

    @Test
    void aBoundMeasuresImagesSpreadOverTheDataset() {
        // image i is all i: measuring 2 of 4 takes images 0 and 2
        float[] x = new float[4];
        for (int i = 0; i < 4; i++) {
            x[i] = i;
        }
        TensorDataset data = new TensorDataset(Tensor.of(x, 4, 1, 1, 1), new int[4],
                TensorDataset.numberedClasses(1));
        ChannelStatistics s = ChannelStatistics.of(data, 2);
        assertArrayEquals(new double[] {1}, s.mean(), 1e-12);
        assertEquals(2, s.samples());
    }
}
