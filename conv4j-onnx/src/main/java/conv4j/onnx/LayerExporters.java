package conv4j.onnx;

import static conv4j.onnx.OnnxGraphBuilder.integer;
import static conv4j.onnx.OnnxGraphBuilder.ints;
import static conv4j.onnx.OnnxGraphBuilder.real;

import conv4j.kernels.Padding;
import conv4j.nn.AdaptiveAvgPool2d;
import conv4j.nn.AvgPool2d;
import conv4j.nn.BatchNorm2d;
import conv4j.nn.Conv2d;
import conv4j.nn.Dropout;
import conv4j.nn.Flatten;
import conv4j.nn.GlobalAvgPool2d;
import conv4j.nn.LeakyReLU;
import conv4j.nn.Linear;
import conv4j.nn.LocalResponseNorm;
import conv4j.nn.MaxPool2d;
import conv4j.nn.Module;
import conv4j.nn.ReLU;
import conv4j.nn.Sequential;
import conv4j.nn.Sigmoid;
import conv4j.nn.Softmax;
import conv4j.nn.Tanh;
import conv4j.onnx.ExportScope.Value;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The allowlist of layers an ONNX export knows: one row per class, and how the layer's evaluation-mode forward pass
 * is written as ONNX nodes (opset 17). A class outside this table, a subclass included (it may compute something
 * else), is refused with the table's list. Rows for the classic networks' blocks are in {@link BlockExporters}.
 */
final class LayerExporters {
    /** Writes one layer's nodes on {@code input} and returns the value that holds its output. */
    @FunctionalInterface
    interface Exporter<M extends Module> {
        String export(M layer, ExportScope scope, Value input);
    }

    record Row<M extends Module>(String type, Class<M> layerClass, Exporter<M> exporter) {
        String export(Module layer, ExportScope scope, Value input) {
            return exporter.export(layerClass.cast(layer), scope, input);
        }
    }

    private static final Map<Class<?>, Row<?>> BY_CLASS = new LinkedHashMap<>();

    static {
        add(new Row<>("Sequential", Sequential.class, (l, s, in) -> {
            Value v = in;
            for (String name : l.children().keySet()) {
                v = s.child(name, v);
            }
            return v.name();
        }));
        add(new Row<>("Conv2d", Conv2d.class, LayerExporters::conv));
        add(new Row<>("Linear", Linear.class, (l, s, in) -> {
            List<String> inputs = new ArrayList<>(List.of(in.name(), s.weight("weight", l.weight().value())));
            if (l.bias() != null) {
                inputs.add(s.weight("bias", l.bias().value()));
            }
            return s.node("Gemm", null, inputs, integer("transB", 1));
        }));
        add(new Row<>("MaxPool2d", MaxPool2d.class, (l, s, in) -> s.node("MaxPool", null, List.of(in.name()),
                poolAttributes(l.kernelSize(), l.stride(), l.padding(), l.ceilMode(), in.shape()))));
        add(new Row<>("AvgPool2d", AvgPool2d.class, LayerExporters::avgPool));
        add(new Row<>("AdaptiveAvgPool2d", AdaptiveAvgPool2d.class, (l, s, in) ->
                AdaptivePoolExport.export(s, null, in, l.outH(), l.outW())));
        add(new Row<>("GlobalAvgPool2d", GlobalAvgPool2d.class, (l, s, in) -> s.node("Flatten", "flatten",
                List.of(s.node("GlobalAveragePool", null, List.of(in.name()))), integer("axis", 1))));
        add(new Row<>("Flatten", Flatten.class, (l, s, in) -> s.node("Flatten", null, List.of(in.name()),
                integer("axis", 1))));
        add(new Row<>("ReLU", ReLU.class, (l, s, in) -> s.node("Relu", null, List.of(in.name()))));
        add(new Row<>("Sigmoid", Sigmoid.class, (l, s, in) -> s.node("Sigmoid", null, List.of(in.name()))));
        add(new Row<>("Tanh", Tanh.class, (l, s, in) -> s.node("Tanh", null, List.of(in.name()))));
        // conv4j's Softmax takes N x classes; since opset 13 ONNX's normalises along the one axis it is given.
        add(new Row<>("Softmax", Softmax.class, (l, s, in) -> s.node("Softmax", null, List.of(in.name()),
                integer("axis", 1))));
        add(new Row<>("LeakyReLU", LeakyReLU.class, (l, s, in) -> s.node("LeakyRelu", null, List.of(in.name()),
                real("alpha", l.alpha()))));
        // The identity in evaluation mode: no node at all.
        add(new Row<>("Dropout", Dropout.class, (l, s, in) -> in.name()));
        add(new Row<>("BatchNorm2d", BatchNorm2d.class, (l, s, in) -> s.node("BatchNormalization", null,
                List.of(in.name(), s.weight("weight", l.weight().value()), s.weight("bias", l.bias().value()),
                        s.weight("running_mean", l.runningMean()), s.weight("running_var", l.runningVar())),
                // ONNX's momentum weighs the old running value, PyTorch's and conv4j's the new batch's.
                real("epsilon", l.eps()), real("momentum", 1f - l.momentum()))));
        add(new Row<>("LocalResponseNorm", LocalResponseNorm.class, LrnExport::export));
        BlockExporters.all().forEach(LayerExporters::add);
    }

    private LayerExporters() {
    }

    private static void add(Row<?> row) {
        BY_CLASS.put(row.layerClass(), row);
    }

    /** The exportable layer types, in table order. */
    static List<String> types() {
        return BY_CLASS.values().stream().map(Row::type).toList();
    }

    /** Exports {@code layer}, whose state_dict path is {@code path}, on {@code input}. */
    static Value export(Module layer, String path, OnnxGraphBuilder graph, Value input) {
        Row<?> row = BY_CLASS.get(layer.getClass());
        if (row == null) {
            throw new OnnxExportException("cannot export " + layer.typeName() + (path.isEmpty() ? "" : " '" + path
                    + "'") + " (class " + layer.getClass().getName() + ") to ONNX: no exporter knows this class; "
                    + "exportable layers: " + String.join(", ", types()));
        }
        Shape out = layer.outputShape(input.shape());
        return new Value(row.export(layer, new ExportScope(graph, path, layer), input), out);
    }

    private static String conv(Conv2d l, ExportScope s, Value in) {
        Padding p = l.geometry(in.shape()).padding(); // "same" padding resolved for this input size
        List<String> inputs = new ArrayList<>(List.of(in.name(), s.weight("weight", l.weight().value())));
        if (l.bias() != null) {
            inputs.add(s.weight("bias", l.bias().value()));
        }
        return s.node("Conv", null, inputs, ints("kernel_shape", l.kernelH(), l.kernelW()),
                ints("strides", l.strideH(), l.strideW()), ints("pads", p.top(), p.left(), p.bottom(), p.right()),
                ints("dilations", l.dilationH(), l.dilationW()), integer("group", l.groups()));
    }

    /**
     * ONNX Runtime's divisor with count_include_pad differs from conv4j's (and PyTorch's) once there is padding or a
     * ceil-mode window (0.28 relative on a 10x9 map, 3x3 stride 2 padding 1, ceil mode), while count_include_pad 0,
     * the number of input elements in the window, is unambiguous. So a layer that counts the padding is written as
     * that mean times real count / conv4j's divisor per output position, a constant map broadcast over N and C.
     */
    private static String avgPool(AvgPool2d l, ExportScope s, Value in) {
        AttributeProto[] window = poolAttributes(l.kernelSize(), l.stride(), l.padding(), l.ceilMode(), in.shape());
        AttributeProto[] a = Arrays.copyOf(window, window.length + 1);
        a[window.length] = integer("count_include_pad", 0);
        if (!l.countIncludePad() || l.padding() == 0 && !l.ceilMode()) { // no window reaches past the input
            return s.node("AveragePool", null, List.of(in.name()), a);
        }
        Shape out = l.outputShape(in.shape());
        int outH = out.dim(2);
        int outW = out.dim(3);
        float[] scale = new float[outH * outW];
        boolean ones = true;
        for (int oh = 0; oh < outH; oh++) {
            for (int ow = 0; ow < outW; ow++) {
                int[] rows = windowCounts(oh, l.stride(), l.kernelSize(), l.padding(), in.shape().dim(2));
                int[] cols = windowCounts(ow, l.stride(), l.kernelSize(), l.padding(), in.shape().dim(3));
                scale[oh * outW + ow] = (float) (rows[0] * cols[0]) / (rows[1] * cols[1]);
                ones &= rows[0] == rows[1] && cols[0] == cols[1];
            }
        }
        String mean = s.node("AveragePool", ones ? null : "mean", List.of(in.name()), a);
        return ones ? mean : s.node("Mul", null, List.of(mean, s.constant("divisor_ratio",
                Tensor.of(scale, outH, outW))));
    }

    /** The input elements in window i along an axis, and conv4j's divisor: the window clipped to the padded input. */
    private static int[] windowCounts(int i, int stride, int kernel, int pad, int in) {
        int start = i * stride - pad;
        int end = start + kernel;
        int real = Math.min(end, in) - Math.max(start, 0);
        int divisor = Math.min(end, in + pad) - start;
        return new int[] {real, divisor};
    }

    /**
     * A square window. Ceil mode is written as ceil_mode only where it is unambiguous: ONNX's shape inference (opset
     * 17) rounds up without dropping a last window that would start in the right padding, while ONNX Runtime's kernel,
     * PyTorch and conv4j drop it (a 5x5 map, 2x2 windows, stride 2, padding 1: 4x4 against 3x3). Where that drop
     * happens, the windows are written in floor mode with extra padding at the end, which pooling ignores (max) or
     * does not count (average, count_include_pad 0); where ceil mode adds no window, floor mode is written.
     */
    private static AttributeProto[] poolAttributes(int kernel, int stride, int padding, boolean ceil, Shape input) {
        int[] extra = new int[2];
        boolean anyExtra = false;
        boolean anyDropped = false;
        for (int axis = 0; axis < 2; axis++) {
            int in = input.dim(2 + axis);
            int span = in + 2 * padding - kernel;
            int floor = span / stride + 1;
            int up = (span + stride - 1) / stride + 1;
            int out = ceil && (up - 1) * stride < in + padding ? up : floor;
            extra[axis] = Math.max(0, (out - 1) * stride + kernel - (in + 2 * padding));
            anyExtra |= extra[axis] > 0;
            anyDropped |= ceil && up != out;
        }
        boolean ceilMode = anyExtra && !anyDropped;
        int[] end = ceilMode ? new int[2] : extra;
        return new AttributeProto[] {ints("kernel_shape", kernel, kernel), ints("strides", stride, stride),
            ints("pads", padding, padding, padding + end[0], padding + end[1]), integer("ceil_mode", ceilMode ? 1 : 0)};
    }
}
