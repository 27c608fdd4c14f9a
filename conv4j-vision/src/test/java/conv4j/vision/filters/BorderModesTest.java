package conv4j.vision.filters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Border modes on a 3 x 3 picture, expected values worked out by hand. A kernel with a single 1 in its top-left
 * corner copies to each output pixel the input pixel one up and one left of it, so the output shows exactly what
 * each mode puts outside the picture.
 */
class BorderModesTest {
    //  10 20 30
    //  40 50 60
    //  70 80 90
    private static final float[] PICTURE = {10, 20, 30, 40, 50, 60, 70, 80, 90};
    private static final ImageKernel UP_LEFT = KernelParser.parse("1,0,0;0,0,0;0,0,0");
    private static final ImageKernel DOWN_RIGHT = KernelParser.parse("0,0,0;0,0,0;0,0,1");

    private static float[] filter(ImageKernel k, BorderMode mode, int padding) {
        ImageFilter f = new ImageFilter(k, mode, 1, FilterPadding.of(padding));
        return f.convolve(Tensor.of(PICTURE, 3, 3)).data();
    }

    @Test
    void zeroPutsBlackOutside() {
        assertArrayEquals(new float[] {0, 0, 0, 0, 10, 20, 0, 40, 50}, filter(UP_LEFT, BorderMode.ZERO, 1));
        assertArrayEquals(new float[] {50, 60, 0, 80, 90, 0, 0, 0, 0}, filter(DOWN_RIGHT, BorderMode.ZERO, 1));
    }

    @Test
    void replicateRepeatsTheEdgePixel() {
        assertArrayEquals(new float[] {10, 10, 20, 10, 10, 20, 40, 40, 50}, filter(UP_LEFT, BorderMode.REPLICATE, 1));
        assertArrayEquals(new float[] {50, 60, 60, 80, 90, 90, 80, 90, 90},
                filter(DOWN_RIGHT, BorderMode.REPLICATE, 1));
    }

    @Test
    void reflectMirrorsAtTheEdgePixelWithoutRepeatingIt() {
        // Row -1 is row 1 and column -1 is column 1: the corner outside is 50, the middle pixel.
        assertArrayEquals(new float[] {50, 40, 50, 20, 10, 20, 50, 40, 50}, filter(UP_LEFT, BorderMode.REFLECT, 1));
        assertArrayEquals(new float[] {50, 60, 50, 80, 90, 80, 50, 60, 50}, filter(DOWN_RIGHT, BorderMode.REFLECT, 1));
    }

    @Test
    void reflectFoldsPaddingWiderThanThePicture() {
        // Along a row a b c, three pixels out: b c b | a b c | b a b (numpy's pad mode 'reflect' gives the same).
        ImageFilter f = new ImageFilter(KernelParser.parse("1"), BorderMode.REFLECT, 1, FilterPadding.of(3));
        Tensor out = f.convolve(Tensor.of(new float[] {1, 2, 3}, 1, 3));
        assertEquals(7, out.dim(0));
        assertArrayEquals(new float[] {2, 3, 2, 1, 2, 3, 2, 1, 2}, java.util.Arrays.copyOfRange(out.data(), 27, 36));
    }

    @Test
    void theBoxAtACornerAveragesWhatEachModeSees() {
        ImageKernel box = KernelParser.parse("1,1,1;1,1,1;1,1,1");
        // Top-left output: zero sees 10 20 40 50 and five zeros; replicate 10 10 20 / 10 10 20 / 40 40 50;
        // reflect 50 40 50 / 20 10 20 / 50 40 50.
        assertEquals(120, filter(box, BorderMode.ZERO, 1)[0]);
        assertEquals(210, filter(box, BorderMode.REPLICATE, 1)[0]);
        assertEquals(330, filter(box, BorderMode.REFLECT, 1)[0]);
    }

    @Test
    void everyModeGivesTheSameInsideThePicture() {
        ImageKernel box = KernelParser.parse("1,1,1;1,1,1;1,1,1");
        for (BorderMode mode : BorderMode.values()) {
            assertEquals(450, filter(box, mode, 1)[4], mode.label());
            assertArrayEquals(new float[] {450}, new ImageFilter(box, mode, 1, FilterPadding.valid())
                    .convolve(Tensor.of(PICTURE, 3, 3)).data(), mode.label());
        }
    }

    @Test
    void bordersAreParsedByName() {
        assertEquals(BorderMode.REFLECT, BorderMode.parse("Reflect"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BorderMode.parse("wrap"));
        assertEquals("unknown border mode 'wrap'; use zero, replicate or reflect", e.getMessage());
    }
}
