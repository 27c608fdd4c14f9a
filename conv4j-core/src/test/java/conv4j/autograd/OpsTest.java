package conv4j.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.testkit.FloatGradientCheck;
import conv4j.testkit.GradientCheck;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OpsTest {
    private final SplittableRandom random = new SplittableRandom(7);

    private void assertGradientsFlow(Function<List<Variable>, Variable> f, Tensor... inputs) {
        GradientCheck.Result r = FloatGradientCheck.check(f, List.of(inputs), 11);
        assertTrue(FloatGradientCheck.passes(r), r.toString());
    }

    @Test
    void fullyConnectedScoresMatchTheLecture() {
        // SEED-EXAMPLES section 6; the slide's 61.95 for the third score is an arithmetic slip, 60.75 is right.
        Variable w = Variable.of(Tensor.matrix(
                new float[] {0.2f, -0.5f, 0.1f, 2.0f},
                new float[] {1.5f, 1.3f, 2.1f, 0.0f},
                new float[] {0f, 0.25f, 0.2f, -0.3f}));
        Variable x = Variable.of(Tensor.of(new float[] {56, 231, 24, 2}, 1, 4));
        Variable b = Variable.of(Tensor.of(new float[] {1.1f, 3.2f, -1.2f}, 3));
        float[] scores = Ops.linear(x, w, b).value().data();
        assertArrayEquals(new float[] {-96.8f, 437.9f, 60.75f}, scores, 1e-4f);
    }

    // The in-place sum and ReLU overwrite an owned input: values and gradients as their allocating twins give.
    @Test
    void inPlaceSumAndReluGiveTheValuesAndGradientsOfTheirCopies() {
        Tensor av = Tensor.of(new float[] {1.5f, -2f, 0.25f, -0.5f}, 4);
        Tensor bv = Tensor.of(new float[] {-1f, 1f, -0.75f, 0.5f}, 4);
        Tensor weights = Tensor.of(new float[] {1f, 2f, 3f, 4f}, 4);
        Variable a1 = Variable.parameter(av.copy());
        Variable b1 = Variable.parameter(bv.copy());
        Variable copied = ActivationOps.relu(Ops.add(Ops.scale(a1, 2f), b1));
        Ops.sum(Ops.mul(copied, Variable.of(weights))).backward();
        Variable a2 = Variable.parameter(av.copy());
        Variable b2 = Variable.parameter(bv.copy());
        Variable scaled = Ops.scale(a2, 2f); // owned: only the sum reads it
        Variable inPlace = ActivationOps.reluInPlace(Ops.addInPlace(scaled, b2));
        assertTrue(inPlace.value() == scaled.value(), "written over the owned input");
        Ops.sum(Ops.mul(inPlace, Variable.of(weights))).backward();
        assertArrayEquals(copied.value().data(), inPlace.value().data());
        assertArrayEquals(a1.grad().data(), a2.grad().data());
        assertArrayEquals(b1.grad().data(), b2.grad().data());
        assertArrayEquals(bv.data(), b2.value().data(), "the other operand is only read");
    }

    @Test
    void elementwiseGradients() {
        assertGradientsFlow(v -> Ops.add(v.get(0), v.get(1)), FloatGradientCheck.random(random, 2, 3),
                FloatGradientCheck.random(random, 2, 3));
        assertGradientsFlow(v -> Ops.sub(v.get(0), v.get(1)), FloatGradientCheck.random(random, 4),
                FloatGradientCheck.random(random, 4));
        assertGradientsFlow(v -> Ops.mul(v.get(0), v.get(1)), FloatGradientCheck.random(random, 5),
                FloatGradientCheck.random(random, 5));
        assertGradientsFlow(v -> Ops.scale(v.get(0), -2.5f), FloatGradientCheck.random(random, 3));
        assertGradientsFlow(v -> Ops.square(v.get(0)), FloatGradientCheck.random(random, 3));
        assertGradientsFlow(v -> Ops.mean(v.get(0)), FloatGradientCheck.random(random, 2, 5));
        assertGradientsFlow(v -> Ops.sum(v.get(0)), FloatGradientCheck.random(random, 7));
        assertGradientsFlow(v -> Ops.flatten(v.get(0)), FloatGradientCheck.random(random, 2, 3, 2, 2));
        assertGradientsFlow(v -> Ops.reshape(v.get(0), Shape.of(6)), FloatGradientCheck.random(random, 2, 3));
    }

    @Test
    void matmulAndLinearGradients() {
        assertGradientsFlow(v -> Ops.matmul(v.get(0), v.get(1)), FloatGradientCheck.random(random, 3, 4),
                FloatGradientCheck.random(random, 4, 5));
        assertGradientsFlow(v -> Ops.linear(v.get(0), v.get(1), v.get(2)), FloatGradientCheck.random(random, 5, 7),
                FloatGradientCheck.random(random, 3, 7), FloatGradientCheck.random(random, 3));
        assertGradientsFlow(v -> Ops.linear(v.get(0), v.get(1), null), FloatGradientCheck.random(random, 1, 2),
                FloatGradientCheck.random(random, 4, 2));
    }

    @Test
    void aBrokenBackwardFailsTheCheck() {
        // A product whose rule forgets one factor's gradient: the check must notice.
        Function<List<Variable>, Variable> broken = v -> {
            Variable a = v.get(0);
            Variable b = v.get(1);
            Tensor out = Ops.product(a.value(), b.value());
            return Variable.result("broken-mul", out, new Variable[] {a, b}, g -> a.addOwnedGrad(
                    Ops.product(g, b.value())));
        };
        GradientCheck.Result r = FloatGradientCheck.check(broken, List.of(FloatGradientCheck.random(random, 4),
                FloatGradientCheck.random(random, 4)), 3);
        assertTrue(!FloatGradientCheck.passes(r), r.toString());
    }

    @Test
    void shapeMismatchesNameBothShapes() {
        Variable a = Variable.of(Tensor.zeros(2, 3));
        Variable b = Variable.of(Tensor.zeros(3, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ops.add(a, b));
        assertTrue(e.getMessage().contains("2x3") && e.getMessage().contains("3x2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Ops.matmul(a, Variable.of(Tensor.zeros(2, 2))));
        assertTrue(e.getMessage().contains("2x3") && e.getMessage().contains("2x2"), e.getMessage());
    }
}
