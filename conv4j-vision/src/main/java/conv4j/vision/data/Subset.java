package conv4j.vision.data;

import conv4j.tensor.Shape;
import conv4j.train.Dataset;
import conv4j.train.Sample;
import java.util.List;

/** Some samples of a dataset, by index: one side of a {@link StratifiedSplit}. */
public final class Subset implements Dataset {
    private final Dataset dataset;
    private final int[] indices;

    public Subset(Dataset dataset, int[] indices) {
        for (int i : indices) {
            if (i < 0 || i >= dataset.size()) {
                throw new IllegalArgumentException("subset index " + i + " is outside [0, " + dataset.size() + ")");
            }
        }
        this.dataset = dataset;
        this.indices = indices.clone();
    }

    /** The dataset this is part of. */
    public Dataset dataset() {
        return dataset;
    }

    /** The index, in the whole dataset, of sample {@code index} of this subset. */
    public int indexInDataset(int index) {
        return indices[index];
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public Shape sampleShape() {
        return dataset.sampleShape();
    }

    @Override
    public List<String> classNames() {
        return dataset.classNames();
    }

    @Override
    public Sample get(int index) {
        if (index < 0 || index >= indices.length) {
            throw new IllegalArgumentException("sample index " + index + " is outside [0, " + indices.length + ")");
        }
        return dataset.get(indices[index]);
    }

    @Override
    public int label(int index) {
        return dataset.label(indices[index]);
    }
}
