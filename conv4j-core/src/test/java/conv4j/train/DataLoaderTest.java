package conv4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataLoaderTest {

    /** Sample i has every value equal to i and label i % 3. */
    private static TensorDataset numbered(int n) {
        Tensor x = Tensor.zeros(n, 1, 2, 2);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(x.data(), i * 4, i * 4 + 4, i);
            labels[i] = i % 3;
        }
        return new TensorDataset(x, labels, TensorDataset.numberedClasses(3));
    }

    private static List<Batch> all(DataLoader.Epoch e) {
        List<Batch> out = new ArrayList<>();
        try (e) {
            e.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void everySampleOnceInAShuffledDeterministicOrder() {
        DataLoader loader = new DataLoader(numbered(10), 4, true, false, null, 7);
        List<Batch> batches = all(loader.epoch(0));
        assertEquals(3, batches.size());
        assertEquals(2, batches.get(2).size());
        int[] seen = batches.stream().flatMapToInt(b -> Arrays.stream(b.indices())).sorted().toArray();
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, seen);
        for (Batch b : batches) {
            for (int i = 0; i < b.size(); i++) {
                assertEquals(b.indices()[i], (int) b.inputs().get(i, 0, 1, 1));
                assertEquals(b.indices()[i] % 3, b.labels()[i]);
            }
        }
        int[] again = all(loader.epoch(0)).stream().flatMapToInt(b -> Arrays.stream(b.indices())).toArray();
        int[] first = batches.stream().flatMapToInt(b -> Arrays.stream(b.indices())).toArray();
        assertArrayEquals(first, again);
        int[] next = all(loader.epoch(1)).stream().flatMapToInt(b -> Arrays.stream(b.indices())).toArray();
        assertFalse(Arrays.equals(first, next), "each epoch has its own order");
    }

    @Test
    void resumingFromABatchGivesTheSameRemainingBatches() {
        SampleTransform noise = (x, rng) -> {
            x.data()[0] += rng.nextFloat();
            return x;
        };
        DataLoader loader = new DataLoader(numbered(20), 3, true, false, noise, 11);
        List<Batch> whole = all(loader.epoch(2));
        List<Batch> tail = all(loader.epoch(2, 4));
        assertEquals(whole.size() - 4, tail.size());
        for (int i = 0; i < tail.size(); i++) {
            assertArrayEquals(whole.get(i + 4).indices(), tail.get(i).indices());
            assertArrayEquals(whole.get(i + 4).inputs().data(), tail.get(i).inputs().data());
        }
    }

    @Test
    void aBatchSizeNearTheIntLimitIsOneBatchOfEverySample() {
        DataLoader loader = new DataLoader(numbered(10), Integer.MAX_VALUE, true, false, null, 7);
        assertEquals(1, loader.batchesPerEpoch());
        assertEquals(10, loader.order(0).length);
    }

    @Test
    void dropLastKeepsOnlyFullBatches() {
        DataLoader loader = new DataLoader(numbered(10), 4, false, true, null, 0);
        assertEquals(2, loader.batchesPerEpoch());
        assertEquals(2, all(loader.epoch(0)).size());
    }

    @Test
    void aFailingSampleReachesTheConsumerWithItsMessage() {
        TensorDataset good = numbered(6);
        Dataset bad = new Dataset() {
            public int size() {
                return 6;
            }

            public Shape sampleShape() {
                return good.sampleShape();
            }

            public List<String> classNames() {
                return good.classNames();
            }

            public Sample get(int index) {
                if (index == 4) {
                    throw new IllegalArgumentException("sample 4 is unreadable");
                }
                return good.get(index);
            }
        };
        DataLoader.Epoch e = DataLoader.inOrder(bad, 2, null).epoch(0);
        e.next();
        e.next();
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e::next);
        assertEquals("sample 4 is unreadable", ex.getMessage());
        assertFalse(e.hasNext());
    }

    @Test
    void badSettingsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DataLoader(numbered(3), 0, false, false, null, 0));
        assertTrue(e.getMessage().contains("received 0"), e.getMessage());
        DataLoader loader = DataLoader.inOrder(numbered(3), 2, null);
        assertThrows(IllegalArgumentException.class, () -> loader.epoch(0, 3));
    }
}
