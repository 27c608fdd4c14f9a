package conv4j.vision.filters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The lecture's padding and stride examples (SEED-EXAMPLES sections 3 and 4) through the filter, on tiny pictures. */
class StrideAndPaddingTest {
    private static final ImageKernel VERTICAL_EDGE = KernelParser.parse("1,0,-1;1,0,-1;1,0,-1");

    /** Section 4's X: 5 x 5, every row 10 10 10 0 0. */
    private static Tensor stripes() {
        float[] data = new float[25];
        for (int r = 0; r < 5; r++) {
            System.arraycopy(new float[] {10, 10, 10, 0, 0}, 0, data, r * 5, 5);
        }
        return Tensor.of(data, 5, 5);
    }

    private static float[] rows(float[]... rows) {
        float[] all = new float[rows.length * rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, all, r * rows[r].length, rows[r].length);
        }
        return all;
    }

    @Test
    void zeroPaddingOneKeepsTheSizeOfSectionThree() {
        Tensor x = Tensor.of(new float[] {1, 3, -1, 2, 2, -2, 0, 1, 1, 4, 0, -1, -1, 0, 3, 2}, 4, 4);
        ImageKernel k = KernelParser.parse("0,1,0;1,-1,1;0,1,0");
        Tensor y = new ImageFilter(k, BorderMode.ZERO, 1, FilterPadding.of(1)).convolve(x);
        assertEquals(Shape.of(4, 4), y.shape());
        assertArrayEquals(rows(new float[] {4, -5, 6, -2}, new float[] {-2, 11, -2, 0}, new float[] {4, -5, 6, 4},
                new float[] {2, 6, -1, 0}), y.data());
    }

    @Test
    void validPaddingStrideOneOfSectionFour() {
        Tensor y = new ImageFilter(VERTICAL_EDGE, BorderMode.ZERO, 1, FilterPadding.valid()).convolve(stripes());
        assertEquals(Shape.of(3, 3), y.shape());
        float[] row = {0, 30, 30};
        assertArrayEquals(rows(row, row, row), y.data());
    }

    @Test
    void samePaddingStrideOneOfSectionFour() {
        Tensor y = new ImageFilter(VERTICAL_EDGE, BorderMode.ZERO, 1, FilterPadding.same()).convolve(stripes());
        assertEquals(Shape.of(5, 5), y.shape());
        float[] edge = {-20, 0, 20, 20, 0};
        float[] inside = {-30, 0, 30, 30, 0};
        assertArrayEquals(rows(edge, inside, inside, inside, edge), y.data());
    }

    @Test
    void validPaddingStrideTwoOfSectionFour() {
        Tensor y = new ImageFilter(VERTICAL_EDGE, BorderMode.ZERO, 2, FilterPadding.valid()).convolve(stripes());
        assertEquals(Shape.of(2, 2), y.shape());
        assertArrayEquals(new float[] {0, 30, 0, 30}, y.data());
    }

    @Test
    void aPictureIsClampedToBlackAndWhite() {
        // Section 4 with same padding as grey levels: the -20 and -30 of the light-to-dark side become black.
        Tensor picture = stripes();
        for (int i = 0; i < picture.size(); i++) {
            picture.data()[i] /= 255f;
        }
        Tensor y = new ImageFilter(VERTICAL_EDGE, BorderMode.ZERO, 1, FilterPadding.same())
                .apply(picture.reshape(1, 5, 5));
        float[] expected = {0, 0, 20, 20, 0, 0, 0, 30, 30, 0, 0, 0, 30, 30, 0, 0, 0, 30, 30, 0, 0, 0, 20, 20, 0};
        for (int i = 0; i < 25; i++) {
            assertEquals(expected[i], y.data()[i] * 255f, 1e-4, "pixel " + i);
        }
        // Replicate, the default for photos, sees more of the same stripes beyond the edge: flat borders stay flat.
        Tensor r = new ImageFilter(VERTICAL_EDGE, BorderMode.REPLICATE, 1, FilterPadding.same())
                .apply(picture.reshape(1, 5, 5));
        assertEquals(0, r.data()[0], 1e-6);
        assertEquals(30 / 255f, r.data()[2], 1e-6);
    }

    @Test
    void theSizeLineOfAPhotoFollowsTheLecturesFormula() {
        ImageFilter f = new ImageFilter(Kernels.named("edge").kernel(), BorderMode.REPLICATE, 2, FilterPadding.of(1));
        assertEquals("input 451 x 300, kernel 3 x 3, padding 1, stride 2 -> output 226 x 150", f.describe(300, 451));
        // floor((451 + 2 - 3) / 2) + 1 = 226, floor((300 + 2 - 3) / 2) + 1 = 150
        Tensor y = f.apply(Tensor.zeros(3, 300, 451));
        assertEquals(Shape.of(3, 150, 226), y.shape());
    }

    @Test
    void samePaddingWithAStrideMayPadOneSideMore() {
        ImageFilter f = new ImageFilter(Kernels.named("edge").kernel(), BorderMode.REPLICATE, 2, FilterPadding.same());
        // ceil(451 / 2) = 226 needs 2 columns (1 + 1); ceil(300 / 2) = 150 needs 1 row, put at the bottom.
        assertEquals("input 451 x 300, kernel 3 x 3, padding same (top 0, bottom 1, left 1, right 1), stride 2"
                + " -> output 226 x 150", f.describe(300, 451));
        assertEquals(Shape.of(1, 150, 226), f.apply(Tensor.zeros(1, 300, 451)).shape());
    }

    @Test
    void aKernelLargerThanThePaddedPictureIsRefusedWithTheSizes() {
        ImageFilter f = new ImageFilter(Kernels.gaussian(1.5, 5), BorderMode.REPLICATE, 1, FilterPadding.valid());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.apply(Tensor.zeros(3, 3, 4)));
        assertEquals("the 5 x 5 kernel does not fit in the 4 x 3 picture with padding valid (4 x 3 padded)",
                e.getMessage());
        assertTrue(new ImageFilter(Kernels.gaussian(1.5, 5), BorderMode.REPLICATE, 1, FilterPadding.same())
                .apply(Tensor.zeros(3, 3, 4)).shape().equals(Shape.of(3, 3, 4)));
    }

    @Test
    void paddingIsReadAsValidSameOrPixels() {
        assertEquals(FilterPadding.valid(), FilterPadding.parse("valid"));
        assertEquals(FilterPadding.same(), FilterPadding.parse("SAME"));
        assertEquals(FilterPadding.of(2), FilterPadding.parse("2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FilterPadding.parse("-1"));
        assertEquals("padding must be valid, same or a number of pixels 0 .. 9999, received '-1'", e.getMessage());
    }

    @Test
    void aPaddedPictureOverTheLimitIsRefusedBeforeAnyBufferExists() {
        ImageFilter wide = new ImageFilter(VERTICAL_EDGE, BorderMode.REPLICATE, 1, FilterPadding.of(9999));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> wide.requireWithin(170, 256, 16_000_000));
        assertEquals("padding 9999 makes the 256 x 170 picture 20254 x 20168 (408,482,672 pixels) before filtering,"
                + " more than the limit of 16,000,000 pixels; give a smaller padding", e.getMessage());
        // Same padding on a picture at the limit adds only the kernel's border: 102 x 102 for a 100 x 100 picture.
        ImageFilter same = new ImageFilter(VERTICAL_EDGE, BorderMode.REPLICATE, 1, FilterPadding.same());
        same.requireWithin(100, 100, 102 * 102);
        assertThrows(IllegalArgumentException.class, () -> same.requireWithin(100, 100, 102 * 102 - 1));
    }
}
