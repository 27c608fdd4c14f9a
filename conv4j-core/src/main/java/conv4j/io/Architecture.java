package conv4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import conv4j.nn.Module;
import conv4j.tensor.Rng;
import java.util.List;

/**
 * A model's architecture as data: versioned JSON naming each layer's type from an allowlist ({@link LayerCodecs}) with
 * its settings, containers with their named children:
 * <pre>{"format": "conv4j.architecture", "version": 1,
 *  "root": {"type": "Sequential", "children": [{"name": "features", "module": {"type": "Sequential", ...}}]}}</pre>
 * Reading it back builds the layers with fresh weights; a model file then loads its tensors into them. Errors name
 * the JSON path of what is wrong: {@code root.children[0].module: unknown layer type 'Evil'}.
 */
public final class Architecture {
    public static final String FORMAT = "conv4j.architecture";
    public static final int VERSION = 1;

    private Architecture() {
    }

    /** The layer type names an architecture may use. */
    public static List<String> layerTypes() {
        return LayerCodecs.types();
    }

    /** The architecture of {@code model}, or an {@link IllegalArgumentException} naming a layer it cannot describe. */
    public static String toJson(Module model) {
        ObjectNode doc = Json.object().put("format", FORMAT).put("version", VERSION);
        doc.set("root", write(model, ""));
        return Json.write(doc);
    }

    private static ObjectNode write(Module m, String path) {
        LayerCodecs.Codec<?> codec = LayerCodecs.byClass(m.getClass());
        if (codec == null) {
            throw new IllegalArgumentException("cannot describe " + m.getClass().getName()
                    + (path.isEmpty() ? "" : " at '" + path + "'") + " as an architecture: its layer types are "
                    + LayerCodecs.types());
        }
        ObjectNode out = Json.object().put("type", codec.type());
        codec.write(m, out, (child, name) -> write(child, path.isEmpty() ? name : path + "." + name));
        return out;
    }

    /** Builds the model an architecture describes, its weights initialised from {@code rng}. */
    public static Module fromJson(String json, Rng rng) {
        return fromJson(json, rng, Long.MAX_VALUE);
    }

    /**
     * As {@link #fromJson(String, Rng)}, refusing an architecture whose layers would hold more than
     * {@code maxValues} parameter and buffer values, before allocating them: a model file cannot hold the weights
     * of more values than its data section has room for, so a file cannot make the reader allocate more than that.
     */
    public static Module fromJson(String json, Rng rng, long maxValues) {
        JsonFields doc = JsonFields.of(Json.parse(json), "architecture");
        String format = doc.text("format");
        if (!format.equals(FORMAT)) {
            throw JsonFields.error(doc.path("format"), "expected \"" + FORMAT + "\", found " + Json.describe(
                    doc.get("format")));
        }
        int version = doc.integer("version", 1, Integer.MAX_VALUE);
        if (version != VERSION) {
            throw JsonFields.error(doc.path("version"), "version " + version + " is newer than this conv4j reads ("
                    + VERSION + ")");
        }
        JsonNode root = doc.get("root");
        doc.requireNoOthers();
        return new Builder(rng, maxValues).module(root, "root");
    }

    /** What layer readers share while a model is rebuilt: the weights' random stream and the size budget. */
    static final class Builder {
        private final Rng rng;
        private final long maxValues;
        private long valuesLeft;

        private Builder(Rng rng, long maxValues) {
            this.rng = rng;
            this.maxValues = maxValues;
            this.valuesLeft = maxValues;
        }

        Rng rng() {
            return rng;
        }

        /** Counts a tensor of the given dimensions against the budget before the layer allocates it. */
        void allocate(String path, long... dims) {
            long values = 1;
            try {
                for (long d : dims) {
                    values = Math.multiplyExact(values, d);
                }
            } catch (ArithmeticException e) {
                values = Long.MAX_VALUE;
            }
            if (values > valuesLeft) {
                throw JsonFields.error(path, "the layers up to here hold more parameter and buffer values than the "
                        + "limit of " + maxValues + " (the room the file has for their data)");
            }
            valuesLeft -= values;
        }

        /** Reads the module at {@code path}: its type from the allowlist, then its settings. */
        Module module(JsonNode node, String path) {
            JsonFields in = JsonFields.of(node, path);
            String type = in.text("type");
            LayerCodecs.Codec<?> codec = LayerCodecs.byType(type);
            if (codec == null) {
                throw JsonFields.error(path, "unknown layer type " + SafeTensorsHeader.quote(type) + " (allowed: "
                        + String.join(", ", LayerCodecs.types()) + ")");
            }
            Module m;
            try {
                m = codec.reader().read(in, this);
            } catch (JsonPathException e) {
                throw e;
            } catch (IllegalArgumentException e) { // a layer refusing its settings
                throw JsonFields.error(path, e.getMessage());
            }
            in.requireNoOthers();
            return m;
        }
    }
}
