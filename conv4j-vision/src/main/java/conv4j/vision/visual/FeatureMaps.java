package conv4j.vision.visual;

import conv4j.nn.AdaptiveAvgPool2d;
import conv4j.nn.AvgPool2d;
import conv4j.nn.Conv2d;
import conv4j.nn.GlobalAvgPool2d;
import conv4j.nn.LeakyReLU;
import conv4j.nn.MaxPool2d;
import conv4j.nn.Module;
import conv4j.nn.ReLU;
import conv4j.nn.Sigmoid;
import conv4j.nn.Tanh;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Runs a model once on one input, in evaluation mode, with a forward hook on the layers asked for, however deep they
 * sit in the model's tree, and keeps what each produced: the first maps of each, in the order the layers ran. Only
 * the kept maps are copied, so a wide model on a large photo costs little memory.
 */
public final class FeatureMaps {
    private FeatureMaps() {
    }

    /** What one run left: the layers' maps in the order they ran, the first convolution that ran, the output. */
    public record Capture(List<LayerMaps> layers, Conv2d firstConv, String firstConvName, Tensor output) {
        public Capture {
            layers = List.copyOf(layers);
            Objects.requireNonNull(output, "output");
        }

        /** The layers with the lecture's names, {@code names} mapping a layer's path to its name ({@code C1}). */
        public Capture withLectureNames(Map<String, String> names) {
            return new Capture(layers.stream().map(l -> l.withLectureName(names.getOrDefault(l.name(), "")))
                    .toList(), firstConv, firstConvName, output);
        }
    }

    /** Convolution and pooling layers: the pictures of "what the network sees". */
    public static boolean isConvOrPool(Module m) {
        return m instanceof Conv2d || m instanceof MaxPool2d || m instanceof AvgPool2d
                || m instanceof AdaptiveAvgPool2d || m instanceof GlobalAvgPool2d;
    }

    /** Pointwise activations, whose outputs are what the next layer receives. */
    public static boolean isActivation(Module m) {
        return m instanceof ReLU || m instanceof LeakyReLU || m instanceof Sigmoid || m instanceof Tanh;
    }

    /**
     * Runs {@code model} on {@code input} (one sample, C x H x W) and keeps up to {@code maxMaps} maps of every layer
     * for which {@code which} holds. The model is put in evaluation mode for the run (dropout off, BatchNorm's running
     * statistics) and put back in training mode afterwards if it was in it.
     */
    public static Capture capture(Module model, Tensor input, Predicate<Module> which, int maxMaps) {
        if (maxMaps < 1) {
            throw new IllegalArgumentException("the number of maps to keep must be at least 1, received " + maxMaps);
        }
        if (input.rank() != 3) {
            throw new IllegalArgumentException("feature maps are taken for one sample, C x H x W, received "
                    + input.shape());
        }
        List<LayerMaps> layers = new ArrayList<>();
        Conv2d[] first = new Conv2d[1];
        List<Module.HookHandle> handles = new ArrayList<>();
        boolean training = model.isTraining();
        model.eval();
        try {
            for (Module m : model.modules()) {
                boolean keep = which.test(m);
                if (!keep && !(m instanceof Conv2d)) {
                    continue;
                }
                handles.add(m.addForwardHook((layer, out) -> {
                    if (layer instanceof Conv2d conv && first[0] == null) {
                        first[0] = conv;
                    }
                    if (keep) {
                        layers.add(keep(layer, out.value(), maxMaps));
                    }
                }));
            }
            Tensor output = model.predict(input.reshape(input.shape().withBatch(1)));
            String firstName = first[0] == null ? null : name(first[0]);
            return new Capture(layers, first[0], firstName, output);
        } finally {
            handles.forEach(Module.HookHandle::close);
            if (training) {
                model.train();
            }
        }
    }

    private static LayerMaps keep(Module layer, Tensor out, int maxMaps) {
        Shape s = out.shape();
        Shape shape = s.dropFirst();
        if (s.dim(0) != 1 || shape.rank() != 1 && shape.rank() != 3) {
            throw new IllegalArgumentException(layer.label() + ": expected an output of 1 x C x H x W (or 1 x C) "
                    + "to draw, received " + s);
        }
        int channels = shape.dim(0);
        int plane = shape.rank() == 3 ? shape.dim(1) * shape.dim(2) : 1;
        int kept = Math.min(channels, maxMaps);
        // A copy: the output's storage belongs to the engine, which may reuse it.
        float[] maps = new float[kept * plane];
        System.arraycopy(out.data(), 0, maps, 0, maps.length);
        Shape keptShape = shape.rank() == 3 ? Shape.of(kept, shape.dim(1), shape.dim(2)) : Shape.of(kept, 1, 1);
        return new LayerMaps(name(layer), layer.describe(), shape, new Tensor(keptShape, maps));
    }

    private static String name(Module layer) {
        return layer.path().isEmpty() ? layer.typeName() : layer.path();
    }
}
