package conv4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.tensor.Shape;
import org.junit.jupiter.api.Test;

class FullyConnectedCostTest {

    @Test
    void twelveMegapixelPhotoNeedsThreePointSixBillionWeights() {
        // The lecture: 3 x 3000 x 4000 = 36M values; 100 neurons need 3.6 billion weights, 14.4 GB at 4 bytes.
        FullyConnectedCost c = FullyConnectedCost.of(Shape.of(3, 3000, 4000));
        assertEquals(36_000_000L, c.inputValues());
        assertEquals(3_600_000_000L, c.weights());
        assertEquals(100, c.biases());
        assertEquals(3_600_000_100L, c.parameters());
        assertEquals(14_400_000_000L, c.weightBytes());
    }

    @Test
    void describeStatesTheLecturesNumbers() {
        String text = FullyConnectedCost.of(Shape.of(3, 3000, 4000)).describe();
        assertTrue(text.contains("100 neurons"), text);
        assertTrue(text.contains("36,000,000 values"), text);
        assertTrue(text.contains("3,600,000,000 weights"), text);
        assertTrue(text.contains("14.4 GB"), text);
    }

    @Test
    void mnistImageWithTenNeurons() {
        FullyConnectedCost c = new FullyConnectedCost(Shape.of(1, 28, 28), 10);
        assertEquals(7_840, c.weights());
        assertEquals(31_360, c.weightBytes());
    }

    @Test
    void refusesNoNeurons() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FullyConnectedCost(Shape.of(1, 28, 28), 0));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
    }
}
