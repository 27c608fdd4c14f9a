package conv4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.autograd.Ops;
import conv4j.autograd.Variable;
import conv4j.nn.BlockReference.T;
import conv4j.nn.LayerContractTest.Case;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.testkit.GradientCheck;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The layer contract for the classic networks' blocks (GoogLeNet's, ResNet's): shapes, parameter counts and modes as
 * for single layers; forward against {@link BlockReference}, the block written as plain loops in double precision;
 * and backward's gradient for the input and every parameter against central differences of that reference
 * ({@link GradientCheck}: double precision, eps 1e-6). Central differences of the float32 block itself cannot judge a
 * deep block: a ReLU kink a few 1e-5 from the point spoils every step that float32 rounding allows.
 */
class BlockContractTest {
    /** Float32 forward against the double reference. */
    private static final double FORWARD_TOLERANCE = 1e-4;
    /** Backward computes in float32: relative to the double numeric gradient, with a floor at the tensor's scale. */
    private static final double GRADIENT_TOLERANCE = 1e-3;

    @FunctionalInterface
    interface Reference {
        T forward(BlockReference r, T x);
    }

    record Block(Case contract, Reference reference) {
    }

    static List<Block> blocks() {
        List<Block> b = new ArrayList<>();
        b.add(new Block(new Case("BasicConv2d 3x3/2 padding 1", () -> new BasicConv2d(3, 4, 3, 2, 1, new Rng(9)),
                Shape.of(2, 3, 6, 5), 3 * 4 * 9 + 2 * 4, true), (r, x) -> r.basicConv2d("", x, 3, 2, 1, 1e-3)));
        // (in, #1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5, pool proj) = (4, 2, 3, 4, 2, 3, 2): each BasicConv2d has
        // in x out x k x k weights and 2 x out batch-norm parameters
        long inceptionBut5x5 = 4 * 2 + 4 + (4 * 3 + 6) + (3 * 4 * 9 + 8) + (4 * 2 + 4) + 6 + (4 * 2 + 4);
        b.add(new Block(new Case("Inception (the paper's 5x5)", () -> new Inception(4, 2, 3, 4, 2, 3, 2, 5,
                new Rng(10)), Shape.of(2, 4, 5, 4), inceptionBut5x5 + 2 * 3 * 25, true),
                (r, x) -> r.inception("", x, 5)));
        b.add(new Block(new Case("Inception (torchvision's 3x3)", () -> new Inception(4, 2, 3, 4, 2, 3, 2, 3,
                new Rng(11)), Shape.of(2, 4, 4, 5), inceptionBut5x5 + 2 * 3 * 9, true),
                (r, x) -> r.inception("", x, 3)));
        b.add(new Block(new Case("ConvReLU 3x3/2 padding 1", () -> withBiases(new ConvReLU(3, 4, 3, 2, 1,
                new Rng(19))), Shape.of(2, 3, 6, 5), 3 * 4 * 9 + 4, false), (r, x) -> r.convReLU("", x, 3, 2, 1)));
        // the same widths with the 2014 paper's units: in x out x k x k weights and out biases each
        long inception2014 = (4 * 2 + 2) + (4 * 3 + 3) + (3 * 4 * 9 + 4) + (4 * 2 + 2) + (2 * 3 * 25 + 3)
                + (4 * 2 + 2);
        b.add(new Block(new Case("Inception (the 2014 paper's ConvReLU units)", () -> withBiases(new Inception(4, 2,
                3, 4, 2, 3, 2, 5, Inception.Unit.CONV_RELU, new Rng(20))), Shape.of(2, 4, 5, 4), inception2014,
                false), (r, x) -> r.inception2014("", x, 5)));
        b.add(new Block(new Case("InceptionAux (narrow)", () -> new InceptionAux(4, 3, 0.5f, 2, 5, new Rng(12)),
                Shape.of(2, 4, 6, 6), (4 * 2 + 4) + (2 * 16 * 5 + 5) + (5 * 3 + 3), true),
                (r, x) -> r.inceptionAux("", x)));
        b.add(new Block(new Case("InceptionAux on a map smaller than 4x4", () -> new InceptionAux(3, 2, 0.7f, 2, 3,
                new Rng(18)), Shape.of(2, 3, 2, 3), (3 * 2 + 4) + (2 * 16 * 3 + 3) + (3 * 2 + 2), true),
                (r, x) -> r.inceptionAux("", x)));
        b.add(new Block(new Case("BasicBlock, identity shortcut", () -> new BasicBlock(4, 4, 1, new Rng(13)),
                Shape.of(2, 4, 5, 5), 2 * (4 * 4 * 9) + 2 * (2 * 4), true),
                (r, x) -> r.basicBlock("", x, 1, false)));
        b.add(new Block(new Case("BasicBlock, stride 2 and projection", () -> new BasicBlock(3, 4, 2, new Rng(14)),
                Shape.of(2, 3, 6, 5), 3 * 4 * 9 + 4 * 4 * 9 + 2 * 8 + (3 * 4 + 8), true),
                (r, x) -> r.basicBlock("", x, 2, true)));
        b.add(new Block(new Case("Bottleneck, identity shortcut", () -> new Bottleneck(8, 2, 1,
                Bottleneck.StrideAt.CONV2, new Rng(15)), Shape.of(2, 8, 4, 4),
                8 * 2 + 2 * 2 * 9 + 2 * 8 + (4 + 4 + 16), true), (r, x) -> r.bottleneck("", x, 1, false, false)));
        b.add(new Block(new Case("Bottleneck, stride 2 in the 3x3", () -> new Bottleneck(4, 2, 2,
                Bottleneck.StrideAt.CONV2, new Rng(16)), Shape.of(2, 4, 6, 6),
                4 * 2 + 2 * 2 * 9 + 2 * 8 + (4 + 4 + 16) + (4 * 8 + 16), true),
                (r, x) -> r.bottleneck("", x, 2, false, true)));
        b.add(new Block(new Case("Bottleneck, stride 2 in the first 1x1", () -> new Bottleneck(4, 2, 2,
                Bottleneck.StrideAt.CONV1, new Rng(17)), Shape.of(2, 4, 5, 6),
                4 * 2 + 2 * 2 * 9 + 2 * 8 + (4 + 4 + 16) + (4 * 8 + 16), true),
                (r, x) -> r.bottleneck("", x, 2, true, true)));
        return b;
    }

    @TestFactory
    Stream<DynamicTest> everyBlockKeepsTheContract() {
        return blocks().stream().flatMap(b -> {
            Case c = b.contract();
            return Stream.of(
                    DynamicTest.dynamicTest(c.name() + ": forward shape equals outputShape",
                            () -> LayerContractTest.shapes(c)),
                    DynamicTest.dynamicTest(c.name() + ": parameter count", () ->
                            assertEquals(c.params(), c.layer().get().parameterCount())),
                    DynamicTest.dynamicTest(c.name() + ": training and evaluation", () -> LayerContractTest.modes(c)),
                    DynamicTest.dynamicTest(c.name() + ": forward and gradients against the double reference",
                            () -> againstReference(b)),
                    DynamicTest.dynamicTest(c.name() + ": inference gives the recorded forward's bits",
                            () -> inferenceGivesTheRecordedForwardsBits(b)));
        });
    }

    /** Convolutions start with zero biases; values away from zero show a bias added twice or not at all. */
    private static Module withBiases(Module m) {
        Rng rng = new Rng(21);
        for (Module sub : m.modules()) {
            if (sub instanceof Conv2d conv && conv.bias() != null) {
                float[] b = conv.bias().value().data();
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) (0.1 * rng.nextGaussian());
                }
            }
        }
        return m;
    }

    private static void randomStatistics(Module m) {
        Rng stats = new Rng(7);
        for (Module sub : m.modules()) {
            if (sub instanceof BatchNorm2d bn) { // running statistics away from 0 and 1, for evaluation mode
                for (int i = 0; i < bn.channels(); i++) {
                    bn.runningMean().data()[i] = (float) (0.2 * stats.nextGaussian());
                    bn.runningVar().data()[i] = (float) (0.5 + stats.nextDouble());
                }
            }
        }
    }

    /*
     * At inference the blocks let batch norm, ReLU and the residual sum overwrite a convolution's output in place
     * (ConvBn): the same arithmetic, so the same bits as the forward that records a graph. A hook on an inner layer
     * turns that off, and what the hook was given must stay as it was.
     */
    private static void inferenceGivesTheRecordedForwardsBits(Block b) {
        Module m = b.contract().layer().get();
        m.setTraining(false);
        randomStatistics(m);
        Tensor x = LayerContractTest.randomInput(b.contract().input(), 6);
        float[] recorded = m.forward(Variable.parameter(x)).value().data();
        assertArrayEquals(recorded, m.predict(x).data(), b.contract().name() + " in place");
        Map<Module, float[]> given = new IdentityHashMap<>();
        Map<Module, float[]> copies = new IdentityHashMap<>();
        List<Module.HookHandle> handles = new ArrayList<>();
        for (Module sub : m.modules()) {
            if (sub != m) {
                handles.add(sub.addForwardHook((layer, out) -> {
                    given.put(layer, out.value().data());
                    copies.put(layer, out.value().data().clone());
                }));
            }
        }
        try {
            assertArrayEquals(recorded, m.predict(x).data(), b.contract().name() + " with hooks");
        } finally {
            handles.forEach(Module.HookHandle::close);
        }
        assertTrue(!given.isEmpty());
        given.forEach((layer, data) -> assertArrayEquals(copies.get(layer), data,
                b.contract().name() + ": the output " + layer.label() + "'s hook was given changed later"));
    }

    private static void againstReference(Block b) {
        Case c = b.contract();
        Module m = c.layer().get();
        boolean hasDropout = m.modules().stream().anyMatch(sub -> sub instanceof Dropout);
        m.setTraining(!hasDropout); // the reference has no dropout mask
        randomStatistics(m);
        Shape in = c.input();
        Map<String, double[]> params = new LinkedHashMap<>();
        m.stateDict().forEach((name, t) -> params.put(name, toDouble(t))); // before forward moves the statistics
        Tensor x = LayerContractTest.randomInput(in, 4);
        Variable input = Variable.parameter(x);
        Variable y = m.forward(input);
        Tensor r = LayerContractTest.randomInput(y.shape(), 5);
        Ops.sum(Ops.mul(y, Variable.of(r))).backward();

        BlockReference reference = new BlockReference(params, m.isTraining());
        T expected = b.reference().forward(reference, tensor(toDouble(x), in));
        double scale = maxAbs(expected.v());
        for (int i = 0; i < expected.v().length; i++) {
            assertTrue(Math.abs(expected.v()[i] - y.value().data()[i]) <= FORWARD_TOLERANCE * scale,
                    c.name() + ": output " + i + " is " + y.value().data()[i] + ", the reference " + expected.v()[i]);
        }

        double[] rr = toDouble(r);
        double[] xx = toDouble(x);
        check(c.name(), "input", input.grad(), xx, v -> GradientCheck.dot(
                b.reference().forward(reference, tensor(v, in)).v(), rr));
        for (Map.Entry<String, Param> p : m.namedParameters().entrySet()) {
            String name = p.getKey();
            double[] saved = params.get(name);
            check(c.name(), name, p.getValue().grad(), saved.clone(), v -> {
                params.put(name, v);
                try {
                    return GradientCheck.dot(b.reference().forward(reference, tensor(xx, in)).v(), rr);
                } finally {
                    params.put(name, saved);
                }
            });
        }
    }

    private static void check(String block, String tensor, Tensor analytic, double[] at, ToDoubleFunction<double[]> f) {
        assertNotNull(analytic, block + ": no gradient reached " + tensor);
        assertTrue(LayerContractTest.anyNonZero(analytic), block + ": zero gradient for " + tensor);
        double[] numeric = GradientCheck.numericGradient(f, at);
        float[] a = analytic.data();
        double floor = GRADIENT_TOLERANCE * maxAbs(numeric);
        for (int i = 0; i < numeric.length; i++) {
            double err = Math.abs(a[i] - numeric[i]);
            assertTrue(err <= GRADIENT_TOLERANCE * (Math.abs(a[i]) + Math.abs(numeric[i])) || err <= floor,
                    block + ": " + tensor + "[" + i + "]: analytic " + a[i] + ", numeric " + numeric[i]);
        }
    }

    private static T tensor(double[] v, Shape s) {
        return new T(v, s.dim(0), s.dim(1), s.dim(2), s.dim(3));
    }

    private static double[] toDouble(Tensor t) {
        double[] d = new double[t.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = t.data()[i];
        }
        return d;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }
}
