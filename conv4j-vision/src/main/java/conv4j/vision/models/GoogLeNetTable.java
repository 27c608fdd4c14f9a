package conv4j.vision.models;

import conv4j.nn.AdaptiveAvgPool2d;
import conv4j.nn.BasicConv2d;
import conv4j.nn.Conv2d;
import conv4j.nn.ConvReLU;
import conv4j.nn.Dropout;
import conv4j.nn.Flatten;
import conv4j.nn.Inception;
import conv4j.nn.Linear;
import conv4j.nn.LocalResponseNorm;
import conv4j.nn.MaxPool2d;
import conv4j.nn.Module;
import conv4j.nn.SequentialWithAux;
import conv4j.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A GoogLeNet as the paper's table 1 lays it out: one row per stage of the main path, with its patch size and
 * stride, output size, depth, the inception widths, its parameters (weights without biases or batch norm, in units
 * of 1024, as the paper counts them) and its operations (multiply-adds). As in the paper, the 1x1 reduction before
 * the 3x3 convolution of the stem shares that convolution's row, and the local response normalisations of the
 * published network have none. A convolution is either unit: torchvision's BasicConv2d or the paper's ConvReLU.
 */
public final class GoogLeNetTable {
    private static final String[] HEADER = {"type", "patch size/stride", "output size", "depth", "#1x1",
        "#3x3 reduce", "#3x3", "#5x5 reduce", "#5x5", "pool proj", "params", "ops"};

    /** One row; zero widths are blank in the table. Params are weights, ops multiply-adds, for one sample. */
    public record Row(String type, String patch, Shape output, int depth, int ch1x1, int ch3x3Reduce, int ch3x3,
                      int ch5x5Reduce, int ch5x5, int poolProj, long params, long ops) {
        /** The paper's unit: K = 1024 weights. */
        public double paramsK() {
            return params / 1024.0;
        }

        public double opsM() {
            return ops / 1e6;
        }
    }

    private GoogLeNetTable() {
    }

    /** Whether {@code model} is a GoogLeNet: its main path holds inception modules. */
    public static boolean describes(Module model) {
        return model instanceof SequentialWithAux s && s.mainPath().values().stream()
                .anyMatch(m -> m instanceof Inception);
    }

    /** The rows for one sample of {@code sample} (C x H x W). */
    public static List<Row> rows(SequentialWithAux model, Shape sample) {
        List<Row> rows = new ArrayList<>();
        Shape shape = sample.withBatch(1);
        List<Map.Entry<String, Module>> layers = List.copyOf(model.mainPath().entrySet());
        for (int i = 0; i < layers.size(); i++) {
            String name = layers.get(i).getKey();
            Module m = layers.get(i).getValue();
            Shape out = m.outputShape(shape);
            Conv2d unit = unitConv(m);
            Conv2d next = i + 1 < layers.size() ? unitConv(layers.get(i + 1).getValue()) : null;
            if (unit != null && unit.kernelH() == 1 && next != null) {
                Module conv = layers.get(i + 1).getValue();
                Shape convOut = conv.outputShape(out);
                rows.add(new Row("convolution", patch(next.kernelH(), next.strideH()), convOut, 2, 0,
                        unit.outChannels(), next.outChannels(), 0, 0, 0, weights(m) + weights(conv),
                        m.multiplyAdds(shape) + conv.multiplyAdds(out)));
                shape = convOut;
                i++;
                continue;
            }
            if (unit != null) {
                rows.add(new Row("convolution", patch(unit.kernelH(), unit.strideH()), out, 1, 0, 0, 0, 0, 0, 0,
                        weights(m), m.multiplyAdds(shape)));
            } else if (m instanceof MaxPool2d pool) {
                rows.add(new Row("max pool", patch(pool.kernelSize(), pool.stride()), out, 0, 0, 0, 0, 0, 0, 0, 0,
                        0));
            } else if (m instanceof Inception inc) {
                rows.add(new Row("inception (" + name.replace("inception", "") + ")", "", out, 2, inc.ch1x1(),
                        inc.ch3x3Reduce(), inc.ch3x3(), inc.ch5x5Reduce(), inc.ch5x5(), inc.poolProj(), weights(inc),
                        inc.multiplyAdds(shape)));
            } else if (m instanceof AdaptiveAvgPool2d) {
                rows.add(new Row("avg pool", patch(shape.dim(2), 1), out, 0, 0, 0, 0, 0, 0, 0, 0, 0));
            } else if (m instanceof Dropout d) {
                rows.add(new Row(String.format(Locale.ROOT, "dropout (%d%%)", Math.round(d.p() * 100)), "", out, 0,
                        0, 0, 0, 0, 0, 0, 0, 0));
            } else if (m instanceof Linear fc) {
                rows.add(new Row("linear", "", out, 1, 0, 0, 0, 0, 0, 0, weights(fc), fc.multiplyAdds(shape)));
            } else if (!(m instanceof Flatten || m instanceof LocalResponseNorm)) {
                rows.add(new Row(m.typeName(), "", out, 0, 0, 0, 0, 0, 0, 0, weights(m), m.multiplyAdds(shape)));
            }
            shape = out;
        }
        return rows;
    }

    /** The convolution of a GoogLeNet unit, null for any other layer. */
    private static Conv2d unitConv(Module m) {
        if (m instanceof BasicConv2d b) {
            return b.conv();
        }
        return m instanceof ConvReLU c ? c.conv() : null;
    }

    /** The weights of the convolutions and linear layers in {@code m}: no biases, no batch norm. */
    static long weights(Module m) {
        long n = 0;
        for (Module sub : m.modules()) {
            if (sub instanceof Conv2d conv) {
                n += conv.weight().size();
            } else if (sub instanceof Linear fc) {
                n += fc.weight().size();
            }
        }
        return n;
    }

    private static String patch(int kernel, int stride) {
        return kernel + "x" + kernel + "/" + stride;
    }

    public static String render(SequentialWithAux model, Shape sample) {
        List<String[]> cells = new ArrayList<>();
        for (Row r : rows(model, sample)) {
            Shape o = r.output();
            String size = o.rank() == 4 ? o.dim(2) + "x" + o.dim(3) + "x" + o.dim(1) : "1x1x" + o.dim(1);
            cells.add(new String[] {r.type(), r.patch(), size, r.depth() == 0 ? "" : "" + r.depth(),
                blank(r.ch1x1()), blank(r.ch3x3Reduce()), blank(r.ch3x3()), blank(r.ch5x5Reduce()),
                blank(r.ch5x5()), blank(r.poolProj()),
                r.params() == 0 ? "" : String.format(Locale.ROOT, "%.1fK", r.paramsK()),
                r.ops() == 0 ? "" : String.format(Locale.ROOT, "%.0fM", r.opsM())});
        }
        return TextTable.render(HEADER, cells, 3);
    }

    private static String blank(int width) {
        return width == 0 ? "" : Integer.toString(width);
    }
}
