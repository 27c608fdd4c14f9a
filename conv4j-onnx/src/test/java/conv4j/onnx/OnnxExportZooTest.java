package conv4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.nn.Module;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.vision.models.ModelEntry;
import conv4j.vision.models.Models;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model of the zoo, exported and run by ONNX Runtime on a seeded random batch of 2 (the file's batch is
 * symbolic), gives conv4j's evaluation-mode output: max |difference| / max |conv4j output| within 1e-5. Each runs at
 * the smallest square input it takes, but no smaller than {@link #MIN_SIDE}, which keeps the whole zoo to a couple of
 * minutes on two cores while every layer still sees a map larger than 1x1 (VGG's and AlexNet's adaptive pooling then
 * run up to 7x7 and 6x6 from 2x2 and 1x1 maps, through the exporter's MatMul form).
 */
class OnnxExportZooTest {
    private static final double TOLERANCE = 1e-5;
    private static final int BATCH = 2;
    private static final int MIN_SIDE = 64;

    /**
     * Every model but torchvision's names for the VGG configurations (vgg11 ... vgg19_bn), whose rows in the zoo's
     * table build the very networks of vgg-a ... vgg-e-bn and say so ("= vgg-a, torchvision's name"): each VGG costs
     * some seconds, most of them ONNX Runtime loading its 500 MB of weights.
     */
    static Stream<String> models() {
        return Models.list().entrySet().stream().filter(e -> !isAlias(e.getValue())).map(Map.Entry::getKey);
    }

    private static boolean isAlias(ModelEntry e) {
        return e.description().startsWith("= ");
    }

    @Test
    void theModelsLeftOutAreOtherNamesOfOnesRun() {
        List<String> run = models().toList();
        Models.list().forEach((name, e) -> {
            if (isAlias(e)) {
                String original = e.description().substring(2, e.description().indexOf(','));
                assertTrue(run.contains(original), name + " is " + original + ", which is not run");
                assertEquals(Models.list().get(original).inputShape(), e.inputShape(), name);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void onnxRuntimeGivesConv4jsOutput(String name) throws Exception {
        long start = System.nanoTime();
        ModelEntry entry = Models.list().get(name);
        Module model = Models.create(name, new Rng(1));
        int side = smallestSide(model, entry.inputShape());
        Shape input = Shape.of(entry.inputShape().dim(0), side, side);
        if (side != entry.inputShape().dim(1) || side != entry.inputShape().dim(2)) {
            model = Models.registry().create(name, entry.classes(), input, new Rng(1)); // layers may follow the size
        }
        TrainedStatistics.apply(model, new Rng(2));
        byte[] onnx = OnnxExport.toBytes(model, input);
        model.eval();
        Tensor x = Tensor.randn(input.withBatch(BATCH), new Rng(3), 1.0);
        Tensor expected = model.predict(x);
        model = null; // VGG-E's weights are 550 MB: the runtime's session needs the room
        Tensor actual = OrtReference.run(onnx, x);
        assertEquals(Shape.of(BATCH, entry.classes()), actual.shape(), name);
        double diff = OrtReference.relativeDifference(expected, actual);
        System.out.printf(Locale.ROOT, "onnx export %-26s input %-12s relative difference %.2e  (%.1f s, %d MB)%n",
                name, input, diff, (System.nanoTime() - start) / 1e9, onnx.length >> 20);
        assertTrue(diff <= TOLERANCE, name + ": relative difference " + diff);
    }

    /** The smallest side s >= MIN_SIDE for which the model takes C x s x s inputs, at most its usual size. */
    private static int smallestSide(Module model, Shape usual) {
        for (int s = MIN_SIDE; s < Math.max(usual.dim(1), usual.dim(2)); s++) {
            try {
                model.outputShape(Shape.of(1, usual.dim(0), s, s));
                return s;
            } catch (IllegalArgumentException tooSmall) {
                // try the next size
            }
        }
        return usual.dim(1);
    }
}
