package conv4j.vision.models;

import conv4j.nn.Module;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One model of the zoo: a one-line description, the input it was designed for (C x H x W), its usual number of
 * classes, how to build it with fresh weights, and the lecture's names of its layers by state_dict path
 * ({@code features.0} -> {@code C1}; none for most models).
 */
public record ModelEntry(String description, Shape inputShape, int classes, Factory factory,
                         Map<String, String> lectureNames) {

    /**
     * Builds the network for inputs of {@code input} (C x H x W) with weights initialised from {@code rng} and an output
     * layer of {@code classes} scores.
     */
    @FunctionalInterface
    public interface Factory {
        Module create(Rng rng, int classes, Shape input);
    }

    public ModelEntry {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputShape, "inputShape");
        Objects.requireNonNull(factory, "factory");
        lectureNames = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(lectureNames,
                "lectureNames")));
        if (description.isBlank() || description.contains("\n")) {
            throw new IllegalArgumentException("a model description is one non-empty line, received '"
                    + description + "'");
        }
        if (inputShape.rank() != 3 || inputShape.size() == 0) {
            throw new IllegalArgumentException("a model's input shape is C x H x W with positive sizes, received "
                    + inputShape);
        }
        if (classes < 1) {
            throw new IllegalArgumentException("a model needs at least one class, received " + classes);
        }
    }

    /** A model whose layers the lecture does not name. */
    public ModelEntry(String description, Shape inputShape, int classes, Factory factory) {
        this(description, inputShape, classes, factory, Map.of());
    }
}
