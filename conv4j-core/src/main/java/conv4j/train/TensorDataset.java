package conv4j.train;

import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** A dataset held in memory: N inputs stacked in one tensor and N labels. */
public final class TensorDataset implements Dataset {
    private final Tensor inputs;
    private final int[] labels;
    private final List<String> classNames;
    private final Shape sampleShape;
    private final int sampleSize;

    public TensorDataset(Tensor inputs, int[] labels, List<String> classNames) {
        if (inputs.rank() < 2) {
            throw new IllegalArgumentException("inputs need a batch dimension and at least one more, received "
                    + inputs.shape());
        }
        if (inputs.dim(0) != labels.length) {
            throw new IllegalArgumentException(inputs.dim(0) + " inputs but " + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("label " + labels[i] + " of sample " + i + " is outside [0, "
                        + classNames.size() + ")");
            }
        }
        this.inputs = inputs;
        this.labels = labels.clone();
        this.classNames = List.copyOf(classNames);
        this.sampleShape = inputs.shape().dropFirst();
        this.sampleSize = sampleShape.size();
    }

    /** Class names "0", "1", ... for {@code classes} classes. */
    public static List<String> numberedClasses(int classes) {
        List<String> names = new ArrayList<>(classes);
        for (int i = 0; i < classes; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public Shape sampleShape() {
        return sampleShape;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public Sample get(int index) {
        if (index < 0 || index >= labels.length) {
            throw new IllegalArgumentException("sample index " + index + " is outside [0, " + labels.length + ")");
        }
        float[] x = new float[sampleSize];
        System.arraycopy(inputs.data(), index * sampleSize, x, 0, sampleSize);
        return new Sample(new Tensor(sampleShape, x), labels[index]);
    }

    @Override
    public int label(int index) {
        return labels[index];
    }
}
