package conv4j.train;

import java.util.Map;
import java.util.Objects;

/**
 * Where a training run stands, beyond the weights and the optimizer: enough to continue it exactly. {@code epoch} and
 * {@code batch} name the next batch to train (batch within the epoch); {@code step} counts the optimizer steps taken;
 * {@code loaderSeed} fixes the data order and augmentation of every epoch; {@code rngStates} holds the state of each
 * random stream the model owns (a dropout layer's, by its path).
 */
public record TrainingState(int epoch, int batch, long step, long loaderSeed, Map<String, Long> rngStates) {
    public TrainingState {
        if (epoch < 0 || batch < 0 || step < 0) {
            throw new IllegalArgumentException("epoch, batch and step must be >= 0, received epoch " + epoch
                    + ", batch " + batch + ", step " + step);
        }
        rngStates = Map.copyOf(Objects.requireNonNull(rngStates, "rngStates"));
    }
}
