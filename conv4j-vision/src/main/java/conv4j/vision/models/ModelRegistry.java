package conv4j.vision.models;

import conv4j.nn.Module;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
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
            String near = DidYouMean.phrase(name, entries.keySet());
            throw new IllegalArgumentException("unknown model '" + name + "'; " + (near.isEmpty() ? "" : near + " ")
                    + (entries.isEmpty() ? "no models are registered"
                    : "known models: " + String.join(", ", entries.keySet())));
        }
        return e;
    }

    /**
     * The lecture's names of the layers of {@code model}, a network of the architecture {@code name}: its entry's
     * table where {@code model} has every layer the table names, so a model of another layout under that name gets
     * none; none for a name this registry does not know.
     */
    public Map<String, String> lectureNames(String name, Module model) {
        ModelEntry e = entries.get(name);
        if (e == null || e.lectureNames().isEmpty()) {
            return Map.of();
        }
        Set<String> paths = new HashSet<>();
        model.modules().forEach(m -> paths.add(m.path()));
        return paths.containsAll(e.lectureNames().keySet()) ? e.lectureNames() : Map.of();
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
        Module network;
        try {
            network = e.factory().create(rng, classes, input);
        } catch (IllegalArgumentException tooSmall) {
            throw withSmallestInput(name, e, classes, input, null, tooSmall);
        }
        Objects.requireNonNull(network, () -> "the factory of " + name + " returned no model");
        try {
            network.outputShape(input.withBatch(1));
        } catch (IllegalArgumentException tooSmall) {
            throw withSmallestInput(name, e, classes, input, network, tooSmall);
        }
        return network;
    }

    /**
     * The layer's error, and where the input is smaller than the smallest square one that works, that size: so
     * "MaxPool2d 'features.20' on input 1x512x1x1: ..." also says "vgg-a takes inputs of at least 3x32x32".
     */
    private static IllegalArgumentException withSmallestInput(String name, ModelEntry e, int classes, Shape input,
            Module built, IllegalArgumentException error) {
        OptionalInt side = smallestSide(e, classes, input, built);
        if (side.isEmpty() || Math.min(input.dim(1), input.dim(2)) >= side.getAsInt()) {
            return error; // not a matter of size, or not one a square input fixes
        }
        int s = side.getAsInt();
        return new IllegalArgumentException(error.getMessage() + "; " + name + " takes inputs of at least "
                + Shape.of(input.dim(0), s, s), error);
    }

    /**
     * The smallest side s for which the model takes C x s x s inputs, searching upward. The shapes are checked on one
     * model, {@code built} for the input or else built for the usual size (the zoo's networks pool adaptively, so
     * their layers do not depend on the input size); a candidate is then confirmed by building the model for it,
     * which also covers networks, like LeNet-5, whose layers follow the input size.
     */
    static OptionalInt smallestSide(ModelEntry e, int classes, Shape input, Module built) {
        int channels = input.dim(0);
        Module probe = built;
        if (probe == null) {
            try {
                probe = e.factory().create(new Rng(0), classes, Shape.of(channels, e.inputShape().dim(1),
                        e.inputShape().dim(2)));
            } catch (IllegalArgumentException notThisWay) {
                probe = null;
            }
        }
        int limit = 4 * Math.max(Math.max(e.inputShape().dim(1), e.inputShape().dim(2)),
                Math.max(input.dim(1), input.dim(2)));
        for (int s = 1; s <= limit; s++) {
            Shape candidate = Shape.of(channels, s, s);
            if (probe != null && !fits(probe, candidate)) {
                continue;
            }
            try {
                e.factory().create(new Rng(0), classes, candidate).outputShape(candidate.withBatch(1));
                return OptionalInt.of(s);
            } catch (IllegalArgumentException notYet) {
                // a model built for this size refuses it: keep searching
            }
        }
        return OptionalInt.empty();
    }

    private static boolean fits(Module model, Shape sample) {
        try {
            model.outputShape(sample.withBatch(1));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
