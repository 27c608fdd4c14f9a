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

/**
 * A ResNet as the paper's table 1 lays it out: conv1, the stages conv2_x .. conv5_x (torchvision's layer1 ..
 * layer4, the max pooling counted with conv2_x), then average pooling and the fully connected layer; per row the
 * output size, the layers as the paper writes them ({@code [1x1, 64; 3x3, 64; 1x1, 256] x 3}) and the multiply-adds,
 * which the paper calls FLOPs.
 */
public final class ResNetTable {
    private static final String[] HEADER = {"layer name", "output size", "layers", "multiply-adds"};

    /** One row of the table, for one sample. */
    public record Row(String name, Shape output, String layers, long multiplyAdds) {
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
        long macs = 0;
        for (Map.Entry<String, Module> e : model.children().entrySet()) {
            String child = e.getKey();
            Module m = e.getValue();
            String starts = child.equals("conv1") ? "conv1" : child.equals("maxpool") ? "conv2_x"
                    : child.matches("layer[2-9]") ? "conv" + (Integer.parseInt(child.substring(5)) + 1) + "_x"
                    : child.equals("avgpool") ? "" : null;
            if (starts != null) {
                if (name != null) {
                    rows.add(new Row(name, shape, String.join("; ", layers), macs));
                }
                name = starts;
                layers = new ArrayList<>();
                macs = 0;
            }
            layers.addAll(describe(m));
            macs += m.multiplyAdds(shape);
            shape = m.outputShape(shape);
        }
        rows.add(new Row(name, shape, String.join("; ", layers), macs));
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
        if (m instanceof Sequential stage && !stage.children().isEmpty()) {
            Module first = stage.children().values().iterator().next();
            String blocks = " x " + stage.children().size();
            if (first instanceof BasicBlock b) {
                return List.of("[3x3, " + b.planes() + "; 3x3, " + b.planes() + "]" + blocks);
            }
            if (first instanceof Bottleneck b) {
                return List.of("[1x1, " + b.planes() + "; 3x3, " + b.planes() + "; 1x1, " + b.outChannels() + "]"
                        + blocks);
            }
        }
        return List.of();
    }

    public static String render(Sequential model, Shape sample) {
        List<String[]> cells = new ArrayList<>();
        long total = 0;
        for (Row r : rows(model, sample)) {
            Shape o = r.output();
            cells.add(new String[] {r.name().isEmpty() ? "" : r.name(),
                o.rank() == 4 ? o.dim(2) + "x" + o.dim(3) : "1x1", r.layers(),
                String.format(Locale.ROOT, "%,d", r.multiplyAdds())});
            total += r.multiplyAdds();
        }
        double exponent = Math.floor(Math.log10(Math.max(1, total)));
        cells.add(new String[] {"FLOPs", "", String.format(Locale.ROOT, "%.2f x 10^%d", total / Math.pow(10,
                exponent), (int) exponent), String.format(Locale.ROOT, "%,d", total)});
        String stride = strideNote(model);
        return TextTable.render(HEADER, cells, 3) + (stride.isEmpty() ? "" : stride + "\n");
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
