package conv4j.nn;

import conv4j.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model's layers for one input shape, computed from shapes alone (nothing runs): per layer the output shape,
 * learned parameters, multiply-adds, receptive field and activation memory, and the totals. The batch is 1, so every
 * count is per sample. {@link Sequential} containers are opened recursively; any other module with children is one
 * row (a block), whose own {@link Module#multiplyAdds} and {@link Module#window} speak for it.
 */
public record Summary(Shape input, List<Row> rows, Totals totals) {
    private static final int BYTES_PER_VALUE = Float.BYTES;

    /** One layer: {@code name} is its state_dict path ({@code features.0}), {@code layer} its description. */
    public record Row(String name, String layer, Shape outputShape, long parameters, long multiplyAdds,
                      ReceptiveField receptiveField, long activationBytes) {
        public Row {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(layer, "layer");
            Objects.requireNonNull(outputShape, "outputShape");
            Objects.requireNonNull(receptiveField, "receptiveField");
            if (parameters < 0 || multiplyAdds < 0 || activationBytes < 0) {
                throw new IllegalArgumentException("summary row '" + name + "': counts must be >= 0, received "
                        + parameters + " parameters, " + multiplyAdds + " multiply-adds, " + activationBytes
                        + " activation bytes");
            }
        }
    }

    /** Activation memory is the sum of every layer's output (one forward pass); parameter memory is 4 bytes each. */
    public record Totals(long parameters, long multiplyAdds, long activationBytes, long parameterBytes) {
    }

    public Summary {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(totals, "totals");
        rows = List.copyOf(rows);
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
        List<Map.Entry<String, Module>> layers = new ArrayList<>();
        collectLayers("", model, layers);

        List<Row> rows = new ArrayList<>(layers.size());
        Shape shape = input;
        ReceptiveField field = ReceptiveField.PIXEL;
        long multiplyAdds = 0;
        long activationBytes = 0;
        for (Map.Entry<String, Module> e : layers) {
            Module layer = e.getValue();
            Shape out = layer.outputShape(shape);
            long macs = layer.multiplyAdds(shape);
            field = out.rank() == 4
                    ? field.through(layer.window())
                    : ReceptiveField.wholeInput(input.dim(2), input.dim(3));
            long bytes = (long) out.size() * BYTES_PER_VALUE;
            rows.add(new Row(e.getKey(), layer.describe(), out, layer.parameterCount(), macs, field, bytes));
            multiplyAdds += macs;
            activationBytes += bytes;
            shape = out;
        }
        long parameters = model.parameterCount();
        return new Summary(input, rows,
                new Totals(parameters, multiplyAdds, activationBytes, parameters * BYTES_PER_VALUE));
    }

    private static void collectLayers(String name, Module module, List<Map.Entry<String, Module>> out) {
        if (module instanceof Sequential) {
            module.children().forEach((child, m) -> collectLayers(name.isEmpty() ? child : name + "." + child, m, out));
        } else {
            out.add(Map.entry(name, module));
        }
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
