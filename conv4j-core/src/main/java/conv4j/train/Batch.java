package conv4j.train;

import conv4j.tensor.Tensor;

/** A mini-batch: N inputs stacked along the first dimension, their labels, and their indices in the dataset. */
public record Batch(Tensor inputs, int[] labels, int[] indices) {
    public int size() {
        return labels.length;
    }
}
