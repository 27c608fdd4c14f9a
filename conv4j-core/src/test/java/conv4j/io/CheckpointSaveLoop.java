package conv4j.io;

import conv4j.nn.Flatten;
import conv4j.nn.Linear;
import conv4j.nn.Module;
import conv4j.nn.Param;
import conv4j.nn.ReLU;
import conv4j.nn.Sequential;
import conv4j.optim.OptimizerState;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.train.TrainingState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The process {@link CheckpointKillTest} kills: saves checkpoint after checkpoint to one path and prints
 * {@code saved <step>} after each. Every value of checkpoint {@code step} equals {@code step}, so a file that mixed two
 * saves would show it.
 */
public final class CheckpointSaveLoop {
    private CheckpointSaveLoop() {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        Module model = model();
        long deadline = System.nanoTime() + 60_000_000_000L; // an orphan, should the test die first, stops by itself
        for (long step = Long.parseLong(args[1]); System.nanoTime() < deadline; step++) {
            Checkpoint.save(target, data(model, step));
            System.out.println("saved " + step);
            if (System.out.checkError()) { // nobody is reading any more
                return;
            }
        }
    }

    /** About 1 MB of weights, 2 MB with the optimizer's buffers: a save takes long enough to be interrupted. */
    static Module model() {
        Rng rng = new Rng(1);
        return new Sequential(new Flatten(), new Linear(256, 1000, rng), new ReLU(), new Linear(1000, 10, rng));
    }

    static ModelInfo info() {
        return ModelInfo.of("save-loop", Shape.of(1, 16, 16), List.of());
    }

    /** Sets every weight to {@code step} and returns a checkpoint whose every value and counter is {@code step}. */
    static CheckpointData data(Module model, long step) {
        Map<String, Long> paramSteps = new LinkedHashMap<>();
        Map<String, Tensor> buffers = new LinkedHashMap<>();
        for (Map.Entry<String, Param> e : model.namedParameters().entrySet()) {
            e.getValue().value().fill(step);
            paramSteps.put(e.getKey(), step);
            buffers.put(e.getKey() + ".momentum_buffer", Tensor.full(e.getValue().shape(), step));
        }
        return new CheckpointData(model, info(), new OptimizerState(step, 0.1, paramSteps, buffers),
                new TrainingState(0, 0, step, step, Map.of("2", step)), Map.of("step", Long.toString(step)));
    }

    /** Asserts that a loaded checkpoint is one whole save: everything in it says the same step. */
    static long checkWhole(CheckpointData d) {
        long step = d.training().step();
        for (Map.Entry<String, Tensor> e : d.model().stateDict().entrySet()) {
            for (float v : e.getValue().data()) {
                if (v != step) {
                    throw new AssertionError(e.getKey() + " holds " + v + " in checkpoint " + step);
                }
            }
        }
        for (Map.Entry<String, Tensor> e : d.optimizer().buffers().entrySet()) {
            for (float v : e.getValue().data()) {
                if (v != step) {
                    throw new AssertionError("optimizer " + e.getKey() + " holds " + v + " in checkpoint " + step);
                }
            }
        }
        if (d.optimizer().steps() != step || !d.settings().get("step").equals(Long.toString(step))
                || d.training().rngStates().get("2") != step || d.training().loaderSeed() != step) {
            throw new AssertionError("counters disagree in checkpoint " + step);
        }
        return step;
    }
}
