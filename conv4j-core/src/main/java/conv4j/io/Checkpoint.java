package conv4j.io;

import static conv4j.io.SafeTensorsHeader.fail;
import static conv4j.io.SafeTensorsHeader.quote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import conv4j.nn.Param;
import conv4j.optim.OptimizerState;
import conv4j.tensor.Tensor;
import conv4j.train.TrainingState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A checkpoint is a model file ({@link ModelFile}) plus what training needs to go on: the optimizer's buffers as
 * tensors named {@value #OPTIMIZER_PREFIX}{@code <parameter>.<buffer>} ({@code optimizer.state.features.0.weight
 * .momentum_buffer}), and under the metadata key {@value #CHECKPOINT_KEY} a JSON string with the optimizer's counters
 * and learning rate, the {@link TrainingState} and the run's settings:
 * <pre>{"version": 1, "optimizer": {"steps": 120, "learningRate": 0.01, "paramSteps": {"features.0.weight": 120}},
 *  "training": {"epoch": 2, "batch": 7, "step": 120, "loaderSeed": 42, "rngStates": {"classifier.1": -8731...}},
 *  "settings": {"optimizer": "sgd", "lr": "0.01"}}</pre>
 * Written atomically, so a run killed while saving leaves the previous checkpoint whole.
 */
public final class Checkpoint {
    public static final String CHECKPOINT_KEY = "conv4j.checkpoint";
    public static final String OPTIMIZER_PREFIX = "optimizer.state.";
    private static final int VERSION = 1;

    private Checkpoint() {
    }

    public static void save(Path file, CheckpointData data) throws IOException {
        Map<String, TensorData> tensors = ModelState.of(data.model());
        for (String name : tensors.keySet()) {
            if (name.startsWith(OPTIMIZER_PREFIX)) {
                throw new IllegalArgumentException("model tensor '" + name + "' would be taken for optimizer state: "
                        + "a checkpoint needs model names that do not start with '" + OPTIMIZER_PREFIX + "'");
            }
        }
        data.optimizer().buffers().forEach((name, t) -> tensors.put(OPTIMIZER_PREFIX + name, TensorData.of(t)));
        Map<String, String> metadata = ModelFile.metadata(data.model(), data.info());
        metadata.put(CHECKPOINT_KEY, toJson(data));
        SafeTensors.write(file, tensors, metadata);
    }

    /**
     * Reads a checkpoint: the model as {@link ModelFile#load} does, and the optimizer buffers, each checked to belong
     * to a parameter of the model and to have its shape, before any tensor data is read.
     */
    public static CheckpointData load(Path path) throws IOException {
        String file = path.toString();
        try (SafeTensorsReader reader = SafeTensorsReader.open(path)) {
            String json = reader.header().metadata().get(CHECKPOINT_KEY);
            if (json == null) {
                throw fail(file, "not a checkpoint: metadata '" + CHECKPOINT_KEY + "' is missing");
            }
            Parsed parsed;
            try {
                parsed = parse(json);
            } catch (IllegalArgumentException e) {
                throw fail(file, CHECKPOINT_KEY + ": " + e.getMessage());
            }
            LoadedModel loaded = ModelFile.build(reader, file);
            Map<String, Param> params = loaded.model().namedParameters();
            for (TensorInfo t : reader.header().tensors()) {
                if (t.name().startsWith(OPTIMIZER_PREFIX)) {
                    checkBuffer(t, params, file);
                }
            }
            for (String name : parsed.paramSteps().keySet()) {
                if (!params.containsKey(name)) {
                    throw fail(file, CHECKPOINT_KEY + ": optimizer.paramSteps names " + quote(name)
                            + ", not a parameter of the model");
                }
            }
            ModelFile.loadTensors(reader, loaded.model(), file, name -> name.startsWith(OPTIMIZER_PREFIX));
            Map<String, Tensor> buffers = new LinkedHashMap<>();
            for (TensorInfo t : reader.header().tensors()) {
                if (t.name().startsWith(OPTIMIZER_PREFIX)) {
                    buffers.put(t.name().substring(OPTIMIZER_PREFIX.length()), reader.read(t.name()).tensor());
                }
            }
            OptimizerState optimizer;
            try {
                optimizer = new OptimizerState(parsed.steps(), parsed.learningRate(), parsed.paramSteps(), buffers);
            } catch (IllegalArgumentException e) {
                throw fail(file, CHECKPOINT_KEY + ": optimizer: " + e.getMessage());
            }
            return new CheckpointData(loaded.model(), loaded.info(), optimizer, parsed.training(), parsed.settings());
        }
    }

    /** A buffer is named {@code <parameter>.<buffer>}, floating, of its parameter's shape. */
    private static void checkBuffer(TensorInfo t, Map<String, Param> params, String file) throws ModelFileException {
        String key = t.name().substring(OPTIMIZER_PREFIX.length());
        int dot = key.lastIndexOf('.');
        Param p = dot < 0 ? null : params.get(key.substring(0, dot));
        if (p == null) {
            throw fail(file, "optimizer tensor " + quote(t.name()) + " names no parameter of the model");
        }
        if (!p.shape().equals(t.shape()) || !t.dtype().isFloating()) {
            throw fail(file, "optimizer tensor " + quote(t.name()) + " is " + t.dtype() + " " + t.shape()
                    + ", its parameter is a float tensor of shape " + p.shape());
        }
    }

    private record Parsed(long steps, double learningRate, Map<String, Long> paramSteps, TrainingState training,
            Map<String, String> settings) {
    }

    private static String toJson(CheckpointData data) {
        ObjectNode root = Json.object().put("version", VERSION);
        OptimizerState o = data.optimizer();
        ObjectNode optimizer = root.putObject("optimizer").put("steps", o.steps()).put("learningRate",
                o.learningRate());
        ObjectNode paramSteps = optimizer.putObject("paramSteps");
        o.paramSteps().forEach(paramSteps::put);
        TrainingState t = data.training();
        ObjectNode training = root.putObject("training").put("epoch", t.epoch()).put("batch", t.batch())
                .put("step", t.step()).put("loaderSeed", t.loaderSeed());
        ObjectNode rng = training.putObject("rngStates");
        t.rngStates().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> rng.put(e.getKey(),
                e.getValue()));
        ObjectNode settings = root.putObject("settings");
        data.settings().forEach(settings::put);
        return Json.write(root);
    }

    private static Parsed parse(String json) {
        JsonFields root = JsonFields.of(Json.parse(json), "checkpoint");
        int version = root.integer("version", 1, Integer.MAX_VALUE);
        if (version != VERSION) {
            throw JsonFields.error(root.path("version"), "version " + version + " is newer than this conv4j reads ("
                    + VERSION + ")");
        }
        JsonFields optimizer = root.object("optimizer");
        long steps = optimizer.longValue("steps", 0, Long.MAX_VALUE);
        double learningRate = optimizer.number("learningRate");
        Map<String, Long> paramSteps = optimizer.longs("paramSteps", 1, Long.MAX_VALUE);
        optimizer.requireNoOthers();
        JsonFields training = root.object("training");
        int epoch = training.integer("epoch", 0, Integer.MAX_VALUE);
        int batch = training.integer("batch", 0, Integer.MAX_VALUE);
        long step = training.longValue("step", 0, Long.MAX_VALUE);
        long loaderSeed = training.longValue("loaderSeed");
        Map<String, Long> rngStates = training.longs("rngStates", Long.MIN_VALUE, Long.MAX_VALUE);
        training.requireNoOthers();
        TrainingState state = new TrainingState(epoch, batch, step, loaderSeed, rngStates);
        Map<String, String> settings = root.strings("settings");
        root.requireNoOthers();
        return new Parsed(steps, learningRate, paramSteps, state, settings);
    }
}
