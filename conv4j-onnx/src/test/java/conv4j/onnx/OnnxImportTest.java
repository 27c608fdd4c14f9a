package conv4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxImportTest {
    private static final long OPSET = 13;
    /** float32 sums of up to a few hundred products against double loops: a relative tolerance well above rounding. */
    private static final double TOLERANCE = 1e-5;

    private final Rng rng = new Rng(7);

    @Test
    void aConvReluMaxPoolFlattenGemmChainMatchesTheReferenceAfterAFileRoundTrip() throws Exception {
        float[] x = random(2 * 3 * 9 * 9);
        float[] w = random(4 * 3 * 3 * 3);
        float[] b = random(4);
        float[] fcW = random(10 * 100);
        float[] fcB = random(10);
        GraphProto g = graph(List.of(
                node("Conv", "conv", List.of("x", "w", "b"), "c", ints("pads", 1, 1, 1, 1), ints("strides", 1, 1),
                        ints("kernel_shape", 3, 3)),
                node("Relu", "relu", List.of("c"), "r"),
                node("MaxPool", "pool", List.of("r"), "p", ints("kernel_shape", 3, 3), ints("strides", 2, 2),
                        ints("pads", 1, 1, 1, 1)),
                node("Flatten", "flat", List.of("p"), "f", i("axis", 1)),
                node("Gemm", "fc", List.of("f", "fcW", "fcB"), "y", i("transB", 1))),
                List.of(floats("w", w, 4, 3, 3, 3), floats("b", b, 4), floats("fcW", fcW, 10, 100),
                        floats("fcB", fcB, 10)), "x", "y");
        ModelProto model = new ModelProto(8, List.of(new OperatorSetIdProto("", OPSET)), "test", g);
        OnnxModel imported = OnnxImport.fromModel(OnnxReader.read(OnnxWriter.toBytes(model)));

        int[] hw = new int[2];
        double[] c = OnnxReference.conv(d(x), 2, 3, 9, 9, d(w), 4, 3, 3, d(b), new int[] {1, 1},
                new int[] {1, 1, 1, 1}, new int[] {1, 1}, 1, hw);
        double[] p = OnnxReference.pool(OnnxReference.relu(c), 8, hw[0], hw[1], 3, 2, 1, false, true, false, hw);
        assertEquals(100, 4 * hw[0] * hw[1]);
        double[] bias = new double[2 * 10];
        for (int r = 0; r < 2; r++) {
            for (int j = 0; j < 10; j++) {
                bias[r * 10 + j] = fcB[j];
            }
        }
        double[] expected = OnnxReference.gemm(p, d(fcW), bias, 2, 10, 100, false, true, 1, 1);

        Tensor y = imported.predict(new Tensor(Shape.of(2, 3, 9, 9), x));
        assertEquals(Shape.of(2, 10), y.shape());
        assertEquals(Shape.of(2, 10), imported.outputShape(Shape.of(2, 3, 9, 9)));
        assertClose(expected, y);
        assertEquals(List.of("conv.weight", "conv.bias", "fc.weight", "fc.bias"),
                List.copyOf(imported.stateDict().keySet()));
    }

    @Test
    void aResidualAddSumsTheBranchAndTheInputWithWeightsSharedThroughIdentity() {
        float[] x = random(1 * 4 * 5 * 5);
        float[] w = random(4 * 4 * 3 * 3);
        GraphProto g = graph(List.of(
                node("Identity", "share", List.of("w"), "w2"),
                node("Conv", "conv1", List.of("x", "w"), "c1", ints("pads", 1, 1, 1, 1)),
                node("Relu", "relu1", List.of("c1"), "r1"),
                node("Conv", "conv2", List.of("r1", "w2"), "c2", ints("pads", 1, 1, 1, 1)),
                node("Add", "add", List.of("c2", "x"), "s"),
                node("Relu", "relu2", List.of("s"), "y")),
                List.of(floats("w", w, 4, 4, 3, 3)), "x", "y");
        OnnxModel imported = OnnxImport.fromGraph(g, OPSET);

        int[] hw = new int[2];
        int[] one = {1, 1};
        int[] pad = {1, 1, 1, 1};
        double[] r1 = OnnxReference.relu(OnnxReference.conv(d(x), 1, 4, 5, 5, d(w), 4, 3, 3, null, one, pad, one, 1,
                hw));
        double[] c2 = OnnxReference.conv(r1, 1, 4, 5, 5, d(w), 4, 3, 3, null, one, pad, one, 1, hw);
        double[] expected = OnnxReference.relu(OnnxReference.add(c2, d(x)));

        assertClose(expected, imported.predict(new Tensor(Shape.of(1, 4, 5, 5), x)));
        assertEquals(2, imported.children().size());
    }

    @Test
    void aConcatJoinsTwoBranchesAlongTheChannels() {
        float[] x = random(2 * 3 * 6 * 6);
        float[] w1 = random(2 * 3);
        float[] w3 = random(5 * 3 * 3 * 3);
        GraphProto g = graph(List.of(
                node("Conv", "one", List.of("x", "w1"), "a"),
                node("Conv", "three", List.of("x", "w3"), "b", ints("pads", 1, 1, 1, 1)),
                node("Concat", "cat", List.of("a", "b"), "y", i("axis", 1))),
                List.of(floats("w1", w1, 2, 3, 1, 1), floats("w3", w3, 5, 3, 3, 3)), "x", "y");
        OnnxModel imported = OnnxImport.fromGraph(g, OPSET);

        int[] hw = new int[2];
        int[] one = {1, 1};
        double[] a = OnnxReference.conv(d(x), 2, 3, 6, 6, d(w1), 2, 1, 1, null, one, new int[4], one, 1, hw);
        double[] b = OnnxReference.conv(d(x), 2, 3, 6, 6, d(w3), 5, 3, 3, null, one, new int[] {1, 1, 1, 1}, one, 1,
                hw);
        double[] expected = new double[2 * 7 * 36];
        for (int n = 0; n < 2; n++) {
            System.arraycopy(a, n * 2 * 36, expected, n * 7 * 36, 2 * 36);
            System.arraycopy(b, n * 5 * 36, expected, n * 7 * 36 + 2 * 36, 5 * 36);
        }
        Tensor y = imported.predict(new Tensor(Shape.of(2, 3, 6, 6), x));
        assertEquals(Shape.of(2, 7, 6, 6), y.shape());
        assertClose(expected, y);
    }

    @Test
    void convHonoursGroupsDilationsStridesAndAsymmetricPads() {
        float[] x = random(1 * 4 * 8 * 7);
        float[] w = random(6 * 2 * 3 * 2);
        float[] b = random(6);
        int[] strides = {2, 1};
        int[] pads = {0, 1, 2, 1};
        int[] dil = {2, 1};
        GraphProto g = graph(List.of(node("Conv", "conv", List.of("x", "w", "b"), "y", i("group", 2),
                ints("strides", 2, 1), ints("pads", 0, 1, 2, 1), ints("dilations", 2, 1))),
                List.of(floats("w", w, 6, 2, 3, 2), floats("b", b, 6)), "x", "y");
        int[] hw = new int[2];
        double[] expected = OnnxReference.conv(d(x), 1, 4, 8, 7, d(w), 6, 3, 2, d(b), strides, pads, dil, 2, hw);
        Tensor y = OnnxImport.fromGraph(g, OPSET).predict(new Tensor(Shape.of(1, 4, 8, 7), x));
        assertEquals(Shape.of(1, 6, hw[0], hw[1]), y.shape());
        assertClose(expected, y);
    }

    @Test
    void sameUpperPutsTheOddPaddingAtTheEndAndSameLowerAtTheStart() {
        float[] x = random(1 * 1 * 6 * 6);
        float[] w = random(4 * 4);
        int[] one = {1, 1};
        int[] hw = new int[2];
        // Kernel 4 at stride 1 pads 3 in all: 1 before and 2 after (upper), 2 before and 1 after (lower).
        String[][] cases = {{"SAME_UPPER", "1,1,2,2"}, {"SAME_LOWER", "2,2,1,1"}, {"VALID", "0,0,0,0"}};
        for (String[] c : cases) {
            int[] pads = Arrays.stream(c[1].split(",")).mapToInt(Integer::parseInt).toArray();
            GraphProto g = graph(List.of(node("Conv", "conv", List.of("x", "w"), "y", s("auto_pad", c[0]))),
                    List.of(floats("w", w, 1, 1, 4, 4)), "x", "y");
            double[] expected = OnnxReference.conv(d(x), 1, 1, 6, 6, d(w), 1, 4, 4, null, one, pads, one, 1, hw);
            OnnxModel m = OnnxImport.fromGraph(g, OPSET);
            Tensor y = m.predict(new Tensor(Shape.of(1, 1, 6, 6), x));
            assertEquals(Shape.of(1, 1, hw[0], hw[1]), y.shape(), c[0]);
            assertEquals(y.shape(), m.outputShape(Shape.of(1, 1, 6, 6)), c[0]);
            assertClose(expected, y);
        }
    }

    @Test
    void batchNormalizationUsesTheRunningStatistics() {
        float[] x = random(2 * 3 * 4 * 4);
        float[] scale = random(3);
        float[] bias = random(3);
        float[] mean = random(3);
        float[] var = {0.5f, 1.5f, 2f};
        float eps = 1e-3f;
        GraphProto g = graph(List.of(node("BatchNormalization", "bn", List.of("x", "s", "b", "m", "v"), "y",
                f("epsilon", eps))), List.of(floats("s", scale, 3), floats("b", bias, 3), floats("m", mean, 3),
                floats("v", var, 3)), "x", "y");
        double[] expected = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int c = (i / 16) % 3;
            expected[i] = scale[c] * (x[i] - mean[c]) / Math.sqrt(var[c] + (double) eps) + bias[c];
        }
        assertClose(expected, OnnxImport.fromGraph(g, OPSET).predict(new Tensor(Shape.of(2, 3, 4, 4), x)));
    }

    @Test
    void gemmHonoursAlphaBetaBothTranspositionsAndABroadcastColumnC() {
        float[] a = random(3 * 2);
        float[] b = random(4 * 3);
        float[] c = random(2);
        GraphProto g = graph(List.of(node("Gemm", "gemm", List.of("a", "b", "c"), "y", f("alpha", 0.5f),
                f("beta", 2f), i("transA", 1), i("transB", 1))),
                List.of(floats("b", b, 4, 3), floats("c", c, 2, 1)), "a", "y");
        double[] cFull = new double[2 * 4];
        for (int r = 0; r < 2; r++) {
            for (int j = 0; j < 4; j++) {
                cFull[r * 4 + j] = c[r];
            }
        }
        double[] expected = OnnxReference.gemm(d(a), d(b), cFull, 2, 4, 3, true, true, 0.5, 2);
        Tensor y = OnnxImport.fromGraph(g, OPSET).predict(new Tensor(Shape.of(3, 2), a));
        assertEquals(Shape.of(2, 4), y.shape());
        assertClose(expected, y);
    }

    @Test
    void aGemmOfAnUntransposedInitializerWithoutBiasIsAFullyConnectedLayer() {
        float[] a = random(2 * 3);
        float[] b = random(3 * 4);
        GraphProto g = graph(List.of(node("Gemm", "fc", List.of("a", "b"), "y")), List.of(floats("b", b, 3, 4)),
                "a", "y");
        OnnxModel imported = OnnxImport.fromGraph(g, OPSET);
        double[] expected = OnnxReference.gemm(d(a), d(b), null, 2, 4, 3, false, false, 1, 1);
        assertClose(expected, imported.predict(new Tensor(Shape.of(2, 3), a)));
        assertEquals(List.of("fc.weight"), List.copyOf(imported.stateDict().keySet()));
    }

    @Test
    void anExtraOutputTheImportDoesNotMakeIsRefusedWhereAnotherNodeReadsIt() {
        NodeProto bn = new NodeProto(List.of("x", "s", "s", "s", "s"), List.of("y0", "runningMean"), "bn",
                "BatchNormalization", "", List.of());
        GraphProto g = graph(List.of(bn, node("Add", "add", List.of("y0", "runningMean"), "y")),
                List.of(floats("s", new float[] {1}, 1)), "x", "y");
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImport.fromGraph(g, OPSET));
        assertTrue(e.getMessage().contains("'runningMean'") && e.getMessage().contains("'bn'"), e.getMessage());
    }

    @Test
    void poolingHonoursCeilModeAndCountIncludePad() {
        float[] x = random(1 * 2 * 7 * 7);
        int[] hw = new int[2];
        for (String op : List.of("MaxPool", "AveragePool")) {
            for (int countPad = 0; countPad <= 1; countPad++) {
                GraphProto g = graph(List.of(node(op, "pool", List.of("x"), "y", ints("kernel_shape", 3, 3),
                        ints("strides", 2, 2), ints("pads", 1, 1, 1, 1), i("ceil_mode", 1),
                        i("count_include_pad", countPad))), List.of(), "x", "y");
                double[] expected = OnnxReference.pool(d(x), 2, 7, 7, 3, 2, 1, true, op.equals("MaxPool"),
                        countPad == 1, hw);
                Tensor y = OnnxImport.fromGraph(g, OPSET).predict(new Tensor(Shape.of(1, 2, 7, 7), x));
                assertEquals(Shape.of(1, 2, hw[0], hw[1]), y.shape(), op);
                assertClose(expected, y);
            }
        }
    }

    @Test
    void globalAveragePoolThenAConstantReshapeThroughIdentityAndDropout() {
        float[] x = random(2 * 3 * 4 * 4);
        TensorProto shape = new TensorProto(List.of(2L), TensorProto.INT64, FloatBuffer.allocate(0),
                LongBuffer.wrap(new long[] {0, -1}), IntBuffer.allocate(0), "", null, TensorProto.DEFAULT, List.of());
        GraphProto g = graph(List.of(
                node("GlobalAveragePool", "gap", List.of("x"), "g"),
                node("Constant", "shape", List.of(), "shape", new AttributeProto("value", AttributeProto.TENSOR, 0, 0,
                        null, shape, List.of(), List.of(), List.of())),
                node("Reshape", "reshape", List.of("g", "shape"), "r"),
                node("Identity", "id", List.of("r"), "i"),
                node("Dropout", "drop", List.of("i"), "y", f("ratio", 0.5f))), List.of(), "x", "y");
        double[] expected = new double[6];
        for (int k = 0; k < x.length; k++) {
            expected[k / 16] += x[k] / 16.0;
        }
        Tensor y = OnnxImport.fromGraph(g, OPSET).predict(new Tensor(Shape.of(2, 3, 4, 4), x));
        assertEquals(Shape.of(2, 3), y.shape());
        assertClose(expected, y);
    }

    @Test
    void initializersListedAmongTheGraphInputsAreWeightsNotDataInputs() {
        float[] x = random(1 * 2 * 3 * 3);
        float[] w = random(2 * 2);
        GraphProto g = new GraphProto(List.of(node("Conv", "conv", List.of("x", "w"), "y")), "g",
                List.of(floats("w", w, 2, 2, 1, 1)), List.of(value("x"), value("w")), List.of(value("y")), List.of());
        int[] hw = new int[2];
        int[] one = {1, 1};
        double[] expected = OnnxReference.conv(d(x), 1, 2, 3, 3, d(w), 2, 1, 1, null, one, new int[4], one, 1, hw);
        OnnxModel imported = OnnxImport.fromGraph(g, OPSET);
        assertEquals("x", imported.inputName());
        assertClose(expected, imported.predict(new Tensor(Shape.of(1, 2, 3, 3), x)));
    }

    @Test
    void anUnknownOperatorIsNamedWithItsNodeTheOpsetAndTheSupportedOperators() {
        GraphProto g = graph(List.of(node("Einsum", "mix1", List.of("x"), "y", s("equation", "ij->ji"))), List.of(),
                "x", "y");
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImport.fromGraph(g, OPSET));
        assertTrue(e.getMessage().contains("Einsum") && e.getMessage().contains("'mix1'")
                && e.getMessage().contains("opset 13") && e.getMessage().contains("Conv, BatchNormalization")
                && e.getMessage().contains("Gather"),
                e.getMessage());
    }

    @Test
    void aMissingInitializerOrInputIsNamed() {
        GraphProto noWeight = graph(List.of(node("Conv", "conv", List.of("x", "conv.weight"), "y")), List.of(),
                "x", "y");
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImport.fromGraph(noWeight, OPSET));
        assertTrue(e.getMessage().contains("'conv.weight'") && e.getMessage().contains("'conv'"), e.getMessage());

        GraphProto noInput = graph(List.of(node("Relu", "relu", List.of("nowhere"), "y")), List.of(), "x", "y");
        e = assertThrows(OnnxImportException.class, () -> OnnxImport.fromGraph(noInput, OPSET));
        assertTrue(e.getMessage().contains("'nowhere'"), e.getMessage());

    }

    @Test
    void externalDataIsRefusedWithoutOpeningThePathItNames() {
        TensorProto external = new TensorProto(List.of(2L, 1L, 1L, 1L), TensorProto.FLOAT,
                java.nio.FloatBuffer.allocate(0), java.nio.LongBuffer.allocate(0), java.nio.IntBuffer.allocate(0),
                "conv.weight", null, TensorProto.EXTERNAL,
                List.of(new StringStringEntryProto("location", "../../../etc/passwd")));
        GraphProto g = graph(List.of(node("Conv", "conv", List.of("x", "conv.weight"), "y")), List.of(external),
                "x", "y");
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImport.fromGraph(g, OPSET));
        assertTrue(e.getMessage().contains("tensor 'conv.weight' keeps its data in an external file "
                + "('../../../etc/passwd'); conv4j reads no file that a model names"), e.getMessage());
    }

    @Test
    void aConvWhoseWeightIsComputedAtRunTimeConvolvesWithIt() {
        float[] x = random(1 * 2 * 3 * 3);
        float[] w = random(2 * 2);
        GraphProto g = graph(List.of(node("Relu", "relu", List.of("w"), "wr"),
                node("Conv", "conv", List.of("x", "wr"), "y")), List.of(), "x", "y");
        g = new GraphProto(g.node(), "g", List.of(), List.of(value("x"), value("w")), List.of(value("y")),
                List.of());
        OnnxModel imported = OnnxImport.fromGraph(g, OPSET);
        int[] hw = new int[2];
        int[] one = {1, 1};
        double[] expected = OnnxReference.conv(d(x), 1, 2, 3, 3, OnnxReference.relu(d(w)), 2, 1, 1, null, one,
                new int[4], one, 1, hw);
        Tensor y = imported.run(java.util.Map.of("x", new Tensor(Shape.of(1, 2, 3, 3), x), "w",
                new Tensor(Shape.of(2, 2, 1, 1), w))).get("y");
        assertClose(expected, y);
        assertEquals(0, imported.children().size());
    }

    @Test
    void aCycleIsRefused() {
        GraphProto g = graph(List.of(node("Add", "a", List.of("x", "d"), "c"), node("Relu", "b", List.of("c"), "d"),
                node("Relu", "out", List.of("d"), "y")), List.of(), "x", "y");
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImport.fromGraph(g, OPSET));
        assertTrue(e.getMessage().contains("cycle") && e.getMessage().contains("'a'"), e.getMessage());
    }

    @Test
    void settingsOutsideThisImportAreRefusedWithTheNodeNamed() {
        List<NodeProto> refused = List.of(
                node("MaxPool", "pool7", List.of("x"), "y", ints("kernel_shape", 2, 2), s("auto_pad", "SOMETIMES")),
                node("Conv", "conv7", List.of("x", "w"), "y", s("auto_pad", "SOMETIMES")),
                node("LRN", "lrn7", List.of("x"), "y", i("size", 4)),
                node("Pad", "pad7", List.of("x", "p"), "y", s("mode", "wrap")),
                node("BatchNormalization", "bn7", List.of("x", "s", "s", "s", "s"), "y", i("training_mode", 1)));
        for (NodeProto n : refused) {
            GraphProto g = graph(List.of(n), List.of(floats("w", new float[4], 1, 1, 2, 2),
                    floats("p", new float[8], 8), floats("s", new float[1], 1)), "x", "y");
            OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImport.fromGraph(g, OPSET));
            assertTrue(e.getMessage().contains(n.opType() + " node '" + n.name() + "'"), e.getMessage());
        }
    }

    // --- graph building ---

    private static NodeProto node(String op, String name, List<String> in, String out, AttributeProto... attrs) {
        return new NodeProto(in, List.of(out), name, op, "", List.of(attrs));
    }

    private static GraphProto graph(List<NodeProto> nodes, List<TensorProto> inits, String input, String output) {
        return new GraphProto(nodes, "g", inits, List.of(value(input)), List.of(value(output)), List.of());
    }

    private static ValueInfoProto value(String name) {
        return new ValueInfoProto(name, null);
    }

    private static TensorProto floats(String name, float[] values, long... dims) {
        List<Long> d = new ArrayList<>();
        for (long v : dims) {
            d.add(v);
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

    private static AttributeProto f(String name, float value) {
        return new AttributeProto(name, AttributeProto.FLOAT, value, 0, null, null, List.of(), List.of(), List.of());
    }

    private static AttributeProto s(String name, String value) {
        return new AttributeProto(name, AttributeProto.STRING, 0, 0, value, null, List.of(), List.of(), List.of());
    }

    private float[] random(int n) {
        return Tensor.uniform(Shape.of(n), rng, -1, 1).data();
    }

    private static double[] d(float[] x) {
        return OnnxReference.toDouble(x);
    }

    private static void assertClose(double[] expected, Tensor actual) {
        float[] a = actual.data();
        assertEquals(expected.length, a.length, "element count");
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int k = 0; k < a.length; k++) {
            assertEquals(expected[k], a[k], TOLERANCE * Math.max(1, scale), "element " + k);
        }
    }
}
