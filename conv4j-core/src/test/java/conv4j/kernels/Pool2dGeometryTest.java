package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Pool2dGeometryTest {

    @Test
    void outputSizesOfTheClassicNetworks() {
        // AlexNet: 55 -> 27 -> 13 -> 6 with 3x3 stride 2 (floor mode).
        assertEquals(27, Pool2dGeometry.of(1, 96, 55, 55, 3, 2, 0).outH());
        assertEquals(13, Pool2dGeometry.of(1, 256, 27, 27, 3, 2, 0).outW());
        assertEquals(6, Pool2dGeometry.of(1, 256, 13, 13, 3, 2, 0).outH());
        // LeNet: 28 -> 14 -> 5 with 2x2 stride 2.
        assertEquals(14, Pool2dGeometry.of(1, 6, 28, 28, 2, 2, 0).outH());
        assertEquals(5, Pool2dGeometry.of(1, 16, 10, 10, 2, 2, 0).outH());
        // ResNet stem: 112 -> 56 with 3x3 stride 2 padding 1.
        assertEquals(56, Pool2dGeometry.of(1, 64, 112, 112, 3, 2, 1).outH());
        // GoogLeNet (torchvision) uses ceil mode: 112 -> 56, 56 -> 28, 14 -> 7.
        assertEquals(56, ceil(112, 3, 2, 0).outH());
        assertEquals(28, ceil(56, 3, 2, 0).outH());
        assertEquals(7, ceil(14, 2, 2, 0).outH());
    }

    @Test
    void ceilModeKeepsAPartialLastWindow() {
        assertEquals(2, Pool2dGeometry.of(1, 1, 6, 6, 3, 2, 0).outH());
        assertEquals(3, ceil(6, 3, 2, 0).outH());
        assertEquals(2, ceil(3, 2, 2, 0).outH());
        assertEquals(3, ceil(4, 3, 2, 1).outH());
    }

    @Test
    void ceilModeDropsAWindowThatWouldStartInTheRightPadding() {
        // ceil((5 + 2 - 2) / 2) + 1 = 4, but window 3 would start at 3 * 2 - 1 = 5, past the input: PyTorch gives 3.
        assertEquals(3, ceil(5, 2, 2, 1).outH());
        assertEquals(3, Pool2dGeometry.of(1, 1, 5, 5, 2, 2, 1).outH());
    }

    @Test
    void outputSizeMatchesCountingTheWindowsOneByOne() {
        for (int in = 1; in <= 12; in++) {
            for (int k = 1; k <= 5; k++) {
                for (int s = 1; s <= 4; s++) {
                    for (int p = 0; p <= k / 2; p++) {
                        if (k > in + 2 * p) {
                            continue;
                        }
                        for (boolean ceilMode : new boolean[] {false, true}) {
                            Pool2dGeometry g = new Pool2dGeometry(1, 1, in, 1, k, 1, s, 1, p, 0, ceilMode);
                            assertEquals(PoolReference.outputLength(in, k, s, p, ceilMode), g.outH(),
                                    "in " + in + " k " + k + " s " + s + " p " + p + " ceil " + ceilMode);
                            assertTrue(g.outH() >= 1);
                        }
                    }
                }
            }
        }
    }

    @Test
    void sizesReportTheirProducts() {
        Pool2dGeometry g = new Pool2dGeometry(2, 3, 7, 5, 3, 2, 2, 1, 1, 0, false);
        assertEquals(6, g.planes());
        assertEquals(2 * 3 * 7 * 5, g.inputSize());
        assertEquals(4, g.outH());
        assertEquals(4, g.outW());
        assertEquals(2 * 3 * 4 * 4, g.outputSize());
    }

    @Test
    void zeroStrideIsRefusedNamingTheValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> Pool2dGeometry.of(1, 1, 4, 4, 2, 0, 0));
        assertTrue(e.getMessage().contains("stride") && e.getMessage().contains("0"), e.getMessage());
    }

    @Test
    void negativePaddingIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Pool2dGeometry.of(1, 1, 4, 4, 2, 2, -1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void paddingOverHalfTheKernelIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Pool2dGeometry.of(1, 1, 8, 8, 3, 1, 2));
        assertTrue(e.getMessage().contains("half") && e.getMessage().contains("2"), e.getMessage());
    }

    @Test
    void windowLargerThanThePaddedInputIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Pool2dGeometry.of(1, 1, 2, 2, 5, 1, 1));
        assertTrue(e.getMessage().contains("5") && e.getMessage().contains("4"), e.getMessage());
    }

    @Test
    void nonPositiveSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Pool2dGeometry.of(0, 1, 4, 4, 2, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> Pool2dGeometry.of(1, 0, 4, 4, 2, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> Pool2dGeometry.of(1, 1, 0, 4, 2, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> Pool2dGeometry.of(1, 1, 4, 4, 0, 2, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new Pool2dGeometry(1, 1, 4, 4, 2, 2, 2, -3, 0, 0, false));
    }

    private static Pool2dGeometry ceil(int in, int kernel, int stride, int pad) {
        return new Pool2dGeometry(1, 1, in, in, kernel, kernel, stride, stride, pad, pad, true);
    }
}
