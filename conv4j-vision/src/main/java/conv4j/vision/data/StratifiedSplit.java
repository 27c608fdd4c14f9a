package conv4j.vision.data;

import conv4j.tensor.Rng;
import conv4j.train.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A seeded split of one dataset into training and validation samples that keeps each class's share: of each class,
 * {@code fraction} of its samples (rounded, at least one where the class has two or more, never all) chosen at random
 * go to validation. The same dataset, fraction and seed give the same split, so a saved model can be measured later
 * on exactly the images it did not train on.
 *
 * @param train      indices of the training samples, ascending
 * @param validation indices of the validation samples, ascending
 */
public record StratifiedSplit(int[] train, int[] validation) {

    public static StratifiedSplit of(Dataset data, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("the validation share must be between 0 and 1, received " + fraction);
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < data.classes(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < data.size(); i++) {
            byClass.get(data.label(i)).add(i);
        }
        Rng rng = new Rng(seed);
        boolean[] held = new boolean[data.size()];
        int heldCount = 0;
        for (List<Integer> members : byClass) {
            int n = members.size();
            int k = n < 2 ? 0 : (int) Math.max(1, Math.min(n - 1, Math.round(n * fraction)));
            int[] order = rng.permutation(n);
            for (int j = 0; j < k; j++) {
                held[members.get(order[j])] = true;
            }
            heldCount += k;
        }
        if (heldCount == 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a validation share of %s leaves no "
                    + "validation images: no class has two images", fraction));
        }
        int[] train = new int[data.size() - heldCount];
        int[] validation = new int[heldCount];
        int t = 0;
        int v = 0;
        for (int i = 0; i < held.length; i++) {
            if (held[i]) {
                validation[v++] = i;
            } else {
                train[t++] = i;
            }
        }
        return new StratifiedSplit(train, validation);
    }

    public StratifiedSplit {
        train = train.clone();
        validation = validation.clone();
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] validation() {
        return validation.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StratifiedSplit s && Arrays.equals(train, s.train) && Arrays.equals(validation,
                s.validation);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(train) + Arrays.hashCode(validation);
    }

    @Override
    public String toString() {
        return "StratifiedSplit(" + train.length + " training, " + validation.length + " validation)";
    }
}
