package conv4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.autograd.Variable;
import conv4j.nn.CrossEntropyLoss;
import conv4j.nn.Dropout;
import conv4j.nn.Module;
import conv4j.optim.Adam;
import conv4j.optim.Optimizer;
import conv4j.optim.OptimizerState;
import conv4j.optim.Penalty;
import conv4j.optim.Sgd;
import conv4j.tensor.Rng;
import conv4j.tensor.Tensor;
import conv4j.train.TrainingState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    /** Steps {@code from .. to-1}, each on its own seeded batch, so two runs see the same data. */
    static void train(Module model, Optimizer optimizer, int from, int to) {
        model.train();
        CrossEntropyLoss loss = new CrossEntropyLoss();
        for (int step = from; step < to; step++) {
            Rng data = new Rng(1000 + step);
            Tensor images = Tensor.randn(TestModels.INPUT.withBatch(4), data, 1.0);
            int[] labels = {data.nextInt(5), data.nextInt(5), data.nextInt(5), data.nextInt(5)};
            optimizer.zeroGrad();
            loss.forward(model.forward(Variable.of(images)), labels).backward();
            optimizer.step();
        }
    }

    static Map<String, Long> rngStates(Module model) {
        Map<String, Long> states = new LinkedHashMap<>();
        for (Module m : model.modules()) {
            if (m instanceof Dropout d) {
                states.put(m.path(), d.rng().state());
            }
        }
        return states;
    }

    void resumesExactly(Function<Module, Optimizer> makeOptimizer) throws IOException {
        Module model = TestModels.everyLayer(new Rng(11));
        Optimizer optimizer = makeOptimizer.apply(model);
        train(model, optimizer, 0, 4);
        Path file = dir.resolve("run.ckpt.safetensors");
        TrainingState training = new TrainingState(1, 2, 4, -42L, rngStates(model));
        Map<String, String> settings = Map.of("optimizer", optimizer.getClass().getSimpleName(), "lr", "0.05");
        OptimizerState saved = optimizer.state(model.namedParameters());
        Checkpoint.save(file, new CheckpointData(model, TestModels.info(), saved, training, settings));
        train(model, optimizer, 4, 7);

        CheckpointData back = Checkpoint.load(file);
        assertEquals(training, back.training());
        assertEquals(settings, back.settings());
        assertEquals(TestModels.info(), back.info());
        assertEquals(saved.steps(), back.optimizer().steps());
        assertEquals(saved.learningRate(), back.optimizer().learningRate());
        assertEquals(saved.paramSteps(), back.optimizer().paramSteps());
        assertEquals(saved.buffers().keySet(), back.optimizer().buffers().keySet());
        saved.buffers().forEach((k, t) -> assertArrayEquals(t.data(), back.optimizer().buffers().get(k).data(), k));

        Module resumed = back.model();
        Optimizer continued = makeOptimizer.apply(resumed);
        continued.loadState(resumed.namedParameters(), back.optimizer());
        for (Module m : resumed.modules()) {
            if (m instanceof Dropout d) {
                d.rng().setState(back.training().rngStates().get(m.path()));
            }
        }
        train(resumed, continued, 4, 7);
        ModelFileTest.assertSameState(model, resumed);
    }

    @Test
    void sgdWithMomentumResumesBitIdentically() throws IOException {
        resumesExactly(m -> new Sgd(m.parameters(), 0.05, 0.9, true, Penalty.ofWeightDecay(1e-3)));
    }

    @Test
    void adamResumesBitIdentically() throws IOException {
        resumesExactly(m -> new Adam(m.parameters(), 0.01));
    }

    @Test
    void aCheckpointAlsoLoadsAsAModelAndAModelFileIsNotACheckpoint() throws IOException {
        Module model = TestModels.everyLayer(new Rng(12));
        Sgd sgd = new Sgd(model.parameters(), 0.1, 0.9);
        train(model, sgd, 0, 2);
        Path checkpoint = dir.resolve("c.safetensors");
        Checkpoint.save(checkpoint, new CheckpointData(model, TestModels.info(), sgd.state(model.namedParameters()),
                new TrainingState(0, 2, 2, 1, Map.of()), Map.of()));
        ModelFileTest.assertSameState(model, ModelFile.load(checkpoint).model());
        assertTrue(SafeTensors.readHeader(checkpoint).byName().containsKey(
                "optimizer.state.features.0.weight.momentum_buffer"));

        Path plain = dir.resolve("m.safetensors");
        ModelFile.save(plain, model, TestModels.info());
        assertEquals(plain + ": not a checkpoint: metadata 'conv4j.checkpoint' is missing",
                assertThrows(ModelFileException.class, () -> Checkpoint.load(plain)).getMessage());
    }

    @Test
    void optimizerStateThatFitsNoParameterIsRefused() throws IOException {
        Module model = TestModels.tiny(new Rng(1));
        Sgd sgd = new Sgd(model.parameters(), 0.1, 0.9);
        sgd.step();
        Path file = dir.resolve("c.safetensors");
        Checkpoint.save(file, new CheckpointData(model, TestModels.tinyInfo(), sgd.state(model.namedParameters()),
                new TrainingState(0, 0, 1, 1, Map.of()), Map.of()));
        SafeTensorsFile content = SafeTensors.read(file);

        Map<String, TensorData> tensors = new LinkedHashMap<>(content.tensors());
        tensors.put("optimizer.state.9.weight.momentum_buffer", TensorData.of(Tensor.zeros(2, 3)));
        SafeTensors.write(file, tensors, content.metadata());
        assertEquals(file + ": optimizer tensor 'optimizer.state.9.weight.momentum_buffer' names no parameter of the "
                + "model", assertThrows(ModelFileException.class, () -> Checkpoint.load(file)).getMessage());

        tensors = new LinkedHashMap<>(content.tensors());
        tensors.put("optimizer.state.1.weight.momentum_buffer", TensorData.of(Tensor.zeros(3, 2)));
        SafeTensors.write(file, tensors, content.metadata());
        assertEquals(file + ": optimizer tensor 'optimizer.state.1.weight.momentum_buffer' is F32 3x2, its parameter"
                + " is a float tensor of shape 2x3", assertThrows(ModelFileException.class,
                        () -> Checkpoint.load(file)).getMessage());

        Map<String, String> metadata = new LinkedHashMap<>(content.metadata());
        metadata.put(Checkpoint.CHECKPOINT_KEY, metadata.get(Checkpoint.CHECKPOINT_KEY).replace("\"epoch\":0",
                "\"epoch\":-1"));
        SafeTensors.write(file, content.tensors(), metadata);
        assertEquals(file + ": conv4j.checkpoint: checkpoint.training.epoch: expected a whole number in [0, "
                + "2147483647], found -1", assertThrows(ModelFileException.class, () -> Checkpoint.load(file))
                .getMessage());
    }
}
