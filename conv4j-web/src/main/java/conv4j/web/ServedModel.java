package conv4j.web;

import conv4j.io.ModelInfo;
import conv4j.nn.Module;
import conv4j.vision.image.ImageLoader;
import conv4j.vision.image.ModelInput;
import java.util.Objects;
import java.util.function.Function;

/**
 * A trained model the server answers with: its name in the API, the network in evaluation mode, what its file says
 * about it, and where it came from. The network runs one request at a time: a feature-map capture hooks its layers,
 * and a hook must see only its own request's pass.
 */
final class ServedModel {
    private final String name;
    private final Module network;
    private final ModelInfo info;
    private final String source;
    private final ModelInput input;

    ServedModel(String name, Module network, ModelInfo info, String source, ImageLoader loader) {
        this.name = Objects.requireNonNull(name, "name");
        this.network = Objects.requireNonNull(network, "network").eval();
        this.info = Objects.requireNonNull(info, "info");
        this.source = Objects.requireNonNull(source, "source");
        this.input = new ModelInput(info, loader);
    }

    String name() {
        return name;
    }

    ModelInfo info() {
        return info;
    }

    String source() {
        return source;
    }

    ModelInput input() {
        return input;
    }

    /** The class names, numbered when the file has none. */
    String label(int index) {
        return index < info.classNames().size() ? info.classNames().get(index) : Integer.toString(index);
    }

    <T> T run(Function<Module, T> work) {
        synchronized (network) {
            return work.apply(network);
        }
    }

    long parameterCount() {
        return network.parameterCount();
    }
}
