package conv4j.optim;

import conv4j.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an optimizer must carry through a checkpoint so that continuing is bit-identical to never stopping: the number
 * of {@code step()} calls, the current learning rate, each parameter's own update count (Adam's bias correction counts
 * the steps a parameter actually took, as in PyTorch) and its buffers. Everything is keyed by the parameter's
 * state_dict name; a buffer is named {@code <param>.<buffer>} with PyTorch's buffer names ({@code momentum_buffer},
 * {@code exp_avg}, {@code exp_avg_sq}). Counts are longs rather than tensors because a float32 holds integers exactly
 * only up to 2^24. Parameters that never took a step have no entries.
 */
public record OptimizerState(long steps, double learningRate, Map<String, Long> paramSteps,
        Map<String, Tensor> buffers) {

    public OptimizerState {
        if (steps < 0) {
            throw new IllegalArgumentException("step count must be >= 0, received " + steps);
        }
        Check.positive("learning rate", learningRate);
        for (Map.Entry<String, Long> e : paramSteps.entrySet()) {
            if (e.getKey() == null || e.getValue() == null || e.getValue() < 1 || e.getValue() > steps) {
                throw new IllegalArgumentException("step count of parameter '" + e.getKey() + "' must be in [1, "
                        + steps + "], received " + e.getValue());
            }
        }
        for (Map.Entry<String, Tensor> e : buffers.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("optimizer buffers need a name and a tensor, received '"
                        + e.getKey() + "' -> " + e.getValue());
            }
        }
        // Insertion order is kept so a checkpoint file lists tensors in the model's parameter order.
        paramSteps = Collections.unmodifiableMap(new LinkedHashMap<>(paramSteps));
        buffers = Collections.unmodifiableMap(new LinkedHashMap<>(buffers));
    }
}
