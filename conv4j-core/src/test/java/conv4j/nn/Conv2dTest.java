package conv4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.autograd.Ops;
import conv4j.autograd.Variable;
import conv4j.optim.Sgd;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class Conv2dTest {

    /** SEED-EXAMPLES section 1: white, four black middle columns, white. */
    private static Tensor edgeImage() {
        Tensor x = Tensor.zeros(1, 1, 6, 8);
        for (int r = 0; r < 6; r++) {
            for (int c : new int[] {0, 1, 6, 7}) {
                x.set(1f, 0, 0, r, c);
            }
        }
        return x;
    }

    @Test
    void learnsTheEdgeKernelFromData() {
        // SEED-EXAMPLES section 2: from (X, Y = corr2d(X, [[1, -1]])) a 1x2 kernel is learned by plain gradient
        // descent on the squared error, as the lecture does it (sum of squares, lr 3e-2).
        Tensor x = edgeImage();
        Tensor y = Tensor.zeros(1, 1, 6, 7);
        for (int r = 0; r < 6; r++) {
            y.set(1f, 0, 0, r, 1);
            y.set(-1f, 0, 0, r, 5);
        }
        Conv2d conv = Conv2d.builder(1, 1, 1, 2).bias(false).build(new Rng(2024));
        Sgd sgd = new Sgd(conv.parameters(), 3e-2);
        for (int step = 0; step < 40; step++) {
            sgd.zeroGrad();
            Variable diff = Ops.sub(conv.forward(Variable.of(x)), Variable.of(y));
            Ops.sum(Ops.square(diff)).backward();
            sgd.step();
        }
        float[] k = conv.weight().value().data();
        assertEquals(1f, k[0], 0.05f, "learned kernel " + k[0] + ", " + k[1]);
        assertEquals(-1f, k[1], 0.05f, "learned kernel " + k[0] + ", " + k[1]);
    }

    @Test
    void edgeKernelFindsTheEdges() {
        // SEED-EXAMPLES section 1 through the layer: every output row is 0 1 0 0 0 -1 0.
        Conv2d conv = Conv2d.builder(1, 1, 1, 2).bias(false).build(new Rng(1));
        conv.weight().value().data()[0] = 1f;
        conv.weight().value().data()[1] = -1f;
        Tensor out = conv.predict(edgeImage());
        assertEquals(Shape.of(1, 1, 6, 7), out.shape());
        for (int r = 0; r < 6; r++) {
            float[] row = new float[7];
            System.arraycopy(out.data(), r * 7, row, 0, 7);
            assertArrayEquals(new float[] {0, 1, 0, 0, 0, -1, 0}, row);
        }
    }

    @Test
    void parameterCountIsOneBiasPerFilter() {
        // SEED-EXAMPLES section 5: (F x F x D + 1) x K
        Conv2d conv = Conv2d.builder(3, 96, 11).stride(4).build(new Rng(0));
        assertEquals((11 * 11 * 3 + 1) * 96, conv.parameterCount());
        Conv2d grouped = Conv2d.builder(8, 16, 3).groups(4).bias(false).build(new Rng(0));
        assertEquals(3 * 3 * 2 * 16, grouped.parameterCount());
    }

    @Test
    void outputSizeFollowsTheLectureFormula() {
        // H' = floor((H + 2p - F) / s) + 1
        Rng rng = new Rng(0);
        assertEquals(Shape.of(2, 96, 55, 55), Conv2d.builder(3, 96, 11).stride(4).padding(2).build(rng)
                .outputShape(Shape.of(2, 3, 224, 224)));
        assertEquals(Shape.of(1, 4, 7, 7), Conv2d.builder(3, 4, 3).stride(2).build(rng)
                .outputShape(Shape.of(1, 3, 16, 16))); // floor(13 / 2) + 1
        assertEquals(Shape.of(1, 4, 16, 16), Conv2d.builder(3, 4, 3).paddingSame().build(rng)
                .outputShape(Shape.of(1, 3, 16, 16)));
        assertEquals(Shape.of(1, 4, 8, 8), Conv2d.builder(3, 4, 4).stride(2).paddingSame().build(rng)
                .outputShape(Shape.of(1, 3, 16, 16)));
    }

    @Test
    void gradientsReachInputWeightAndBias() {
        Rng rng = new Rng(5);
        Conv2d conv = Conv2d.builder(2, 3, 3).stride(2).padding(1).build(rng);
        Tensor x = Tensor.randn(Shape.of(2, 2, 5, 6), rng, 1);
        Variable in = Variable.parameter(x);
        Ops.sum(conv.forward(in)).backward();
        assertEquals(x.shape(), in.grad().shape());
        assertTrue(nonZero(conv.weight().grad()) && nonZero(conv.bias().grad()) && nonZero(in.grad()));
        // d sum / d bias_k = number of output positions: 2 images x 3 x 3.
        assertArrayEquals(new float[] {18, 18, 18}, conv.bias().grad().data());
    }

    // After zeroGrad the weight gradient is written in place of added; a second backward pass, or a second use of
    // the same layer in one graph, must still add.
    @Test
    void weightGradientsAddUpOverPassesAndUsesAfterZeroGrad() {
        Rng rng = new Rng(6);
        Conv2d conv = Conv2d.builder(2, 3, 3).padding(1).build(rng);
        Tensor x = Tensor.randn(Shape.of(2, 2, 5, 5), rng, 1);
        Ops.sum(conv.forward(Variable.of(x))).backward();
        float[] once = conv.weight().grad().data().clone();
        conv.weight().zeroGrad();
        conv.bias().zeroGrad();
        Ops.sum(conv.forward(Variable.of(x))).backward();
        assertArrayEquals(once, conv.weight().grad().data(), "written over the zeros");
        Ops.sum(conv.forward(Variable.of(x))).backward();
        assertArrayEquals(scaled(once, 2), conv.weight().grad().data(), "a second pass adds");
        conv.weight().zeroGrad();
        Ops.sum(Ops.add(conv.forward(Variable.of(x)), conv.forward(Variable.of(x)))).backward();
        assertArrayEquals(scaled(once, 2), conv.weight().grad().data(), "two uses in one graph add");
    }

    private static float[] scaled(float[] x, float factor) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * factor;
        }
        return y;
    }

    private static boolean nonZero(Tensor t) {
        for (float v : t.data()) {
            if (v != 0) {
                return true;
            }
        }
        return false;
    }

    @Test
    void badInputNamesTheLayer() {
        Rng rng = new Rng(0);
        Sequential model = new Sequential().add("features", new Sequential(
                new Conv2d(1, 4, 3, rng), new Conv2d(4, 4, 3, rng), new Conv2d(4, 8, 5, rng),
                Conv2d.builder(8, 8, 3).build(rng)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.outputShape(Shape.of(1, 1, 9, 9)));
        assertTrue(e.getMessage().contains("Conv2d 'features.3'"), e.getMessage());
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> model.outputShape(Shape.of(1, 3, 28, 28)));
        assertTrue(e.getMessage().contains("'features.0'") && e.getMessage().contains("N x 1 x H x W")
                && e.getMessage().contains("1x3x28x28"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> model.forward(Variable.of(Tensor.zeros(1, 28, 28))));
        assertTrue(e.getMessage().contains("received 1x28x28"), e.getMessage());
    }

    @Test
    void badSettingsAreRefusedWithTheValue() {
        Rng rng = new Rng(0);
        for (var c : List.<Runnable>of(
                () -> Conv2d.builder(1, 1, 3).stride(0).build(rng),
                () -> Conv2d.builder(1, 1, 3).padding(-1).build(rng),
                () -> Conv2d.builder(3, 4, 3).groups(2).build(rng),
                () -> Conv2d.builder(0, 4, 3).build(rng),
                () -> Conv2d.builder(1, 4, 0).build(rng))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::run);
            assertTrue(e.getMessage().matches(".*(-1|=0|groups=2|in=0|0x0).*"), e.getMessage());
        }
    }
}
