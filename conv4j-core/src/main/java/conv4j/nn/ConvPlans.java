package conv4j.nn;

import conv4j.kernels.Conv2dGeometry;
import conv4j.kernels.ConvMethod;
import conv4j.kernels.ConvPass;
import conv4j.kernels.ConvPlan;
import conv4j.tensor.Shape;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every convolution of a model with the method each of its passes takes ({@link ConvPlan}) at one input shape,
 * computed from shapes alone: the model's {@link Module#outputShape} walks every layer with its true input, blocks
 * included, and each {@link Conv2d} on the way reports its geometry here. Auxiliary classifiers are listed too (they
 * run in training).
 */
public record ConvPlans(Shape input, List<Layer> layers) {
    private static final ThreadLocal<Map<Conv2d, Conv2dGeometry>> RECORDING = new ThreadLocal<>();

    /** One convolution: its state_dict path, its geometry at the model's input, and its plan. */
    public record Layer(String name, Conv2dGeometry geometry, ConvPlan plan) {
        public Layer {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(geometry, "geometry");
            Objects.requireNonNull(plan, "plan");
        }
    }

    public ConvPlans {
        Objects.requireNonNull(input, "input");
        layers = List.copyOf(layers);
    }

    /** The plans of {@code model}'s convolutions on {@code batch} samples of shape C x H x W. */
    public static ConvPlans of(Module model, Shape sampleShape, int batch) {
        if (sampleShape.rank() != 3) {
            throw new IllegalArgumentException("plans need a C x H x W sample shape, received " + sampleShape);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("plans need a batch of at least 1, received " + batch);
        }
        Shape input = sampleShape.withBatch(batch);
        Map<Conv2d, Conv2dGeometry> seen = new IdentityHashMap<>();
        RECORDING.set(seen);
        try {
            model.outputShape(input);
        } finally {
            RECORDING.remove();
        }
        List<Layer> layers = new ArrayList<>();
        for (Module m : model.modules()) {
            if (m instanceof Conv2d conv && seen.containsKey(conv)) {
                Conv2dGeometry g = seen.get(conv);
                layers.add(new Layer(conv.path().isEmpty() ? conv.typeName() : conv.path(), g, ConvPlan.of(g)));
            }
        }
        return new ConvPlans(input, layers);
    }

    /** Called by every {@link Conv2d#outputShape}: records the first geometry of each layer while a walk runs. */
    static void observe(Conv2d conv, Conv2dGeometry g) {
        Map<Conv2d, Conv2dGeometry> seen = RECORDING.get();
        if (seen != null) {
            seen.putIfAbsent(conv, g);
        }
    }

    /** How many convolutions take {@code method} for {@code pass}. */
    public long count(ConvPass pass, ConvMethod method) {
        return layers.stream().filter(l -> l.plan().method(pass) == method).count();
    }

    /** One line per convolution: name, input, kernel, then the method of each pass (the crop, if any). */
    public String render() {
        String[] header = {"Convolution", "Input", "Kernel", "Forward", "Input gradient", "Weight gradient"};
        List<String[]> rows = new ArrayList<>();
        for (Layer l : layers) {
            Conv2dGeometry g = l.geometry();
            ConvPlan p = l.plan();
            String kernel = g.kernelH() + "x" + g.kernelW() + (g.strideH() > 1 || g.strideW() > 1
                    ? " /" + g.strideH() : "") + (p.cropped() ? " (as " + p.computed().kernelH() + "x"
                    + p.computed().kernelW() + ")" : "");
            rows.add(new String[] {l.name(), g.inputShape().toString(), kernel, p.forward().label(),
                p.inputGradient().label(), p.weightGradient().label()});
        }
        int[] widths = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            widths[c] = header[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("Convolution plans at input ").append(input).append('\n');
        line(b, header, widths);
        for (String[] row : rows) {
            line(b, row, widths);
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String[] cells, int[] widths) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            l.append(c == 0 ? "" : "  ").append(cells[c]).append(" ".repeat(widths[c] - cells[c].length()));
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }
}
