package conv4j.vision.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResizeAndCropTest {

    /** c x h x w with values 1, 2, 3, ... channel by channel, row by row. */
    private static Tensor numbered(int c, int h, int w) {
        float[] x = new float[c * h * w];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        return Tensor.of(x, c, h, w);
    }

    /** The window at (top, left) of channel-major data, zeros outside: plain indexing. */
    private static float[] window(Tensor in, int top, int left, int h, int w) {
        int c = in.dim(0);
        int ih = in.dim(1);
        int iw = in.dim(2);
        float[] y = new float[c * h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int r = 0; r < h; r++) {
                for (int col = 0; col < w; col++) {
                    int sr = top + r;
                    int sc = left + col;
                    y[(ch * h + r) * w + col] = sr >= 0 && sr < ih && sc >= 0 && sc < iw
                            ? in.data()[(ch * ih + sr) * iw + sc] : 0f;
                }
            }
        }
        return y;
    }

    @Test
    void resizeShorterSideKeepsTheAspectRatioRoundingDownAsTorchvision() {
        // torchvision: int(256 * 640 / 480) = 341
        assertEquals(Shape.of(3, 256, 341), Resize.shorterSide(256).outputShape(Shape.of(3, 480, 640)));
        assertEquals(Shape.of(3, 341, 256), Resize.shorterSide(256).outputShape(Shape.of(3, 640, 480)));
        assertEquals(Shape.of(1, 73, 73), Resize.shorterSide(73).outputShape(Shape.of(1, 500, 500)));
        assertEquals(Shape.of(3, 12, 7), Resize.to(12, 7).outputShape(Shape.of(3, 480, 640)));
    }

    @Test
    void resizeMatchesPyTorchsAntialiasedBilinearOnEveryChannel() {
        float[] x = new float[48];
        for (int i = 0; i < 24; i++) {
            x[i] = (i * 7 % 11) / 10f;
            x[24 + i] = 1 - x[i];
        }
        Tensor out = Resize.to(2, 3).apply(Tensor.of(x, 2, 4, 6), new Rng(0));
        // torch.nn.functional.interpolate(..., size=(2, 3), mode='bilinear', antialias=True), torch 1.13
        float[] torch = {0.49183673f, 0.56607143f, 0.41020408f, 0.49183673f, 0.54642857f, 0.43265306f};
        float[] expected = new float[12];
        for (int i = 0; i < 6; i++) {
            expected[i] = torch[i];
            expected[6 + i] = 1 - torch[i];
        }
        assertArrayEquals(expected, out.data(), 1e-6f);
    }

    @Test
    void resizeToTheSameSizeIsTheIdentity() {
        Tensor in = numbered(2, 5, 4);
        assertSame(in, Resize.shorterSide(4).apply(in, new Rng(0)));
        assertThrows(IllegalArgumentException.class, () -> Resize.shorterSide(0));
        assertThrows(IllegalArgumentException.class, () -> Resize.to(3, 0));
    }

    @Test
    void centerCropRoundsAnOddMarginHalfToEvenAsTorchvision() {
        Tensor in = numbered(2, 5, 7);
        // margins 3 and 4: round(1.5) = 2, round(2.0) = 2
        assertArrayEquals(window(in, 2, 2, 2, 3), new CenterCrop(2, 3).apply(in, new Rng(0)).data());
        // margins 5 and 2: round(2.5) = 2 in Python, not 3; round(1.0) = 1
        Tensor tall = numbered(1, 7, 4);
        assertArrayEquals(window(tall, 2, 1, 2, 2), new CenterCrop(2).apply(tall, new Rng(0)).data());
        assertEquals(Shape.of(2, 2, 3), new CenterCrop(2, 3).outputShape(in.shape()));
    }

    @Test
    void centerCropLargerThanTheImagePadsWithZerosAsTorchvision() {
        Tensor in = numbered(1, 2, 2);
        // torchvision pads left (5-2)//2 = 1, right 2, top (4-2)//2 = 1, bottom 1
        float[] expected = {
            0, 0, 0, 0, 0,
            0, 1, 2, 0, 0,
            0, 3, 4, 0, 0,
            0, 0, 0, 0, 0,
        };
        assertArrayEquals(expected, new CenterCrop(4, 5).apply(in, new Rng(0)).data());
    }

    @Test
    void randomCropOfHeightByWidthIsAWindowOfTheImage() {
        Tensor in = numbered(2, 6, 8);
        Set<List<Integer>> seen = new HashSet<>();
        for (int seed = 0; seed < 300; seed++) {
            Tensor out = new RandomCrop(4, 5, 0).apply(in, new Rng(seed));
            assertEquals(Shape.of(2, 4, 5), out.shape());
            int first = (int) out.data()[0] - 1; // the window's top-left pixel tells where it is
            int top = first / 8;
            int left = first % 8;
            assertArrayEquals(window(in, top, left, 4, 5), out.data());
            seen.add(List.of(top, left));
        }
        assertEquals(3 * 4, seen.size(), "every place of the window is drawn");
    }

    @Test
    void horizontalFlipMirrorsEachRowWithProbabilityP() {
        Tensor in = numbered(2, 2, 3);
        float[] mirrored = {3, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10};
        assertArrayEquals(mirrored, new RandomHorizontalFlip(1).apply(in, new Rng(4)).data());
        assertArrayEquals(in.data(), new RandomHorizontalFlip(0).apply(in, new Rng(4)).data());
        int flipped = 0;
        for (int seed = 0; seed < 1000; seed++) {
            Tensor out = new RandomHorizontalFlip().apply(in, new Rng(seed));
            flipped += out.data()[0] == 3 ? 1 : 0;
        }
        assertEquals(500, flipped, 60);
        assertThrows(IllegalArgumentException.class, () -> new RandomHorizontalFlip(1.5));
    }
}
