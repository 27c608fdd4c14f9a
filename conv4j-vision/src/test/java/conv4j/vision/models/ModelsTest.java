package conv4j.vision.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.nn.Module;
import conv4j.nn.Summary;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every model of the zoo builds, takes its own input and gives one score per class. */
class ModelsTest {

    /**
     * One build per model (a VGG holds 130 million weights); the families' own tests build 1000 classes, and
     * VggTest checks that torchvision's names (entries described "= vgg-a, ...") build the same networks.
     */
    @TestFactory
    Stream<DynamicTest> everyZooModelFitsItsInputAndClasses() {
        return Models.list().entrySet().stream().filter(e -> !e.getValue().description().startsWith("= "))
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            ModelEntry entry = e.getValue();
            Module three = Models.create(e.getKey(), 3, new Rng(1));
            assertEquals(Shape.of(1, 3), three.outputShape(entry.inputShape().withBatch(1)));
            Summary s = Summary.of(three, entry.inputShape());
            assertEquals(three.parameterCount(), s.totals().parameters());
            assertTrue(s.totals().multiplyAdds() > 0, e.getKey());
        }));
    }

    @Test
    void theZooHasTheLecturesNetworks() {
        assertTrue(Models.list().keySet().containsAll(java.util.List.of("lenet5", "alexnet", "alexnet-lrn", "vgg-a",
                "vgg-a-lrn", "vgg-b", "vgg-c", "vgg-d", "vgg-e", "vgg-a-bn", "vgg-e-bn", "vgg11", "vgg16_bn",
                "googlenet", "googlenet-aux", "googlenet-2014", "googlenet-torchvision", "resnet18", "resnet34",
                "resnet50", "resnet101", "resnet152", "resnet50-v1", "resnet101-v1", "resnet152-v1")),
                Models.list().keySet().toString());
    }

    @Test
    void thePapersLayoutOfEachNetwork() {
        assertEquals("resnet50-v1", Models.paperLayout("resnet50"));
        assertEquals("resnet18", Models.paperLayout("resnet18"), "basic blocks: torchvision's layout is the paper's");
        assertEquals("alexnet-lrn", Models.paperLayout("alexnet"));
        assertEquals("googlenet-2014", Models.paperLayout("googlenet-torchvision"));
        assertEquals("googlenet-2014", Models.paperLayout("googlenet"), "the paper's table without batch norm");
        assertEquals("vgg-c", Models.paperLayout("vgg-c"));
        assertThrows(IllegalArgumentException.class, () -> Models.paperLayout("resnet51"));
    }

    @Test
    void anUnknownNameIsRefusedByTheZoo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Models.create("no-such-model", new Rng(1)));
        assertTrue(e.getMessage().startsWith("unknown model 'no-such-model'; "), e.getMessage());
        for (String name : Models.list().keySet()) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }
}
