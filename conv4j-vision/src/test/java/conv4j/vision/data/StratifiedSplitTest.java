package conv4j.vision.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import conv4j.tensor.Tensor;
import conv4j.train.TensorDataset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {

    /** 10 of class 0, 20 of class 1, 7 of class 2 and one of class 3, interleaved. */
    private static TensorDataset labelled() {
        int[] counts = {10, 20, 7, 1};
        int n = Arrays.stream(counts).sum();
        int[] labels = new int[n];
        int[] left = counts.clone();
        int i = 0;
        while (i < n) {
            for (int c = 0; c < counts.length && i < n; c++) {
                if (left[c]-- > 0) {
                    labels[i++] = c;
                }
            }
        }
        return new TensorDataset(Tensor.zeros(n, 1, 1, 1), labels, TensorDataset.numberedClasses(4));
    }

    @Test
    void eachClassKeepsItsShareAndNothingIsInBothOrLeftOut() {
        TensorDataset data = labelled();
        StratifiedSplit split = StratifiedSplit.of(data, 0.2, 7);
        int[] held = new int[4];
        for (int i : split.validation()) {
            held[data.label(i)]++;
        }
        // round(10 x 0.2) = 2, round(20 x 0.2) = 4, round(7 x 0.2) = 1, and a class of one stays in training
        assertArrayEquals(new int[] {2, 4, 1, 0}, held);
        Set<Integer> all = new HashSet<>();
        for (int i : split.train()) {
            all.add(i);
        }
        for (int i : split.validation()) {
            assertFalse(all.contains(i), "index " + i + " is on both sides");
            all.add(i);
        }
        assertEquals(data.size(), all.size());
        assertEquals(data.size(), split.train().length + split.validation().length);
        int[] sorted = split.validation();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, split.validation(), "ascending");
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        TensorDataset data = labelled();
        assertEquals(StratifiedSplit.of(data, 0.3, 1), StratifiedSplit.of(data, 0.3, 1));
        assertFalse(StratifiedSplit.of(data, 0.3, 1).equals(StratifiedSplit.of(data, 0.3, 2)));
    }

    @Test
    void aSmallClassKeepsOneForEachSide() {
        TensorDataset data = new TensorDataset(Tensor.zeros(5, 1, 1, 1), new int[] {0, 0, 1, 1, 1},
                TensorDataset.numberedClasses(2));
        StratifiedSplit split = StratifiedSplit.of(data, 0.01, 3);
        assertEquals(2, split.validation().length, "at least one of each class of two or more");
        split = StratifiedSplit.of(data, 0.99, 3);
        assertEquals(3, split.validation().length, "never all of a class");
    }

    @Test
    void refusesAShareOutsideZeroToOneAndASplitWithNoValidation() {
        TensorDataset data = labelled();
        assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.of(data, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.of(data, 1, 1));
        TensorDataset singles = new TensorDataset(Tensor.zeros(2, 1, 1, 1), new int[] {0, 1},
                TensorDataset.numberedClasses(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StratifiedSplit.of(singles, 0.5, 1));
        assertEquals("a validation share of 0.5 leaves no validation images: no class has two images",
                e.getMessage());
    }
}
