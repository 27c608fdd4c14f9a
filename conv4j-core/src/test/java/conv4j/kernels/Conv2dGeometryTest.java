package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.tensor.Shape;
import org.junit.jupiter.api.Test;

class Conv2dGeometryTest {

    private static Conv2dGeometry geometry(int h, int w, int k, int stride, Padding padding, int dilation) {
        return Conv2dGeometry.of(1, 1, h, w, 1, k, k, stride, stride, padding, dilation, dilation, 1);
    }

    @Test
    void outputSizeFollowsTheLectureFormula() {
        // (H + 2p - F) / s + 1, floored where it does not divide
        assertEquals(3, geometry(5, 5, 3, 1, Padding.valid(), 1).outHeight());
        assertEquals(2, geometry(5, 5, 3, 2, Padding.valid(), 1).outWidth());
        assertEquals(3, geometry(7, 7, 3, 2, Padding.of(0), 1).outHeight());
        assertEquals(3, geometry(8, 8, 3, 2, Padding.of(0), 1).outHeight()); // (8 - 3) / 2 + 1 = 3.5 -> 3
        assertEquals(224 / 2, Conv2dGeometry.of(1, 3, 224, 224, 64, 7, 2, 3).outHeight());
        // dilation 2 makes a 3x3 kernel span 5 pixels: 9 - 5 + 1 = 5
        assertEquals(5, geometry(9, 9, 3, 1, Padding.valid(), 2).outHeight());
        // asymmetric: H + 0 + 1 - 2 + 1
        Conv2dGeometry g = Conv2dGeometry.of(1, 1, 6, 6, 1, 2, 2, 1, 1, new Padding(0, 1, 1, 0), 1, 1, 1);
        assertEquals(6, g.outHeight());
        assertEquals(6, g.outWidth());
    }

    @Test
    void paddingSameKeepsSize() {
        for (int k = 1; k <= 6; k++) {
            for (int d = 1; d <= 3; d++) {
                Padding p = Padding.same(5, 6, k, k, 1, 1, d, d);
                Conv2dGeometry g = Conv2dGeometry.of(1, 1, 5, 6, 1, k, k, 1, 1, p, d, d, 1);
                assertEquals(5, g.outHeight(), "kernel " + k + " dilation " + d);
                assertEquals(6, g.outWidth(), "kernel " + k + " dilation " + d);
            }
        }
        assertEquals(5, Conv2dGeometry.same(1, 1, 5, 5, 1, 3, 1).outHeight());
    }

    @Test
    void samePaddingPutsTheExtraOnBottomAndRight() {
        assertEquals(new Padding(1, 1, 1, 1), Padding.same(5, 5, 3, 1));
        assertEquals(new Padding(0, 1, 0, 1), Padding.same(6, 6, 2, 1));   // even kernel: total 1
        assertEquals(new Padding(1, 2, 1, 2), Padding.same(6, 6, 4, 1));   // total 3
        assertEquals(new Padding(0, 1, 0, 1), Padding.same(8, 8, 3, 2));   // ceil(8/2)=4: 3*2 + 3 - 8 = 1
        assertEquals(new Padding(1, 1, 1, 1), Padding.same(7, 7, 3, 2));   // ceil(7/2)=4: 3*2 + 3 - 7 = 2
        assertEquals(new Padding(0, 0, 0, 0), Padding.same(9, 9, 1, 3));   // a 1x1 kernel never pads
        assertEquals(new Padding(2, 3, 2, 3), Padding.same(224, 224, 7, 2)); // ResNet's stem in TensorFlow
        assertEquals(new Padding(2, 2, 1, 1), Padding.same(5, 5, 3, 3, 1, 1, 2, 1));
    }

    @Test
    void samePaddingWithStrideGivesCeilOfSizeOverStride() {
        for (int h = 1; h <= 12; h++) {
            for (int s = 1; s <= 4; s++) {
                for (int k = 1; k <= 5; k++) {
                    Conv2dGeometry g = Conv2dGeometry.of(1, 1, h, h, 1, k, k, s, s, Padding.same(h, h, k, s), 1, 1, 1);
                    assertEquals((h + s - 1) / s, g.outHeight(), "h " + h + " stride " + s + " kernel " + k);
                }
            }
        }
    }

    @Test
    void shapesAndMultiplyAdds() {
        Conv2dGeometry g = Conv2dGeometry.of(8, 64, 56, 56, 64, 3, 1, 1);
        assertEquals(Shape.of(64, 64, 3, 3), g.weightShape());
        assertEquals(Shape.of(8, 64, 56, 56), g.outputShape());
        assertEquals(8L * 64 * 56 * 56 * 64 * 9, g.multiplyAdds());
        assertEquals(924_844_032L, g.multiplyAdds());
        // LeNet C1 on padded MNIST: 28x28x6 outputs of 25 multiply-adds each, per image
        assertEquals(117_600L, Conv2dGeometry.of(1, 1, 28, 28, 6, 5, 1, 2).multiplyAdds());
        Conv2dGeometry grouped = Conv2dGeometry.of(2, 6, 5, 5, 9, 3, 3, 1, 1, Padding.of(1), 1, 1, 3);
        assertEquals(Shape.of(9, 2, 3, 3), grouped.weightShape());
        assertEquals(2L * 9 * 25 * 2 * 9, grouped.multiplyAdds());
        assertEquals(18, grouped.columnRows());
        assertEquals(25, grouped.columnCols());
    }

    @Test
    void pointwiseOnlyForUnpaddedUnstridedOneByOne() {
        assertTrue(Conv2dGeometry.of(1, 4, 5, 5, 4, 1, 1, 0).isPointwise());
        assertTrue(!Conv2dGeometry.of(1, 4, 5, 5, 4, 1, 2, 0).isPointwise());
        assertTrue(!Conv2dGeometry.of(1, 4, 5, 5, 4, 1, 1, 1).isPointwise());
        assertTrue(!Conv2dGeometry.of(1, 4, 5, 5, 4, 3, 1, 1).isPointwise());
    }

    @Test
    void strideZeroIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Conv2dGeometry.of(1, 1, 5, 5, 1, 3, 0, 0));
        assertTrue(e.getMessage().contains("strideH=0"), e.getMessage());
    }

    @Test
    void dilationZeroIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Conv2dGeometry.of(1, 1, 5, 5, 1, 3, 3, 1, 1, Padding.valid(), 1, 0, 1));
        assertTrue(e.getMessage().contains("dilationW=0"), e.getMessage());
    }

    @Test
    void negativePaddingIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2dGeometry(1, 1, 5, 5, 1, 3, 3, 1, 1, 0, 0, -1, 0, 1, 1, 1));
        assertTrue(e.getMessage().contains("left=-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Padding.of(-2));
        assertTrue(e.getMessage().contains("top=-2"), e.getMessage());
    }

    @Test
    void kernelLargerThanPaddedInputIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Conv2dGeometry.of(1, 1, 3, 3, 1, 5, 1, 0));
        assertEquals("kernel 5x5 (dilation 1) does not fit in padded input 3x3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Conv2dGeometry.of(1, 1, 4, 9, 1, 3, 3, 1, 1, Padding.valid(), 2, 1, 1));
        assertEquals("kernel 3x3 (dilation 2x1) does not fit in padded input 4x9", e.getMessage());
        // one more row of padding and it fits
        assertEquals(1, Conv2dGeometry.of(1, 1, 4, 9, 1, 3, 3, 1, 1, new Padding(0, 1, 0, 0), 2, 1, 1)
                .outHeight());
    }

    @Test
    void channelsNotDivisibleByGroupsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Conv2dGeometry.of(1, 3, 5, 5, 4, 3, 3, 1, 1, Padding.valid(), 1, 1, 2));
        assertEquals("inChannels 3 is not divisible by groups 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Conv2dGeometry.of(1, 4, 5, 5, 6, 3, 3, 1, 1, Padding.valid(), 1, 1, 4));
        assertEquals("outChannels 6 is not divisible by groups 4", e.getMessage());
    }

    @Test
    void nonPositiveSizesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Conv2dGeometry.of(0, 1, 5, 5, 1, 3, 1, 0));
        assertEquals("batch must be at least 1, received 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Conv2dGeometry.of(1, 1, 5, 5, -3, 3, 1, 0));
        assertEquals("outChannels must be at least 1, received -3", e.getMessage());
    }

    @Test
    void arraysLargerThanJavaAllowsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Conv2dGeometry.of(64, 512, 256, 256, 64, 3, 1, 1));
        assertTrue(e.getMessage().contains("input"), e.getMessage());
    }
}
