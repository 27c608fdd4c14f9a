package conv4j.kernels;

import static conv4j.testkit.Close.assertClose;
import static conv4j.testkit.Close.toFloat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.testkit.Close;
import conv4j.testkit.GradientCheck;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LocalResponseNormKernelTest {

    @Test
    void alexNetSettings() {
        LocalResponseNormKernel lrn = LocalResponseNormKernel.alexNet();
        assertEquals(5, lrn.size());
        assertEquals(1e-4, lrn.alpha());
        assertEquals(0.75, lrn.beta());
        assertEquals(2, lrn.k());
    }

    @Test
    void aSingleChannelIsDividedByItsOwnScale() {
        float[] y = new float[1];
        LocalResponseNormKernel.alexNet().forward(1, 1, 1, new float[] {10f}, y, new float[1]);
        // PyTorch divides alpha by size: 2 + 1e-4 / 5 * 100.
        assertEquals(10 / Math.pow(2.002, 0.75), y[0], 1e-5);
    }

    @Test
    void evenWindowsReachOneChannelFurtherBackThanForward() {
        // size 2: channel c sums channels c - 1 and c. alpha / size = 0.5, beta 1, k 1.
        LocalResponseNormKernel lrn = new LocalResponseNormKernel(2, 1, 1, 1);
        float[] y = new float[3];
        float[] scale = new float[3];
        lrn.forward(1, 3, 1, new float[] {1, 2, 3}, y, scale);
        assertClose(new float[] {1.5f, 3.5f, 7.5f}, scale, 1e-7, 0, "scale");
        assertClose(new float[] {1 / 1.5f, 2 / 3.5f, 3 / 7.5f}, y, 1e-6, 0, "y");
    }

    @Test
    void referenceBackwardPassesGradientChecks() {
        SplittableRandom r = new SplittableRandom(71);
        LocalResponseNormKernel[] settings = {
            LocalResponseNormKernel.alexNet(),
            new LocalResponseNormKernel(2, 0.5, 0.6, 1),
            new LocalResponseNormKernel(3, 1, 0.5, 0.5),
            new LocalResponseNormKernel(1, 2, 1.5, 1),
            new LocalResponseNormKernel(7, 3, 0.75, 1),
        };
        for (LocalResponseNormKernel p : settings) {
            int batch = r.nextInt(1, 3);
            int channels = r.nextInt(1, 8);
            int spatial = r.nextInt(1, 5);
            double[] x = SoftmaxKernelTest.scaled(Close.randomDoubles(r, batch * channels * spatial), 2);
            double[] dy = Close.randomDoubles(r, x.length);
            GradientCheck.Result result = GradientCheck.checkVjp(
                    v -> LocalResponseNormReference.forward(p, batch, channels, spatial, v), x, dy,
                    LocalResponseNormReference.backward(p, batch, channels, spatial, x, dy));
            assertTrue(result.passes(), p + ": " + result);
        }
    }

    @Test
    void forwardAndBackwardMatchTheReference() {
        SplittableRandom r = new SplittableRandom(72);
        LocalResponseNormKernel[] settings = {
            LocalResponseNormKernel.alexNet(),
            new LocalResponseNormKernel(2, 0.5, 0.6, 1),
            new LocalResponseNormKernel(3, 1, 0.5, 0.5),
            new LocalResponseNormKernel(4, 2, 1.5, 1),
        };
        int[][] shapes = {{1, 1, 1}, {2, 5, 9}, {1, 7, 16}, {3, 4, 1}, {2, 24, 13 * 13}};
        for (LocalResponseNormKernel p : settings) {
            for (int[] shape : shapes) {
                int batch = shape[0];
                int channels = shape[1];
                int spatial = shape[2];
                String what = p + " " + batch + "x" + channels + "x" + spatial;
                double[] x = SoftmaxKernelTest.scaled(Close.randomDoubles(r, batch * channels * spatial), 3);
                double[] dy = Close.randomDoubles(r, x.length);
                float[] y = new float[x.length];
                float[] scale = new float[x.length];
                p.forward(batch, channels, spatial, toFloat(x), y, scale);
                assertClose(LocalResponseNormReference.forward(p, batch, channels, spatial, x), y, 1e-4, 1e-5,
                        "forward " + what);
                float[] dx = PoolKernelTest.filledWithGarbage(x.length);
                p.backward(batch, channels, spatial, toFloat(x), y, scale, toFloat(dy), dx);
                assertClose(LocalResponseNormReference.backward(p, batch, channels, spatial, x, dy), dx, 1e-4, 1e-5,
                        "backward " + what);
            }
        }
    }

    @Test
    void badSettingsAreRefusedNamingTheValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> new LocalResponseNormKernel(0, 1e-4, 0.75, 2));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LocalResponseNormKernel(5, -1, 0.75, 2));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LocalResponseNormKernel(5, 1e-4, 0.75, 0));
        assertTrue(e.getMessage().contains("k"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LocalResponseNormKernel(5, 1e-4, Double.NaN, 2));
    }

    @Test
    void wrongLengthsAndAliasingAreRefused() {
        LocalResponseNormKernel lrn = LocalResponseNormKernel.alexNet();
        var e = assertThrows(IllegalArgumentException.class,
                () -> lrn.forward(1, 3, 2, new float[6], new float[5], new float[6]));
        assertTrue(e.getMessage().contains("5") && e.getMessage().contains("6"), e.getMessage());
        float[] x = new float[6];
        assertThrows(IllegalArgumentException.class, () -> lrn.forward(1, 3, 2, x, x, new float[6]));
        float[] dy = new float[6];
        assertThrows(IllegalArgumentException.class,
                () -> lrn.backward(1, 3, 2, x, new float[6], new float[6], dy, dy));
    }
}
