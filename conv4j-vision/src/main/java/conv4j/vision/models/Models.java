package conv4j.vision.models;

import conv4j.nn.Module;
import conv4j.tensor.Shape;
import conv4j.tensor.Rng;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model zoo: each network is a row of this table (name, description, input shape, classes, factory), and each
 * family's builder is itself table-driven. {@code Models.create("lenet5", rng)} builds a model with fresh weights.
 */
public final class Models {
    private static final ModelRegistry ZOO = new ModelRegistry(table());

    private Models() {
    }

    private static Map<String, ModelEntry> table() {
        Map<String, ModelEntry> t = new LinkedHashMap<>();
        t.put("lenet5", new ModelEntry("LeNet-5 for 28x28 digits (the lecture's; 61,706 parameters)",
                Shape.of(1, 28, 28), 10, (rng, classes, input) -> LeNet5.create(classes, input, rng)));
        return t;
    }

    public static ModelRegistry registry() {
        return ZOO;
    }

    /** Every model by name with its description, input shape and classes, in table order. */
    public static Map<String, ModelEntry> list() {
        return ZOO.entries();
    }

    public static Module create(String name, Rng rng) {
        return ZOO.create(name, rng);
    }

    public static Module create(String name, int classes, Rng rng) {
        return ZOO.create(name, classes, rng);
    }

    public static Module create(String name, int classes, Shape input, Rng rng) {
        return ZOO.create(name, classes, input, rng);
    }
}
