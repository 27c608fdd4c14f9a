package conv4j.io;

import conv4j.nn.Module;
import java.util.Objects;

/** A model read from a model file, with its trained weights, and what the file says about it. */
public record LoadedModel(Module model, ModelInfo info) {
    public LoadedModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(info, "info");
    }
}
