package conv4j.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Small ONNX files as torch's exporter writes them (ir_version first, a symbolic batch, weights as initializers):
 * a chain of layers for 1 x 28 x 28 digits of ten classes, and a graph that branches and leaves its size open.
 */
final class ToyOnnx {
    static final int CLASSES = 10;
    private static final long IR_VERSION = 8;
    private static final long OPSET = 13;

    private ToyOnnx() {
    }

    /** Conv 1->4 3x3 pad 1, BatchNormalization, Relu, MaxPool 2, Flatten, Dropout, Gemm 784->10; N x 1 x 28 x 28. */
    static Path chain(Path file, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        List<NodeProto> nodes = List.of(
                node("Conv", "conv1", List.of("input", "w", "b"), "c", ints("kernel_shape", 3, 3),
                        ints("pads", 1, 1, 1, 1), ints("strides", 1, 1)),
                node("BatchNormalization", "bn1", List.of("c", "scale", "shift", "mean", "var"), "n"),
                node("Relu", "relu1", List.of("n"), "r"),
                node("MaxPool", "pool1", List.of("r"), "p", ints("kernel_shape", 2, 2), ints("strides", 2, 2)),
                node("Flatten", "flat", List.of("p"), "f", i("axis", 1)),
                node("Dropout", "drop", List.of("f"), "d"),
                node("Gemm", "fc", List.of("d", "fcW", "fcB"), "output", i("transB", 1)));
        List<TensorProto> weights = List.of(random("w", r, 4, 1, 3, 3), random("b", r, 4),
                random("scale", r, 4), random("shift", r, 4), random("mean", r, 4), positive("var", r, 4),
                random("fcW", r, CLASSES, 4 * 14 * 14), random("fcB", r, CLASSES));
        return write(file, nodes, weights, input(dim("N"), dim(1), dim(28), dim(28)));
    }

    /** Conv 3->4 1x1, Relu, Add of both (a branch that meets again), GlobalAveragePool, Flatten, Gemm 4->10. */
    static Path branching(Path file, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        List<NodeProto> nodes = List.of(
                node("Conv", "conv1", List.of("input", "w"), "c", ints("kernel_shape", 1, 1)),
                node("Relu", "relu1", List.of("c"), "r"),
                node("Add", "add1", List.of("c", "r"), "a"),
                node("GlobalAveragePool", "gap", List.of("a"), "g"),
                node("Flatten", "flat", List.of("g"), "f", i("axis", 1)),
                node("Gemm", "fc", List.of("f", "fcW", "fcB"), "output", i("transB", 1)));
        List<TensorProto> weights = List.of(random("w", r, 4, 3, 1, 1), random("fcW", r, CLASSES, 4),
                random("fcB", r, CLASSES));
        return write(file, nodes, weights, input(dim("N"), dim(3), dim("H"), dim("W")));
    }

    private static Path write(Path file, List<NodeProto> nodes, List<TensorProto> weights, ValueInfoProto input)
            throws IOException {
        GraphProto g = new GraphProto(nodes, "main_graph", weights, List.of(input),
                List.of(new ValueInfoProto("output", null)), List.of());
        ModelProto m = new ModelProto(IR_VERSION, List.of(new OperatorSetIdProto("", OPSET)), "test", g);
        return Files.write(file, OnnxWriter.toBytes(m));
    }

    private static ValueInfoProto input(TensorShapeProto.Dimension... dims) {
        return new ValueInfoProto("input", new TensorTypeProto(TensorProto.FLOAT,
                new TensorShapeProto(List.of(dims))));
    }

    private static TensorShapeProto.Dimension dim(long v) {
        return TensorShapeProto.Dimension.of(v);
    }

    private static TensorShapeProto.Dimension dim(String symbol) {
        return TensorShapeProto.Dimension.of(symbol);
    }

    private static NodeProto node(String op, String name, List<String> in, String out, AttributeProto... attrs) {
        return new NodeProto(in, List.of(out), name, op, "", List.of(attrs));
    }

    private static TensorProto random(String name, SplittableRandom r, long... dims) {
        return tensor(name, r, 0, dims);
    }

    private static TensorProto positive(String name, SplittableRandom r, long... dims) {
        return tensor(name, r, 0.5, dims);
    }

    private static TensorProto tensor(String name, SplittableRandom r, double floor, long... dims) {
        List<Long> d = new ArrayList<>();
        long n = 1;
        for (long v : dims) {
            d.add(v);
            n *= v;
        }
        float[] values = new float[(int) n];
        for (int k = 0; k < values.length; k++) {
            values[k] = (float) (floor > 0 ? floor + r.nextDouble() : r.nextDouble() - 0.5);
        }
        return TensorProto.ofFloats(name, d, values);
    }

    private static AttributeProto ints(String name, long... values) {
        List<Long> v = new ArrayList<>();
        for (long x : values) {
            v.add(x);
        }
        return new AttributeProto(name, AttributeProto.INTS, 0, 0, null, null, List.of(), v, List.of());
    }

    private static AttributeProto i(String name, long value) {
        return new AttributeProto(name, AttributeProto.INT, 0, value, null, null, List.of(), List.of(), List.of());
    }
}
