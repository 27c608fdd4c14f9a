package conv4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.kernels.Conv2dGeometry;
import conv4j.kernels.ConvMethod;
import conv4j.kernels.ConvPass;
import conv4j.kernels.ConvPlan;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every convolution of a model, blocks included, with the plan it takes at its true input shape. */
class ConvPlansTest {

    private static Sequential lenetWithABlock(Rng rng) {
        return new Sequential(
                Conv2d.builder(1, 6, 5).padding(2).build(rng), new ReLU(), new MaxPool2d(2), // C1, S2
                Conv2d.builder(6, 16, 5).build(rng), new ReLU(), new MaxPool2d(2),           // C3, S4
                new BasicBlock(16, 32, 2, rng),                                              // 16x5x5 -> 32x3x3
                new Flatten(), new Linear(32 * 3 * 3, 10, rng));
    }

    @Test
    void listsEveryConvolutionWithItsInputAndPlan() {
        Sequential net = lenetWithABlock(new Rng(1));
        ConvPlans plans = ConvPlans.of(net, Shape.of(1, 28, 28), 64);
        List<String> names = plans.layers().stream().map(ConvPlans.Layer::name).toList();
        assertEquals(List.of("0", "3", "6.conv1", "6.conv2", "6.downsample.0"), names);
        assertEquals(Conv2dGeometry.of(64, 1, 28, 28, 6, 5, 1, 2), plans.layers().get(0).geometry());
        assertEquals(Conv2dGeometry.of(64, 6, 14, 14, 16, 5, 1, 0), plans.layers().get(1).geometry());
        assertEquals(Shape.of(64, 16, 5, 5), plans.layers().get(2).geometry().inputShape());
        assertEquals(Shape.of(64, 32, 3, 3), plans.layers().get(3).geometry().inputShape());
        for (ConvPlans.Layer l : plans.layers()) {
            assertEquals(ConvPlan.of(l.geometry()), l.plan(), l.name());
        }
    }

    @Test
    void theBatchChangesThePlan() {
        Sequential net = lenetWithABlock(new Rng(2));
        // the block's 3x3 maps: one image has nothing cheaper than its own product, 64 put their columns together
        ConvPlans one = ConvPlans.of(net, Shape.of(1, 28, 28), 1);
        ConvPlans batch = ConvPlans.of(net, Shape.of(1, 28, 28), 64);
        assertEquals(ConvMethod.BATCH_COLUMNS, batch.layers().get(3).plan().weightGradient());
        assertTrue(one.layers().get(3).plan().weightGradient() != ConvMethod.BATCH_COLUMNS);
        assertEquals(batch.layers().stream().filter(l -> l.plan().weightGradient() == ConvMethod.BATCH_COLUMNS)
                .count(), batch.count(ConvPass.WEIGHT_GRADIENT, ConvMethod.BATCH_COLUMNS));
    }

    @Test
    void theTableHasALinePerConvolution() {
        String table = ConvPlans.of(lenetWithABlock(new Rng(3)), Shape.of(1, 28, 28), 1).render();
        List<String> lines = table.lines().toList();
        assertEquals("Convolution plans at input 1x1x28x28", lines.get(0));
        assertTrue(lines.get(1).matches("Convolution +Input +Kernel +Forward +Input gradient +Weight gradient"),
                lines.get(1));
        assertEquals(2 + 5, lines.size(), table);
        assertTrue(lines.get(2).startsWith("0 "), lines.get(2));
        assertTrue(lines.get(2).contains(ConvPlan.of(Conv2dGeometry.of(1, 1, 28, 28, 6, 5, 1, 2)).forward().label()));
    }

    @Test
    void aSampleShapeWithoutChannelsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvPlans.of(lenetWithABlock(new Rng(4)), Shape.of(28, 28), 1));
        assertEquals("plans need a C x H x W sample shape, received 28x28", e.getMessage());
    }
}
