package conv4j.vision.filters;

import java.util.List;
import java.util.Objects;

/** A kernel of the table with its name, other names it answers to, and what it does to a picture. */
public record NamedKernel(String name, List<String> aliases, String description, ImageKernel kernel) {

    public NamedKernel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(kernel, "kernel");
        aliases = List.copyOf(aliases);
    }
}
