package conv4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Broadcasting, constant folding, several inputs and outputs, and opset-dependent meaning in imported graphs. */
class OnnxGraphTest {
    private final Rng rng = new Rng(11);

    @Test
    void binaryOperatorsBroadcastBothWaysAsNumpyDoes() {
        float[] a = random(2 * 3 * 4);
        float[] b = random(3 * 1);
        float[] c = random(4);
        GraphProto g = new GraphProto(List.of(node("Add", "add", List.of("a", "b"), "s"),
                node("Div", "div", List.of("s", "c"), "q"), node("Sub", "sub", List.of("b", "q"), "y")), "g",
                List.of(), List.of(value("a"), value("b"), value("c")), List.of(value("y")), List.of());
        Map<String, Tensor> out = OnnxImport.fromGraph(g, 13).run(Map.of("a", new Tensor(Shape.of(2, 3, 4), a),
                "b", new Tensor(Shape.of(3, 1), b), "c", new Tensor(Shape.of(4), c)));
        Tensor y = out.get("y");
        assertEquals(Shape.of(2, 3, 4), y.shape());
        for (int n = 0; n < 2; n++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    double expected = b[i] - (a[(n * 3 + i) * 4 + j] + (double) b[i]) / c[j];
                    assertEquals(expected, y.data()[(n * 3 + i) * 4 + j], 1e-4 * Math.max(1, Math.abs(expected)));
                }
            }
        }
    }

    @Test
    void shapesThatDoNotBroadcastAreRefusedWithTheNodeNamed() {
        GraphProto g = new GraphProto(List.of(node("Mul", "mul3", List.of("a", "b"), "y")), "g", List.of(),
                List.of(value("a"), value("b")), List.of(value("y")), List.of());
        OnnxModel m = OnnxImport.fromGraph(g, 13);
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> m.run(Map.of("a",
                Tensor.zeros(2, 3), "b", Tensor.zeros(2, 2))));
        assertTrue(e.getMessage().contains("Mul node 'mul3'") && e.getMessage().contains("broadcast"),
                e.getMessage());
    }

    /** torch's flatten at older opsets: the batch read from the input's Shape at run time, the rest inferred. */
    @Test
    void aShapeGatherUnsqueezeConcatReshapeChainFlattensAnyBatch() {
        GraphProto g = graph(List.of(
                node("Shape", "shape", List.of("x"), "s"),
                node("Gather", "batch", List.of("s", "zero"), "n", i("axis", 0)),
                node("Unsqueeze", "unsq", List.of("n", "axes"), "n1"),
                node("Concat", "cat", List.of("n1", "minusOne"), "target", i("axis", 0)),
                node("Reshape", "flat", List.of("x", "target"), "y")),
                List.of(longs("zero", List.of(), 0), longs("axes", List.of(1L), 0),
                        longs("minusOne", List.of(1L), -1)), "x", "y");
        OnnxModel m = OnnxImport.fromGraph(g, 13);
        for (int batch : new int[] {1, 2, 5}) {
            float[] x = random(batch * 3 * 2 * 2);
            Tensor y = m.predict(new Tensor(Shape.of(batch, 3, 2, 2), x));
            assertEquals(Shape.of(batch, 12), y.shape());
            assertArrayEquals(x, y.data());
            assertEquals(Shape.of(batch, 12), m.outputShape(Shape.of(batch, 3, 2, 2)));
        }
    }

    @Test
    void nodesOfConstantsAreFoldedAtImportSoOnlyTheDataPathRuns() {
        // The target shape comes from a weight's Shape, sliced by Gather and joined with a Constant: all constants.
        GraphProto g = graph(List.of(
                node("Shape", "shape", List.of("w"), "s"),
                node("Gather", "rows", List.of("s", "one"), "r", i("axis", 0)),
                node("Unsqueeze", "unsq", List.of("r"), "r1", ints("axes", 0)),
                node("Constant", "rest", List.of(), "minusOne", new AttributeProto("value_ints",
                        AttributeProto.INTS, 0, 0, null, null, List.of(), List.of(-1L), List.of())),
                node("Concat", "cat", List.of("minusOne", "r1"), "target", i("axis", 0)),
                node("Reshape", "reshape", List.of("x", "target"), "y")),
                List.of(TensorProto.ofFloats("w", List.of(2L, 6L), new float[12]), longs("one", List.of(), 1)),
                "x", "y");
        OnnxModel m = OnnxImport.fromGraph(g, 11);
        assertEquals(1, m.nodeCount());
        float[] x = random(4 * 3);
        Tensor y = m.predict(new Tensor(Shape.of(4, 3), x));
        assertEquals(Shape.of(2, 6), y.shape());
        assertEquals(Shape.of(2, 6), m.outputShape(Shape.of(4, 3)));
        assertArrayEquals(x, y.data());
    }

    @Test
    void severalInputsAndOutputsRunByName() {
        GraphProto g = new GraphProto(List.of(node("Mul", "mul", List.of("a", "b"), "p"),
                node("Relu", "relu", List.of("p"), "r")), "g", List.of(), List.of(value("a"), value("b")),
                List.of(value("r"), value("p")), List.of());
        OnnxModel m = OnnxImport.fromGraph(g, 13);
        assertEquals(List.of("a", "b"), m.inputNames());
        Map<String, Tensor> out = m.run(Map.of("a", Tensor.of(new float[] {1, -2, 3}, 3), "b",
                Tensor.of(new float[] {2, 2, -1}, 3)));
        assertEquals(List.of("r", "p"), List.copyOf(out.keySet()));
        assertArrayEquals(new float[] {2, -4, -3}, out.get("p").data());
        assertArrayEquals(new float[] {2, 0, 0}, out.get("r").data());
        assertThrows(IllegalStateException.class, () -> m.inputName());
        assertThrows(IllegalArgumentException.class, () -> m.run(Map.of("a", Tensor.zeros(3))));
    }

    /** Before opset 13 Softmax normalises all axes from axis 1 on; from 13 the last axis alone. */
    @Test
    void softmaxFollowsTheModelsOpset() {
        float[] x = random(2 * 3 * 4);
        GraphProto g = graph(List.of(node("Softmax", "softmax", List.of("x"), "y")), List.of(), "x", "y");
        Tensor input = new Tensor(Shape.of(2, 3, 4), x);
        assertSoftmax(x, 12, OnnxImport.fromGraph(g, 11).predict(input));
        assertSoftmax(x, 4, OnnxImport.fromGraph(g, 13).predict(input));
    }

    /** Softmax over consecutive groups of {@code group} values, in double precision. */
    private static void assertSoftmax(float[] x, int group, Tensor y) {
        assertEquals(Shape.of(2, 3, 4), y.shape());
        for (int start = 0; start < x.length; start += group) {
            double sum = 0;
            for (int k = start; k < start + group; k++) {
                sum += Math.exp(x[k]);
            }
            for (int k = start; k < start + group; k++) {
                assertEquals(Math.exp(x[k]) / sum, y.data()[k], 1e-6, "element " + k + " of groups of " + group);
            }
        }
    }

    @Test
    void anUnknownOperatorIsNamedWithItsNodeAndTheModelsOpset() {
        GraphProto g = graph(List.of(node("Relu", "relu", List.of("x"), "r"),
                node("Erf", "erf9", List.of("r"), "y")), List.of(), "x", "y");
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImport.fromGraph(g, 9));
        assertTrue(e.getMessage().contains("ONNX operator Erf (node 'erf9', opset 9) is not supported")
                && e.getMessage().contains("Softmax") && e.getMessage().contains("MatMul"), e.getMessage());
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

    private static TensorProto longs(String name, List<Long> dims, long... values) {
        return new TensorProto(dims, TensorProto.INT64, FloatBuffer.allocate(0), LongBuffer.wrap(values),
                IntBuffer.allocate(0), name, null, TensorProto.DEFAULT, List.of());
    }

    private static AttributeProto i(String name, long value) {
        return new AttributeProto(name, AttributeProto.INT, 0, value, null, null, List.of(), List.of(), List.of());
    }

    private static AttributeProto ints(String name, long... values) {
        List<Long> v = new ArrayList<>();
        for (long x : values) {
            v.add(x);
        }
        return new AttributeProto(name, AttributeProto.INTS, 0, 0, null, null, List.of(), v, List.of());
    }

    private float[] random(int n) {
        return Tensor.uniform(Shape.of(n), rng, -1, 1).data();
    }
}
