package conv4j.io;

import conv4j.nn.Module;
import conv4j.optim.OptimizerState;
import conv4j.train.TrainingState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a training run needs to continue exactly: the model, its information, the optimizer's state (restored
 * with {@code optimizer.loadState(model.namedParameters(), optimizer)}), where training stands, and the run's settings
 * as strings (the command line's options, so a resumed run uses the same ones).
 */
public record CheckpointData(Module model, ModelInfo info, OptimizerState optimizer, TrainingState training,
        Map<String, String> settings) {
    public CheckpointData {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(training, "training");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        settings.forEach((k, v) -> Objects.requireNonNull(v, () -> "setting '" + k + "' has no value"));
    }
}
