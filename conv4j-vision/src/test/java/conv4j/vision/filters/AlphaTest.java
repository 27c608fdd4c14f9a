package conv4j.vision.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AlphaTest {

    private static Tensor randomRgba(int height, int width, long seed) {
        Rng rng = new Rng(seed);
        Tensor t = Tensor.zeros(4, height, width);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = rng.nextInt(256) / 255f;
        }
        return t;
    }

    @Test
    void alphaIsKeptExactlyWhileColoursAreFiltered() {
        Tensor image = randomRgba(7, 9, 1);
        for (BorderMode mode : BorderMode.values()) {
            Tensor out = new ImageFilter(Kernels.named("sharpen").kernel(), mode, 1, FilterPadding.same())
                    .apply(image);
            assertEquals(Shape.of(4, 7, 9), out.shape());
            int plane = 7 * 9;
            for (int i = 0; i < plane; i++) {
                assertEquals(image.data()[3 * plane + i], out.data()[3 * plane + i], 0f, mode + " alpha " + i);
            }
            // The colour channels did change: sharpen on noise is far from the identity.
            double change = 0;
            for (int i = 0; i < 3 * plane; i++) {
                change += Math.abs(out.data()[i] - image.data()[i]);
            }
            assertTrue(change > 1, mode + ": colours unchanged");
        }
    }

    @Test
    void withAStrideAlphaIsThatOfEachWindowsCentre() {
        Tensor image = randomRgba(5, 7, 2);
        Tensor out = new ImageFilter(Kernels.named("edge").kernel(), BorderMode.REPLICATE, 2, FilterPadding.valid())
                .apply(image);
        // valid, stride 2: windows centred on rows 1, 3 and columns 1, 3, 5
        assertEquals(Shape.of(4, 2, 3), out.shape());
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(image.get(3, 1 + 2 * r, 1 + 2 * c), out.get(3, r, c), 0f, "alpha at " + r + "," + c);
            }
        }
    }

    @Test
    void colourChannelsAreClampedToZeroOne() {
        Tensor image = randomRgba(6, 6, 3);
        Tensor out = new ImageFilter(Kernels.named("edge").kernel().scaled(10), BorderMode.REFLECT, 1,
                FilterPadding.same()).apply(image);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (int i = 0; i < 3 * 36; i++) {
            min = Math.min(min, out.data()[i]);
            max = Math.max(max, out.data()[i]);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
    }
}
