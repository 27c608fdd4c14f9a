package conv4j.nn;

import conv4j.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model's layers for one input shape, computed from shapes alone (nothing runs): per layer the output shape,
 * learned parameters, multiply-adds, receptive field and activation memory, and the totals. The batch is 1, so every
 * count is per sample. {@link Sequential} containers are opened recursively, and so is the main path of a
 * {@link SequentialWithAux}; any other module with children is one row (a block), whose own
 * {@link Module#multiplyAdds} and {@link Module#window} speak for it.
 *
 * <p>Auxiliary classifiers run in training only, so they are rows of their own ({@code auxiliary}), on the map they
 * read: their parameters are in the total (a model file holds them), their multiply-adds and activations are not.
 */
public record Summary(Shape input, List<Row> rows, Totals totals, List<Row> auxiliary) {
    private static final int BYTES_PER_VALUE = Float.BYTES;

    /**
     * One layer: {@code name} is its state_dict path ({@code features.0}), {@code layer} its description, and
     * {@code lectureName} what the lecture calls it ({@code C1}), empty where the model's definition gives none.
     */
    public record Row(String name, String layer, Shape outputShape, long parameters, long multiplyAdds,
                      ReceptiveField receptiveField, long activationBytes, String lectureName) {
        public Row {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(layer, "layer");
            Objects.requireNonNull(lectureName, "lectureName");
            Objects.requireNonNull(outputShape, "outputShape");
            Objects.requireNonNull(receptiveField, "receptiveField");
            if (parameters < 0 || multiplyAdds < 0 || activationBytes < 0) {
                throw new IllegalArgumentException("summary row '" + name + "': counts must be >= 0, received "
                        + parameters + " parameters, " + multiplyAdds + " multiply-adds, " + activationBytes
                        + " activation bytes");
            }
        }

        /** A layer without a name in the lecture. */
        public Row(String name, String layer, Shape outputShape, long parameters, long multiplyAdds,
                   ReceptiveField receptiveField, long activationBytes) {
            this(name, layer, outputShape, parameters, multiplyAdds, receptiveField, activationBytes, "");
        }

        Row withLectureName(String lecture) {
            return new Row(name, layer, outputShape, parameters, multiplyAdds, receptiveField, activationBytes,
                    lecture);
        }
    }

    /** Activation memory is the sum of every layer's output (one forward pass); parameter memory is 4 bytes each. */
    public record Totals(long parameters, long multiplyAdds, long activationBytes, long parameterBytes) {
    }

    public Summary {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(totals, "totals");
        rows = List.copyOf(rows);
        auxiliary = List.copyOf(auxiliary);
    }

    /** A summary of a model without auxiliary classifiers. */
    public Summary(Shape input, List<Row> rows, Totals totals) {
        this(input, rows, totals, List.of());
    }

    /** One layer to summarise, and the auxiliary classifiers that read its output. */
    private record Layer(String name, Module module, List<Map.Entry<String, Module>> aux) {
    }

    /**
     * The summary of {@code model} for one sample of shape C x H x W. A layer that cannot take its input throws its
     * own {@link IllegalArgumentException}, which names the layer.
     */
    public static Summary of(Module model, Shape sampleShape) {
        if (sampleShape.rank() != 3) {
            throw new IllegalArgumentException("a summary needs a C x H x W sample shape, received " + sampleShape);
        }
        Shape input = sampleShape.withBatch(1); // 1 x C x H x W
        List<Layer> layers = new ArrayList<>();
        collectLayers("", model, layers);

        List<Row> rows = new ArrayList<>(layers.size());
        List<Row> auxiliary = new ArrayList<>();
        Shape shape = input;
        ReceptiveField field = ReceptiveField.PIXEL;
        long multiplyAdds = 0;
        long activationBytes = 0;
        for (Layer l : layers) {
            Module layer = l.module();
            Shape out = layer.outputShape(shape);
            long macs = layer.multiplyAdds(shape);
            field = out.rank() == 4
                    ? field.through(layer.window())
                    : ReceptiveField.wholeInput(input.dim(2), input.dim(3));
            long bytes = (long) out.size() * BYTES_PER_VALUE;
            rows.add(new Row(l.name(), layer.describe(), out, layer.parameterCount(), macs, field, bytes));
            multiplyAdds += macs;
            activationBytes += bytes;
            shape = out;
            for (Map.Entry<String, Module> a : l.aux()) {
                Module head = a.getValue();
                Shape scores = head.outputShape(out);
                auxiliary.add(new Row(a.getKey(), head.describe(), scores, head.parameterCount(),
                        head.multiplyAdds(out), ReceptiveField.wholeInput(input.dim(2), input.dim(3)),
                        (long) scores.size() * BYTES_PER_VALUE));
            }
        }
        long parameters = model.parameterCount();
        return new Summary(input, rows,
                new Totals(parameters, multiplyAdds, activationBytes, parameters * BYTES_PER_VALUE), auxiliary);
    }

    private static void collectLayers(String name, Module module, List<Layer> out) {
        if (module instanceof Sequential) {
            module.children().forEach((child, m) -> collectLayers(join(name, child), m, out));
        } else if (module instanceof SequentialWithAux s) {
            s.mainPath().forEach((child, m) -> {
                collectLayers(join(name, child), m, out);
                for (Map.Entry<String, Module> a : s.auxClassifiers().entrySet()) {
                    if (s.auxAfter(a.getKey()).equals(child)) {
                        out.get(out.size() - 1).aux().add(Map.entry(join(name, a.getKey()), a.getValue()));
                    }
                }
            });
        } else {
            out.add(new Layer(name, module, new ArrayList<>()));
        }
    }

    private static String join(String name, String child) {
        return name.isEmpty() ? child : name + "." + child;
    }

    /**
     * This summary with the lecture's names of its layers, {@code names} mapping a layer's path to its name
     * ({@code features.0} -> {@code C1}); a path that is no row of the summary is refused, naming it.
     */
    public Summary withLectureNames(Map<String, String> names) {
        List<Row> all = new ArrayList<>(rows);
        all.addAll(auxiliary);
        for (String path : names.keySet()) {
            if (all.stream().noneMatch(r -> r.name().equals(path))) {
                throw new IllegalArgumentException("the lecture names layer '" + path + "', which this model does "
                        + "not have");
            }
        }
        return new Summary(input, named(rows, names), totals, named(auxiliary, names));
    }

    private static List<Row> named(List<Row> rows, Map<String, String> names) {
        return rows.stream().map(r -> r.withLectureName(names.getOrDefault(r.name(), ""))).toList();
    }

    /** The per-sample input, C x H x W. */
    public Shape sampleShape() {
        return input.dropFirst();
    }

    /** The lecture's fully connected comparison for this summary's input. */
    public FullyConnectedCost fullyConnectedCost() {
        return FullyConnectedCost.of(sampleShape());
    }
}
