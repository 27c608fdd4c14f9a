package conv4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReceptiveFieldTest {

    @Test
    void nonSquareWindowsGrowHeightAndWidthSeparately() {
        // 3x5 kernel, stride 1x2: r = 1 + 2*1 = 3 and 1 + 4*1 = 5, j = 1 and 2;
        // then 2x2/2: r = 3 + 1*1 = 4 and 5 + 1*2 = 7, j = 2 and 4.
        ReceptiveField f = ReceptiveField.PIXEL.through(new Window(3, 5, 1, 2));
        assertEquals(new ReceptiveField(3, 5, 1, 2, false), f);
        assertEquals(new ReceptiveField(4, 7, 2, 4, false), f.through(new Window(2, 2, 2, 2)));
    }

    @Test
    void pointwiseLayersKeepTheField() {
        ReceptiveField f = new ReceptiveField(6, 6, 2, 2, false);
        assertEquals(f, f.through(Window.IDENTITY));
    }

    @Test
    void theWholeInputStaysWhole() {
        ReceptiveField whole = ReceptiveField.wholeInput(28, 28);
        assertEquals(whole, whole.through(new Window(5, 5, 2, 2)));
    }

    @Test
    void refusesJumpsThatDoNotMatchTheKind() {
        assertThrows(IllegalArgumentException.class, () -> new ReceptiveField(5, 5, 0, 1, false));
        assertThrows(IllegalArgumentException.class, () -> new ReceptiveField(5, 5, 1, 1, true));
        assertThrows(IllegalArgumentException.class, () -> new ReceptiveField(0, 5, 1, 1, false));
    }
}
