package conv4j.vision.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.train.TensorDataset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PixelStatisticsTest {
    @Test
    void meanAndPopulationDeviationOfEveryPixel() {
        // two 1 x 1 x 2 samples: pixels 0, 1, 1, 1 -> mean 0.75, variance 0.1875
        TensorDataset data = new TensorDataset(new Tensor(Shape.of(2, 1, 1, 2), new float[] {0, 1, 1, 1}),
                new int[] {0, 1}, List.of("a", "b"));
        PixelStatistics s = PixelStatistics.of(data);
        assertEquals(0.75, s.mean(), 1e-12);
        assertEquals(Math.sqrt(0.1875), s.std(), 1e-12);
    }

    @Test
    void aConstantDatasetDividesByOne() {
        TensorDataset data = new TensorDataset(new Tensor(Shape.of(2, 1, 1, 1), new float[] {0.5f, 0.5f}),
                new int[] {0, 0}, List.of("a"));
        assertEquals(new PixelStatistics(0.5, 1), PixelStatistics.of(data));
        assertThrows(IllegalArgumentException.class, () -> new PixelStatistics(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new PixelStatistics(0, 0));
    }
}
