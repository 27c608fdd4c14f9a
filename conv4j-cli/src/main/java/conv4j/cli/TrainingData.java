package conv4j.cli;

import conv4j.tensor.Shape;
import conv4j.train.Dataset;
import conv4j.train.SampleTransform;
import java.util.List;
import java.util.Map;

/**
 * What a training run reads, whatever the dataset: the training and held-out samples with the transform of each
 * (augmentation and normalisation for training, normalisation alone or with a centre crop for the held-out), the
 * model's input shape and normalisation, and the facts the model file keeps so that eval and predict prepare
 * pictures the same way.
 *
 * @param heldOutName what the held-out samples are called in the output: "test" or "validation"
 * @param pictureHint what predict takes, for the closing hint: "<digit.png>" or "<image>"
 */
record TrainingData(String name, Dataset train, Dataset heldOut, String heldOutName, SampleTransform trainTransform,
                    SampleTransform evalTransform, Shape input, List<Double> mean, List<Double> std,
                    Map<String, String> facts, String pictureHint) {

    /** Samples per evaluation batch: 1,000, fewer for large inputs so that a batch stays near 64 MB. */
    int evaluationBatch() {
        return (int) Math.max(1, Math.min(1000, 16_000_000L / input.size()));
    }
}
