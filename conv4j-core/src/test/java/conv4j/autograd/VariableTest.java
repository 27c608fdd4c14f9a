package conv4j.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class VariableTest {

    @Test
    void gradientAccumulatesWhereAVariableIsUsedTwice() {
        // y = x*x + x, dy/dx = 2x + 1: x reaches y along two paths (like a residual branch).
        Variable x = Variable.parameter(Tensor.of(new float[] {1, -2, 3}, 3));
        Variable y = Ops.sum(Ops.add(Ops.mul(x, x), x));
        y.backward();
        assertArrayEquals(new float[] {3, -3, 7}, x.grad().data());
    }

    @Test
    void residualBranchSumsBothPaths() {
        // out = relu-free residual: z = 3x; out = sum(z + x) -> d/dx = 4
        Variable x = Variable.parameter(Tensor.of(new float[] {0.5f, 2}, 2));
        Variable z = Ops.scale(x, 3f);
        Ops.sum(Ops.add(z, x)).backward();
        assertArrayEquals(new float[] {4, 4}, x.grad().data());
    }

    @Test
    void aZeroedGradientIsOfferedForOverwritingOnceUntilSomethingIsAdded() {
        Variable w = Variable.parameter(Tensor.of(new float[] {2, 3}, 2));
        assertNull(w.gradToOverwrite(), "no gradient yet: a rule must add its own");
        w.addGrad(Tensor.of(new float[] {1, 1}, 2));
        assertNull(w.gradToOverwrite(), "a gradient that holds values is added to");
        w.zeroGrad();
        Tensor target = w.gradToOverwrite();
        assertNotNull(target);
        assertTrue(target == w.grad(), "the gradient's own array");
        assertNull(w.gradToOverwrite(), "once written, it counts as set");
        w.zeroGrad();
        w.addGrad(Tensor.of(new float[] {4, 5}, 2));
        assertNull(w.gradToOverwrite(), "adding after zeroGrad sets it too");
        assertNull(Variable.of(Tensor.of(new float[] {1}, 1)).gradToOverwrite(), "an input has no gradient");
    }

    @Test
    void parameterGradientsAccumulateAcrossBackwardCallsUntilZeroed() {
        Variable w = Variable.parameter(Tensor.of(new float[] {2}, 1));
        Ops.sum(Ops.scale(w, 5f)).backward();
        Ops.sum(Ops.scale(w, 5f)).backward();
        assertEquals(10f, w.grad().data()[0]);
        w.zeroGrad();
        assertEquals(0f, w.grad().data()[0]);
    }

    @Test
    void noGradScopeRecordsNothing() {
        Variable x = Variable.parameter(Tensor.of(new float[] {1, 2}, 2));
        Variable y;
        try (Grad.Scope ignored = Grad.disabled()) {
            y = Ops.sum(Ops.mul(x, x));
            assertFalse(Grad.isEnabled());
        }
        assertTrue(Grad.isEnabled());
        assertFalse(y.requiresGrad());
        assertTrue(y.isLeaf());
        assertEquals(5f, y.value().item());
        assertThrows(IllegalStateException.class, y::backward);
    }

    @Test
    void constantsGetNoGradient() {
        Variable x = Variable.parameter(Tensor.of(new float[] {1, 2}, 2));
        Variable c = Variable.of(Tensor.of(new float[] {3, 4}, 2));
        Ops.sum(Ops.mul(x, c)).backward();
        assertArrayEquals(new float[] {3, 4}, x.grad().data());
        assertNull(c.grad());
    }

    @Test
    void intermediateGradientsAreFreedUnlessRetained() {
        Variable x = Variable.parameter(Tensor.of(new float[] {1, 2}, 2));
        Variable freed = Ops.scale(x, 2f);
        Variable kept = Ops.scale(x, 3f).retainGrad();
        Ops.sum(Ops.add(freed, kept)).backward();
        assertNull(freed.grad());
        assertNotNull(kept.grad());
        assertArrayEquals(new float[] {1, 1}, kept.grad().data());
    }

    // ReLU's rule writes its input gradient over the output gradient it receives: never over a retained one.
    @Test
    void inPlaceRulesLeaveRetainedGradientsIntact() {
        Variable x = Variable.parameter(Tensor.of(new float[] {-1, 2, -3, 4}, 4));
        Variable y = ActivationOps.relu(x).retainGrad();
        Ops.sum(Ops.scale(y, 3f)).backward();
        assertArrayEquals(new float[] {3, 3, 3, 3}, y.grad().data());
        assertArrayEquals(new float[] {0, 3, 0, 3}, x.grad().data());

        Variable z = Variable.parameter(Tensor.of(new float[] {-1, 2}, 2));
        Variable root = ActivationOps.relu(z);
        Tensor seed = Tensor.of(new float[] {5, 7}, 2);
        root.backward(seed);
        assertArrayEquals(new float[] {5, 7}, seed.data(), "the caller's seed");
        assertArrayEquals(new float[] {5, 7}, root.grad().data(), "the root's own gradient");
        assertArrayEquals(new float[] {0, 7}, z.grad().data());
    }

    @Test
    void aSumOfAVariableWithItselfGetsBothGradients() {
        Variable x = Variable.parameter(Tensor.of(new float[] {1, -2}, 2));
        Variable y = ActivationOps.relu(Ops.add(x, x));
        Ops.sum(Ops.scale(y, 3f)).backward();
        assertArrayEquals(new float[] {6, 0}, x.grad().data());
    }

    @Test
    void backwardWithoutSeedNeedsAScalar() {
        Variable x = Variable.parameter(Tensor.of(new float[] {1, 2}, 2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Ops.scale(x, 2f).backward());
        assertTrue(e.getMessage().contains("shape 2"), e.getMessage());
    }

    @Test
    void deepChainsDoNotOverflowTheStack() {
        Variable x = Variable.parameter(Tensor.of(new float[] {1}, 1));
        Variable y = x;
        for (int i = 0; i < 100_000; i++) {
            y = Ops.scale(y, 1f);
        }
        Ops.sum(y).backward();
        assertEquals(1f, x.grad().item());
    }
}
