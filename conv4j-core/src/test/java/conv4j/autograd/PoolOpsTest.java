package conv4j.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.kernels.Pool2dGeometry;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PoolOpsTest {

    // Inference skips the argmax; the pooled values must be those that training sees.
    @Test
    void maxPoolingWithoutAGraphGivesTheValuesOfMaxPoolingWithOne() {
        Pool2dGeometry g = new Pool2dGeometry(2, 3, 9, 7, 3, 3, 2, 2, 1, 1, true);
        Tensor x = Tensor.randn(Shape.of(2, 3, 9, 7), new Rng(3), 1.0);
        Variable input = Variable.parameter(x);
        Variable recorded = PoolOps.maxPool2d(input, g);
        assertTrue(recorded.requiresGrad());
        Variable plain = PoolOps.maxPool2d(Variable.of(x), g);
        assertFalse(plain.requiresGrad());
        assertArrayEquals(recorded.value().data(), plain.value().data());
        try (Grad.Scope ignored = Grad.disabled()) {
            assertArrayEquals(recorded.value().data(), PoolOps.maxPool2d(input, g).value().data());
        }
    }
}
