package conv4j.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import conv4j.tensor.Shape;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a model file says about its model beyond the layers, so that {@code predict} needs nothing else: the model's
 * name ("lenet5"), the input shape C x H x W, the per-channel normalisation applied to inputs ((x - mean) / std; both
 * lists empty for none), the class names, and free-form facts such as the test accuracy.
 */
public record ModelInfo(String name, Shape inputShape, List<Double> mean, List<Double> std, List<String> classNames,
        Map<String, String> facts) {
    /**
     * The fact that says how pictures were resized before the input was cut from their middle, HEIGHTxWIDTH (see
     * conv4j-vision's ClassificationPreset); a 1 x 28 x 28 model without it takes handwritten digits.
     */
    public static final String RESIZE_FACT = "resize";
    /** The fact in which a loader says what it assumed where the file was silent (an ONNX file's normalisation). */
    public static final String ASSUMED_FACT = "assumed";

    public ModelInfo {
        Objects.requireNonNull(name, "name");
        if (inputShape.rank() != 3 || inputShape.size() == 0) {
            throw new IllegalArgumentException("model info: input shape must be C x H x W with no zero, received "
                    + inputShape);
        }
        mean = List.copyOf(mean);
        std = List.copyOf(std);
        int channels = inputShape.dim(0);
        if (mean.size() != std.size() || !(mean.isEmpty() || mean.size() == channels)) {
            throw new IllegalArgumentException("model info: mean and std need one value per channel (" + channels
                    + ") or none, received " + mean.size() + " and " + std.size());
        }
        for (int c = 0; c < mean.size(); c++) {
            if (!Double.isFinite(mean.get(c)) || !(std.get(c) > 0) || !Double.isFinite(std.get(c))) {
                throw new IllegalArgumentException("model info: channel " + c + " needs a finite mean and a positive "
                        + "finite std, received mean " + mean.get(c) + ", std " + std.get(c));
            }
        }
        classNames = List.copyOf(classNames);
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        facts.forEach((k, v) -> Objects.requireNonNull(v, () -> "model info: fact '" + k + "' has no value"));
    }

    /** A model with no input normalisation and no facts. */
    public static ModelInfo of(String name, Shape inputShape, List<String> classNames) {
        return new ModelInfo(name, inputShape, List.of(), List.of(), classNames, Map.of());
    }

    /** This information with one more fact, e.g. {@code withFact("testAccuracy", "0.9921")}. */
    public ModelInfo withFact(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(facts);
        more.put(key, value);
        return new ModelInfo(name, inputShape, mean, std, classNames, more);
    }

    String toJson() {
        ObjectNode out = Json.object().put("version", 1).put("name", name);
        ArrayNode shape = out.putArray("inputShape");
        Arrays.stream(inputShape.dims()).forEach(shape::add);
        mean.forEach(out.putArray("mean")::add);
        std.forEach(out.putArray("std")::add);
        classNames.forEach(out.putArray("classNames")::add);
        ObjectNode f = out.putObject("facts");
        facts.forEach(f::put);
        return Json.write(out);
    }

    /** Reads {@link #toJson()}'s form; errors name the field ({@code info.std[0]: ...}). */
    static ModelInfo fromJson(String json) {
        JsonFields in = JsonFields.of(Json.parse(json), "info");
        int version = in.integer("version", 1, Integer.MAX_VALUE);
        if (version != 1) {
            throw JsonFields.error(in.path("version"), "version " + version + " is newer than this conv4j reads (1)");
        }
        String name = in.text("name");
        int[] shape = in.ints("inputShape", 1, Integer.MAX_VALUE);
        List<Double> mean = in.numbers("mean");
        List<Double> std = in.numbers("std");
        List<String> classes = in.texts("classNames");
        Map<String, String> facts = in.strings("facts");
        in.requireNoOthers();
        try {
            return new ModelInfo(name, new Shape(shape), mean, std, classes, facts);
        } catch (IllegalArgumentException e) {
            throw JsonFields.error(in.path(), e.getMessage());
        }
    }
}
