package conv4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShapeTest {

    @Test
    void valueSemantics() {
        assertEquals(Shape.of(8, 64, 56, 56), Shape.of(8, 64, 56, 56));
        assertEquals(Shape.of(8, 64, 56, 56).hashCode(), Shape.of(8, 64, 56, 56).hashCode());
        assertNotEquals(Shape.of(8, 64), Shape.of(64, 8));
        assertEquals("8x64x56x56", Shape.of(8, 64, 56, 56).toString());
        assertEquals(8 * 64 * 56 * 56, Shape.of(8, 64, 56, 56).size());
    }

    @Test
    void dimsCannotBeChangedFromOutside() {
        int[] d = {2, 3};
        Shape s = new Shape(d);
        d[0] = 99;
        s.dims()[1] = 99;
        assertEquals(Shape.of(2, 3), s);
    }

    @Test
    void parseReadsTheCliForm() {
        assertEquals(Shape.of(3, 224, 224), Shape.parse("3x224x224"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shape.parse("3xabc"));
        assertTrue(e.getMessage().contains("'abc'"), e.getMessage());
    }

    @Test
    void negativeOrOverflowingShapesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shape.of(2, -1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Shape.of(65536, 65536));
    }

    @Test
    void batchHelpers() {
        assertEquals(Shape.of(1, 3, 32, 32), Shape.of(3, 32, 32).withBatch(1));
        assertEquals(Shape.of(3, 32, 32), Shape.of(1, 3, 32, 32).dropFirst());
        assertEquals(32, Shape.of(1, 3, 32, 32).dim(-1));
    }
}
