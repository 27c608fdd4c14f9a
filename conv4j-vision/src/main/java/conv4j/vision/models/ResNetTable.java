package conv4j.vision.models;

import conv4j.nn.BasicBlock;
import conv4j.nn.Bottleneck;
import conv4j.nn.Conv2d;
import conv4j.nn.Linear;
import conv4j.nn.MaxPool2d;
import conv4j.nn.Module;
import conv4j.nn.Sequential;
import conv4j.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A ResNet as the paper's table 1 lays it out: conv1, the stages conv2_x .. conv5_x (torchvision's layer1 ..
 * layer4, the max pooling counted with conv2_x), then average pooling and the fully connected layer; per row the
 * output size, the layers as the paper writes them ({@code [1x1, 64; 3x3, 64; 1x1, 256] x 3}) and the multiply-adds,
 * which the paper calls FLOPs.
 */
public final class ResNetTable {
    private static final String[] HEADER = {"layer name", "output size", "layers", "multiply-adds"};

    /**
     * One row of the table, for one sample: its single layers ({@code 7x7, 64, stride 2}, {@code 3x3 max pool,
     * stride 2}) and its residual blocks ({@code [3x3, 64; 3x3, 64] x 2}, empty for a row without).
     */
    public record Row(String name, Shape output, List<String> layers, String blocks, long multiplyAdds) {
        public Row {
            layers = List.copyOf(layers);
            Objects.requireNonNull(blocks, "blocks");
        }

        /** The row's layers as the table's one cell: the single layers, then the blocks. */
        public String describe() {
            List<String> all = new ArrayList<>(layers);
            if (!blocks.isEmpty()) {
                all.add(blocks);
            }
            return String.join("; ", all);
        }
    }

    private ResNetTable() {
    }

    /** Whether {@code model} is a ResNet of the zoo: a Sequential with stages layer1 .. layer4 of residual blocks. */
    public static boolean describes(Module model) {
        if (!(model instanceof Sequential) || !(model.children().get("layer1") instanceof Sequential stage)
                || stage.children().isEmpty()) {
            return false;
        }
        Module first = stage.children().values().iterator().next();
        return first instanceof BasicBlock || first instanceof Bottleneck;
    }

    public static List<Row> rows(Sequential model, Shape sample) {
        List<Row> rows = new ArrayList<>();
        Shape shape = sample.withBatch(1);
        String name = null;
        List<String> layers = new ArrayList<>();
        String blocks = "";
        long macs = 0;
        for (Map.Entry<String, Module> e : model.children().entrySet()) {
            String child = e.getKey();
            Module m = e.getValue();
            String starts = child.equals("conv1") ? "conv1" : child.equals("maxpool") ? "conv2_x"
                    : child.matches("layer[2-9]") ? "conv" + (Integer.parseInt(child.substring(5)) + 1) + "_x"
                    : child.equals("avgpool") ? "" : null;
            if (starts != null) {
                if (name != null) {
                    rows.add(new Row(name, shape, layers, blocks, macs));
                }
                name = starts;
                layers = new ArrayList<>();
                blocks = "";
                macs = 0;
            }
            if (m instanceof Sequential stage) {
                blocks = blocks(stage);
            } else {
                layers.addAll(describe(m));
            }
            macs += m.multiplyAdds(shape);
            shape = m.outputShape(shape);
        }
        rows.add(new Row(name, shape, layers, blocks, macs));
        return rows;
    }

    private static List<String> describe(Module m) {
        if (m instanceof Conv2d c) {
            return List.of(c.kernelH() + "x" + c.kernelW() + ", " + c.outChannels()
                    + (c.strideH() == 1 ? "" : ", stride " + c.strideH()));
        }
        if (m instanceof MaxPool2d p) {
            return List.of(p.kernelSize() + "x" + p.kernelSize() + " max pool, stride " + p.stride());
        }
        if (m instanceof Linear fc) {
            return List.of("average pool, " + fc.outFeatures() + "-d fc");
        }
        return List.of();
    }

    /** A stage as the paper writes it: the layers of its block in brackets, times the number of blocks. */
    private static String blocks(Sequential stage) {
        if (stage.children().isEmpty()) {
            return "";
        }
        Module first = stage.children().values().iterator().next();
        String times = " x " + stage.children().size();
        if (first instanceof BasicBlock b) {
            return "[3x3, " + b.planes() + "; 3x3, " + b.planes() + "]" + times;
        }
        if (first instanceof Bottleneck b) {
            return "[1x1, " + b.planes() + "; 3x3, " + b.planes() + "; 1x1, " + b.outChannels() + "]" + times;
        }
        return "";
    }

    public static String render(Sequential model, Shape sample) {
        List<String[]> cells = new ArrayList<>();
        long total = 0;
        for (Row r : rows(model, sample)) {
            cells.add(new String[] {r.name().isEmpty() ? "" : r.name(), outputSize(r.output()), r.describe(),
                String.format(Locale.ROOT, "%,d", r.multiplyAdds())});
            total += r.multiplyAdds();
        }
        double exponent = Math.floor(Math.log10(Math.max(1, total)));
        cells.add(new String[] {"FLOPs", "", String.format(Locale.ROOT, "%.2f x 10^%d", total / Math.pow(10,
                exponent), (int) exponent), String.format(Locale.ROOT, "%,d", total)});
        String stride = strideNote(model);
        return TextTable.render(HEADER, cells, 3) + (stride.isEmpty() ? "" : stride + "\n");
    }

    /** A row's output as the paper gives it: the size of its maps ({@code 56x56}), 1x1 for the scores. */
    static String outputSize(Shape output) {
        return output.rank() == 4 ? output.dim(2) + "x" + output.dim(3) : "1x1";
    }

    private static String strideNote(Sequential model) {
        for (Module m : model.modules()) {
            if (m instanceof Bottleneck b && b.stride() != 1) {
                return b.strideAt() == Bottleneck.StrideAt.CONV1
                        ? "Downsampling bottlenecks have their stride in the first 1x1, as in the paper."
                        : "Downsampling bottlenecks have their stride in the 3x3, as in torchvision (\"v1.5\"); "
                                + "--paper puts it in the first 1x1.";
            }
        }
        return "";
    }
}
