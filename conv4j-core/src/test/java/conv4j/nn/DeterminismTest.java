package conv4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import conv4j.autograd.Variable;
import conv4j.kernels.Parallel;
import conv4j.optim.Sgd;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    /** A few seeded training steps of a net with every source of randomness: init, data, dropout. */
    static Map<String, float[]> train(long seed) {
        Rng rng = new Rng(seed);
        Sequential net = new Sequential(
                Conv2d.builder(3, 16, 3).padding(1).build(rng), new BatchNorm2d(16), new ReLU(), new MaxPool2d(2),
                Conv2d.builder(16, 32, 3).stride(2).build(rng), new ReLU(), new Flatten(), new Dropout(0.3f, rng),
                new Linear(32 * 3 * 3, 10, rng));
        Sgd sgd = new Sgd(net.parameters(), 0.05, 0.9);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        for (int step = 0; step < 4; step++) {
            Tensor x = Tensor.randn(Shape.of(16, 3, 16, 16), rng, 1);
            int[] labels = new int[16];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = rng.nextInt(10);
            }
            sgd.zeroGrad();
            loss.forward(net.forward(Variable.of(x)), labels).backward();
            sgd.step();
        }
        Map<String, float[]> state = new TreeMap<>();
        net.stateDict().forEach((k, v) -> state.put(k, v.data().clone()));
        return state;
    }

    @Test
    void seededTrainingIsBitIdentical() {
        Map<String, float[]> a = train(123);
        Map<String, float[]> b = train(123);
        assertArrayEquals(a.keySet().toArray(), b.keySet().toArray());
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k), b.get(k), k); // exact: float equality, no tolerance
        }
        Set<String> keys = a.keySet();
        Map<String, float[]> other = train(124);
        boolean differs = false;
        for (String k : keys) {
            differs |= !java.util.Arrays.equals(a.get(k), other.get(k));
        }
        org.junit.jupiter.api.Assertions.assertTrue(differs, "another seed should give other weights");
    }

    @Test
    void seededTrainingIsBitIdenticalOnOneThreadAndOnTwo() {
        int before = Parallel.threads();
        try {
            for (int threads : new int[] {1, 2}) {
                Parallel.setThreads(threads);
                Map<String, float[]> a = train(321);
                Map<String, float[]> b = train(321);
                for (String k : a.keySet()) {
                    assertArrayEquals(a.get(k), b.get(k), threads + " threads: " + k);
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }
}
