package conv4j.vision.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.nn.Flatten;
import conv4j.nn.Linear;
import conv4j.nn.Module;
import conv4j.nn.Sequential;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelRegistryTest {

    private static ModelEntry linearModel(int c, int h, int w, int classes) {
        return new ModelEntry("flatten and one linear layer", Shape.of(c, h, w), classes,
                (rng, n, input) -> new Sequential(new Flatten(), new Linear(c * h * w, n, rng)));
    }

    private static ModelRegistry registry() {
        Map<String, ModelEntry> table = new LinkedHashMap<>();
        table.put("tiny", linearModel(1, 4, 4, 3));
        table.put("wide", linearModel(3, 8, 8, 5));
        return new ModelRegistry(table);
    }

    @Test
    void lectureNamesComeFromTheEntryWhereTheModelHasTheirLayers() {
        Module lenet = Models.create("lenet5", new Rng(0));
        Map<String, String> names = Models.registry().lectureNames("lenet5", lenet);
        assertEquals(Map.of("features.0", "C1", "features.2", "S2", "features.3", "C3", "features.5", "S4",
                "features.6", "C5", "classifier.0", "F6", "classifier.2", "output"), names);
        assertEquals(Map.of(), Models.registry().lectureNames("alexnet", lenet), "the lecture names none of it");
        assertEquals(Map.of(), Models.registry().lectureNames("no-such-model", lenet));
        Module other = new Sequential(new Flatten(), new Linear(784, 10, new Rng(1)));
        assertEquals(Map.of(), Models.registry().lectureNames("lenet5", other), "called lenet5, laid out otherwise");
    }

    @Test
    void createsWithTheEntrysClassesByDefault() {
        Module m = registry().create("tiny", new Rng(1));
        assertEquals(Shape.of(2, 3), m.outputShape(Shape.of(2, 1, 4, 4)));
    }

    @Test
    void createsWithAnotherClassCount() {
        Module m = registry().create("wide", 7, new Rng(1));
        assertEquals(Shape.of(1, 7), m.outputShape(Shape.of(1, 3, 8, 8)));
        assertEquals(3 * 8 * 8 * 7 + 7, m.parameterCount());
    }

    @Test
    void anUnknownNameGetsTheNearestKnownOneAndTheList() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry().entry("tiyn"));
        assertEquals("unknown model 'tiyn'; did you mean tiny? known models: tiny, wide", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> registry().entry("resnet50"));
        assertEquals("unknown model 'resnet50'; known models: tiny, wide", e.getMessage());
    }

    @Test
    void eachCallBuildsAFreshModel() {
        ModelRegistry r = registry();
        assertNotSame(r.create("tiny", new Rng(1)), r.create("tiny", new Rng(1)));
    }

    @Test
    void listsEntriesInTableOrder() {
        ModelRegistry r = registry();
        assertEquals(List.of("tiny", "wide"), List.copyOf(r.entries().keySet()));
        assertEquals(Shape.of(3, 8, 8), r.entries().get("wide").inputShape());
        assertThrows(UnsupportedOperationException.class, () -> r.entries().remove("tiny"));
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry().create("lenet", new Rng(1)));
        assertEquals("unknown model 'lenet'; known models: tiny, wide", e.getMessage());
    }

    @Test
    void anEmptyRegistrySaysSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelRegistry(Map.of()).entry("lenet5"));
        assertEquals("unknown model 'lenet5'; no models are registered", e.getMessage());
    }

    @Test
    void refusesNoClasses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry().create("tiny", 0, new Rng(1)));
        assertTrue(e.getMessage().contains("received 0"), e.getMessage());
    }

    @Test
    void refusesNamesThatAreHardToType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelRegistry(Map.of("Le Net", linearModel(1, 4, 4, 3))));
        assertTrue(e.getMessage().contains("'Le Net'"), e.getMessage());
    }

    @Test
    void entriesValidateTheirFields() {
        ModelEntry.Factory f = (rng, n, input) -> new Flatten();
        assertThrows(IllegalArgumentException.class, () -> new ModelEntry("x", Shape.of(28, 28), 10, f));
        assertThrows(IllegalArgumentException.class, () -> new ModelEntry("x", Shape.of(1, 28, 28), 0, f));
        assertThrows(IllegalArgumentException.class, () -> new ModelEntry(" ", Shape.of(1, 28, 28), 10, f));
    }

    @Test
    void anInputTooSmallAlsoSaysTheSmallestThatWorks() {
        // flatten and one linear layer over 16 values: 1x4x4 is the one square input that fits
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> registry().create("tiny", 3, Shape.of(1, 3, 3), new Rng(1)));
        assertEquals("Linear '1': expected N x 16 input, received 1x9; tiny takes inputs of at least 1x4x4",
                small.getMessage());
        IllegalArgumentException large = assertThrows(IllegalArgumentException.class,
                () -> registry().create("tiny", 3, Shape.of(1, 5, 5), new Rng(1)));
        assertEquals("Linear '1': expected N x 16 input, received 1x25", large.getMessage(), "not a matter of size");
    }
}
