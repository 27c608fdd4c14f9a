package conv4j.io;

import static conv4j.io.SafeTensorsHeader.fail;

import conv4j.nn.Module;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One model in one .safetensors file. The tensors are the model's state_dict under PyTorch's names; the metadata
 * holds, as JSON strings, the architecture under {@value #ARCHITECTURE_KEY} (see {@link Architecture}) and the
 * {@link ModelInfo} under {@value #INFO_KEY}, plus {@code "format": "pt"} as PyTorch's writer puts it. So
 * {@link #load} rebuilds the model from the file alone, and PyTorch reads the weights with {@code load_file}.
 */
public final class ModelFile {
    public static final String ARCHITECTURE_KEY = "conv4j.architecture";
    public static final String INFO_KEY = "conv4j.info";
    /** The seed of the fresh weights an architecture is built with, before the file's tensors replace them all. */
    static final long BUILD_SEED = 0;

    private ModelFile() {
    }

    /** Writes the model and its information atomically. */
    public static void save(Path file, Module model, ModelInfo info) throws IOException {
        SafeTensors.write(file, ModelState.of(model), metadata(model, info));
    }

    static Map<String, String> metadata(Module model, ModelInfo info) {
        checkFits(model, info);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put(ARCHITECTURE_KEY, Architecture.toJson(model));
        metadata.put(INFO_KEY, info.toJson());
        return metadata;
    }

    /**
     * Reads a model file (or a checkpoint, whose optimizer state it leaves aside): the architecture is rebuilt, then
     * every tensor is checked against it before any is read.
     */
    public static LoadedModel load(Path file) throws IOException {
        refuseOnnx(file);
        try (SafeTensorsReader reader = SafeTensorsReader.open(file)) {
            LoadedModel loaded = build(reader, file.toString());
            boolean checkpoint = reader.header().metadata().containsKey(Checkpoint.CHECKPOINT_KEY);
            loadTensors(reader, loaded.model(), file.toString(),
                    name -> checkpoint && name.startsWith(Checkpoint.OPTIMIZER_PREFIX));
            return loaded;
        }
    }

    /**
     * Loads the tensors of a safetensors file into {@code model}, whose names and shapes they must match exactly; the
     * metadata is not needed, so a state_dict exported from PyTorch loads too. On any error the model is unchanged.
     */
    public static void loadInto(Path file, Module model) throws IOException {
        refuseOnnx(file);
        try (SafeTensorsReader reader = SafeTensorsReader.open(file)) {
            boolean checkpoint = reader.header().metadata().containsKey(Checkpoint.CHECKPOINT_KEY);
            loadTensors(reader, model, file.toString(),
                    name -> checkpoint && name.startsWith(Checkpoint.OPTIMIZER_PREFIX));
        }
    }

    /** An ONNX file would fail as a malformed safetensors header; this says what it is and what opens it. */
    private static void refuseOnnx(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            byte[] head = ModelFiles.head(file);
            if (!ModelFiles.isSafeTensors(head) && ModelFiles.looksLikeOnnx(file, head)) {
                throw new ModelFileException(file + " is an ONNX file, not a conv4j model file; ModelFiles.load "
                        + "(Models.load) opens both, and 'conv4j import " + file.getFileName() + " --out FILE' "
                        + "turns a chain of layers into one");
            }
        }
    }

    /** The model the file's architecture describes, with fresh weights, and the file's model information. */
    static LoadedModel build(SafeTensorsReader reader, String file) throws ModelFileException {
        Map<String, String> metadata = reader.header().metadata();
        String architecture = metadata.get(ARCHITECTURE_KEY);
        String infoJson = metadata.get(INFO_KEY);
        if (architecture == null || infoJson == null) {
            throw fail(file, "no conv4j model description (metadata '" + (architecture == null ? ARCHITECTURE_KEY
                    : INFO_KEY) + "' is missing); a plain state_dict, such as one exported from PyTorch, loads "
                    + "into a model built in code");
        }
        long dataBytes = reader.header().tensors().stream().mapToLong(TensorInfo::byteLength).sum();
        Module model;
        ModelInfo info;
        try {
            // Two bytes is the smallest floating dtype: the file cannot hold data for more values than this.
            model = Architecture.fromJson(architecture, new Rng(BUILD_SEED), dataBytes / 2);
        } catch (IllegalArgumentException e) {
            throw fail(file, ARCHITECTURE_KEY + ": " + e.getMessage());
        }
        try {
            info = ModelInfo.fromJson(infoJson);
            checkFits(model, info);
        } catch (IllegalArgumentException e) {
            throw fail(file, INFO_KEY + ": " + e.getMessage());
        }
        return new LoadedModel(model, info);
    }

    /** Checks the file's tensors against the model, then reads and copies them; the model changes only at the end. */
    static void loadTensors(SafeTensorsReader reader, Module model, String file, Predicate<String> ignored)
            throws IOException {
        Map<String, TensorData> expected = ModelState.of(model);
        ModelState.check(expected, reader.header().tensors(), ignored, file);
        Map<String, TensorData> values = new LinkedHashMap<>();
        for (String name : expected.keySet()) {
            TensorData value = reader.read(name);
            requireFinite(value, name, file);
            values.put(name, value);
        }
        ModelState.load(model, values);
    }

    /**
     * A NaN or an infinity in a weight makes every prediction NaN, which would print as "NaN%" scores and count as
     * right in a top-k; a trained model never holds one, so the file is refused.
     */
    private static void requireFinite(TensorData value, String name, String file) throws ModelFileException {
        if (!value.isFloating()) {
            return;
        }
        float[] v = value.floats();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                int bad = 0;
                for (float x : v) {
                    bad += Float.isFinite(x) ? 0 : 1;
                }
                throw fail(file, "tensor '" + name + "' holds " + v[i] + " at index " + i + " (" + bad + " of its "
                        + v.length + " values are not finite); the model cannot predict");
            }
        }
    }

    /**
     * The information must describe this model: an input it accepts, within the activation memory a picture may
     * take ({@link ActivationBudget}), and one class name per score.
     */
    private static void checkFits(Module model, ModelInfo info) {
        Shape out;
        try {
            out = model.outputShape(info.inputShape().withBatch(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("input shape " + info.inputShape() + " does not fit the model: "
                    + e.getMessage(), e);
        }
        ActivationBudget.check(model, info.inputShape());
        int scores = out.sizeFrom(1);
        if (!info.classNames().isEmpty() && info.classNames().size() != scores) {
            throw new IllegalArgumentException(info.classNames().size() + " class names for a model that gives "
                    + scores + " scores");
        }
    }
}
