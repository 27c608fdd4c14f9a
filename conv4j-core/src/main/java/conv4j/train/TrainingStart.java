package conv4j.train;

/**
 * What a run is about to do: train until epoch {@code epochs} (exclusive), starting at batch {@code firstBatch} of
 * epoch {@code firstEpoch} with {@code step} optimizer steps already taken (all 0 unless resuming).
 */
public record TrainingStart(int epochs, int firstEpoch, int firstBatch, long step, int batchesPerEpoch,
        int trainSamples, boolean validation) {
}
