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

    @TestFactory
    Stream<DynamicTest> everyZooModelFitsItsInputAndClasses() {
        return Models.list().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            ModelEntry entry = e.getValue();
            Module m = Models.create(e.getKey(), new Rng(1));
            assertEquals(Shape.of(1, entry.classes()), m.outputShape(entry.inputShape().withBatch(1)));
            Summary s = Summary.of(m, entry.inputShape());
            assertEquals(m.parameterCount(), s.totals().parameters());
            assertTrue(s.totals().multiplyAdds() > 0, e.getKey());
            Module three = Models.create(e.getKey(), 3, new Rng(1));
            assertEquals(Shape.of(1, 3), three.outputShape(entry.inputShape().withBatch(1)));
        }));
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
