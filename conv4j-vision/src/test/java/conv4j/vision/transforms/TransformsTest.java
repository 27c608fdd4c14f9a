package conv4j.vision.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.train.SampleTransform;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransformsTest {

    /** 1 x h x w with values 1, 2, 3, ... row by row: all distinct and non-zero, so a shift can be recognised. */
    private static Tensor numbered(int h, int w) {
        float[] x = new float[h * w];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        return Tensor.of(x, 1, h, w);
    }

    /** The input moved down by dy and right by dx, zeros coming in: the expectation, by plain indexing. */
    private static float[] shifted(Tensor in, int dy, int dx, int outH, int outW) {
        int h = in.dim(1);
        int w = in.dim(2);
        float[] y = new float[outH * outW];
        for (int r = 0; r < outH; r++) {
            for (int c = 0; c < outW; c++) {
                int sr = r - dy;
                int sc = c - dx;
                y[r * outW + c] = sr >= 0 && sr < h && sc >= 0 && sc < w ? in.data()[sr * w + sc] : 0f;
            }
        }
        return y;
    }

    @Test
    void normalizeSubtractsTheMeanAndDividesByTheStdPerChannel() {
        Tensor x = Tensor.of(new float[] {1, 3, 0, 10}, 2, 1, 2);
        Tensor y = new Normalize(new float[] {1, 5}, new float[] {2, 5}).apply(x, new Rng(0));
        assertArrayEquals(new float[] {0, 1, -1, 1}, y.data());
    }

    @Test
    void normalizeRefusesANonPositiveStdAndTheWrongChannelCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Normalize(new float[] {0.5f}, new float[] {0f}));
        assertEquals("Normalize std of channel 0 is 0.0, expected > 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Normalize(new float[] {0.5f}, new float[] {-1f}));
        assertThrows(IllegalArgumentException.class, () -> new Normalize(new float[] {0.5f, 1}, new float[] {1f}));
        Normalize grey = new Normalize(new float[] {0.1307f}, new float[] {0.3081f});
        e = assertThrows(IllegalArgumentException.class, () -> grey.apply(Tensor.zeros(3, 2, 2), new Rng(0)));
        assertEquals("Normalize has mean and std for 1 channel, the input has 3 (3x2x2)", e.getMessage());
    }

    @Test
    void randomCropWithPaddingKeepsTheShapeAndOnlyShifts() {
        Tensor in = numbered(4, 4);
        Set<List<Integer>> seen = new HashSet<>();
        for (int seed = 0; seed < 300; seed++) {
            Tensor out = new RandomCrop(4, 2).apply(in, new Rng(seed));
            assertEquals(Shape.of(1, 4, 4), out.shape());
            int matches = 0;
            for (int dy = -2; dy <= 2; dy++) {
                for (int dx = -2; dx <= 2; dx++) {
                    if (java.util.Arrays.equals(shifted(in, dy, dx, 4, 4), out.data())) {
                        matches++;
                        seen.add(List.of(dy, dx));
                    }
                }
            }
            assertEquals(1, matches, "seed " + seed + ": not a shift of the input");
        }
        assertEquals(25, seen.size(), "every shift in [-2, 2] x [-2, 2] is drawn");
        assertArrayEquals(in.data(), numbered(4, 4).data(), "the input is left as it was");
    }

    @Test
    void randomCropSmallerThanTheImageIsAWindowOfIt() {
        Tensor in = numbered(4, 5);
        Set<List<Integer>> seen = new HashSet<>();
        for (int seed = 0; seed < 200; seed++) {
            Tensor out = new RandomCrop(3, 0).apply(in, new Rng(seed));
            assertEquals(Shape.of(1, 3, 3), out.shape());
            float first = out.data()[0]; // the window's top-left pixel tells where it is
            int top = (int) (first - 1) / 5;
            int left = (int) (first - 1) % 5;
            assertArrayEquals(shifted(in, -top, -left, 3, 3), out.data());
            seen.add(List.of(top, left));
        }
        assertEquals(2 * 3, seen.size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RandomCrop(9, 2).outputShape(Shape.of(1, 4, 5)));
        assertEquals("RandomCrop of 9x9 does not fit in a 1x4x5 input padded by 2", e.getMessage());
    }

    @Test
    void randomShiftKeepsTheSizeOfAnyImage() {
        Tensor in = numbered(3, 6);
        for (int seed = 0; seed < 50; seed++) {
            Tensor out = new RandomShift(1).apply(in, new Rng(seed));
            assertEquals(in.shape(), out.shape());
            boolean isShift = false;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    isShift |= java.util.Arrays.equals(shifted(in, dy, dx, 3, 6), out.data());
                }
            }
            assertTrue(isShift, "seed " + seed);
        }
        assertArrayEquals(in.data(), new RandomShift(0).apply(in, new Rng(3)).data());
    }

    @Test
    void theSameGeneratorStateGivesTheSameOutput() {
        Tensor in = numbered(6, 6);
        List<SampleTransform> transforms = List.of(new RandomCrop(6, 2), new RandomShift(2),
                new RandomRotation(30), new RandomShift(2).andThen(new RandomRotation(15)));
        for (SampleTransform t : transforms) {
            Rng a = new Rng(11);
            Rng b = new Rng(99);
            b.setState(a.state());
            assertArrayEquals(t.apply(in.copy(), a).data(), t.apply(in.copy(), b).data(), t.toString());
            assertEquals(a.state(), b.state());
        }
        // and a different state gives (here) a different rotation
        assertTrue(!java.util.Arrays.equals(new RandomRotation(30).apply(in, new Rng(1)).data(),
                new RandomRotation(30).apply(in, new Rng(2)).data()));
    }

    @Test
    void rotationByZeroIsTheIdentity() {
        Tensor in = numbered(5, 7);
        assertArrayEquals(in.data(), new RandomRotation(0).apply(in, new Rng(5)).data());
        assertArrayEquals(in.data(), RandomRotation.rotate(in, 0).data());
    }

    @Test
    void rotationByNinetyDegreesTurnsCounterClockwise() {
        // 1 2 3        3 6 9
        // 4 5 6   ->   2 5 8    the top-right corner comes to the top-left
        // 7 8 9        1 4 7
        Tensor in = numbered(3, 3);
        assertArrayEquals(new float[] {3, 6, 9, 2, 5, 8, 1, 4, 7}, RandomRotation.rotate(in, 90).data(), 1e-6f);
        assertArrayEquals(new float[] {7, 4, 1, 8, 5, 2, 9, 6, 3}, RandomRotation.rotate(in, -90).data(), 1e-6f);
    }

    @Test
    void rotationByOneEightyOfANonSquareImageWithTwoChannels() {
        // channel 0: 1 2 3 / 4 5 6, channel 1 the same times 10; 180 degrees about the centre reverses both axes
        Tensor in = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60}, 2, 2, 3);
        assertArrayEquals(new float[] {6, 5, 4, 3, 2, 1, 60, 50, 40, 30, 20, 10},
                RandomRotation.rotate(in, 180).data(), 1e-5f);
    }

    @Test
    void rotationInterpolatesBilinearlyAndFillsWithZeros() {
        // A 1x1x2 image [a b] turned by 90 degrees about its centre (0, 0.5): output pixel (0, c) reads the input at
        // x = 0.5, y = c - 0.5, half a pixel off the row: half of the mean of a and b, the rest zero fill.
        Tensor in = Tensor.of(new float[] {2, 6}, 1, 1, 2);
        assertArrayEquals(new float[] {2, 2}, RandomRotation.rotate(in, 90).data(), 1e-6f);
    }

    @Test
    void rotationRefusesAnglesOutsideHalfATurn() {
        assertThrows(IllegalArgumentException.class, () -> new RandomRotation(-1));
        assertThrows(IllegalArgumentException.class, () -> new RandomRotation(181));
        assertThrows(IllegalArgumentException.class, () -> new RandomRotation(Double.NaN));
    }
}
