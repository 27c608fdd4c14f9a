package conv4j.vision.models;

import conv4j.nn.Module;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** Models by name, in the order of their table. {@link Models} holds the zoo's own registry. */
public final class ModelRegistry {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private final Map<String, ModelEntry> entries;

    public ModelRegistry(Map<String, ModelEntry> entries) {
        Map<String, ModelEntry> copy = new LinkedHashMap<>();
        entries.forEach((name, entry) -> {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("model names are lower-case letters, digits, '-' and '_', "
                        + "received '" + name + "'");
            }
            copy.put(name, Objects.requireNonNull(entry, name));
        });
        this.entries = Collections.unmodifiableMap(copy);
    }

    /** Every model by name, in table order. */
    public Map<String, ModelEntry> entries() {
        return entries;
    }

    public ModelEntry entry(String name) {
        ModelEntry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; " + (entries.isEmpty()
                    ? "no models are registered"
                    : "known models: " + String.join(", ", entries.keySet())));
        }
        return e;
    }

    /** The named model with its usual number of classes. */
    public Module create(String name, Rng rng) {
        return create(name, entry(name).classes(), rng);
    }

    /** The named model for its usual input shape. */
    public Module create(String name, int classes, Rng rng) {
        return create(name, classes, entry(name).inputShape(), rng);
    }

    /**
     * The named model for inputs of {@code input} (C x H x W); the shapes are checked before it is returned, so an
     * input the architecture cannot take fails here, naming the layer.
     */
    public Module create(String name, int classes, Shape input, Rng rng) {
        ModelEntry e = entry(name);
        if (classes < 1) {
            throw new IllegalArgumentException(name + " needs at least one class, received " + classes);
        }
        if (input.rank() != 3 || input.size() == 0) {
            throw new IllegalArgumentException(name + " takes inputs of C x H x W with positive sizes, received "
                    + input);
        }
        Module network = Objects.requireNonNull(e.factory().create(rng, classes, input), () -> "the factory of "
                + name + " returned no model");
        network.outputShape(input.withBatch(1));
        return network;
    }
}
