package conv4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed, checked reading of one JSON object's fields. Every error names the JSON path of the bad value
 * ({@code root.children[0].module.kernel: expected a whole number, found the string "5"}), and
 * {@link #requireNoOthers()} refuses fields nobody asked for, so nothing in a file goes unread.
 */
final class JsonFields {
    private final JsonNode node;
    private final String path;
    private final Set<String> known = new LinkedHashSet<>();

    private JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static JsonFields of(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw error(path, "expected an object, found " + Json.describe(node));
        }
        return new JsonFields(node, path);
    }

    static JsonPathException error(String path, String message) {
        return new JsonPathException(path + ": " + message);
    }

    String path() {
        return path;
    }

    String path(String field) {
        return path + "." + field;
    }

    JsonNode get(String field) {
        known.add(field);
        JsonNode value = node.get(field);
        if (value == null) {
            throw error(path, "missing field '" + field + "'");
        }
        return value;
    }

    /** Whether an optional field is present; either way it counts as read. */
    boolean has(String field) {
        known.add(field);
        return node.has(field);
    }

    JsonFields object(String field) {
        return of(get(field), path(field));
    }

    int integer(String field, int min, int max) {
        return integer(get(field), path(field), min, max);
    }

    long longValue(String field) {
        return longValue(get(field), path(field), Long.MIN_VALUE, Long.MAX_VALUE);
    }

    long longValue(String field, long min, long max) {
        return longValue(get(field), path(field), min, max);
    }

    boolean bool(String field) {
        JsonNode v = get(field);
        if (!v.isBoolean()) {
            throw error(path(field), "expected true or false, found " + Json.describe(v));
        }
        return v.booleanValue();
    }

    String text(String field) {
        return text(get(field), path(field));
    }

    /** A finite number. */
    double number(String field) {
        return number(get(field), path(field));
    }

    /** A finite number that is a float32 (read as its nearest float32, as Float.parseFloat would). */
    float floatNumber(String field) {
        JsonNode v = get(field);
        number(v, path(field));
        float f = v.decimalValue().floatValue();
        if (!Float.isFinite(f)) {
            throw error(path(field), "expected a number within float32 range, found " + Json.describe(v));
        }
        return f;
    }

    List<JsonNode> array(String field) {
        return array(get(field), path(field));
    }

    /** An array of exactly {@code count} whole numbers in [min, max]. */
    int[] ints(String field, int count, int min, int max) {
        int[] out = ints(field, min, max);
        if (out.length != count) {
            throw error(path(field), "expected " + count + " numbers, found " + out.length);
        }
        return out;
    }

    /** An array of whole numbers in [min, max]. */
    int[] ints(String field, int min, int max) {
        List<JsonNode> items = array(field);
        int[] out = new int[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = integer(items.get(i), path(field) + "[" + i + "]", min, max);
        }
        return out;
    }

    /** An array of finite numbers. */
    List<Double> numbers(String field) {
        List<JsonNode> items = array(field);
        List<Double> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(number(items.get(i), path(field) + "[" + i + "]"));
        }
        return out;
    }

    /** An array of strings. */
    List<String> texts(String field) {
        List<JsonNode> items = array(field);
        List<String> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(text(items.get(i), path(field) + "[" + i + "]"));
        }
        return out;
    }

    /** An object whose values are all strings, in file order. */
    Map<String, String> strings(String field) {
        JsonFields obj = object(field);
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : obj.node.properties()) {
            out.put(e.getKey(), text(e.getValue(), obj.path(e.getKey())));
        }
        return out;
    }

    /** An object whose values are all whole numbers in [min, max], in file order. */
    Map<String, Long> longs(String field, long min, long max) {
        JsonFields obj = object(field);
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : obj.node.properties()) {
            out.put(e.getKey(), longValue(e.getValue(), obj.path(e.getKey()), min, max));
        }
        return out;
    }

    /** Refuses any field that no getter asked for: a file says nothing conv4j does not understand. */
    void requireNoOthers() {
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!known.contains(e.getKey())) {
                unknown.add(e.getKey());
            }
        }
        if (!unknown.isEmpty()) {
            throw error(path, "unknown field '" + unknown.get(0) + "'" + (known.isEmpty() ? " (this object has no "
                    + "fields)" : " (known: " + String.join(", ", known) + ")"));
        }
    }

    static int integer(JsonNode v, String path, int min, int max) {
        return (int) longValue(v, path, min, max);
    }

    static long longValue(JsonNode v, String path, long min, long max) {
        if (v == null || !v.isIntegralNumber()) {
            throw error(path, "expected a whole number, found " + Json.describe(v));
        }
        BigInteger b = v.bigIntegerValue();
        if (b.compareTo(BigInteger.valueOf(min)) < 0 || b.compareTo(BigInteger.valueOf(max)) > 0) {
            throw error(path, "expected a whole number in [" + min + ", " + max + "], found " + b);
        }
        return b.longValue();
    }

    static double number(JsonNode v, String path) {
        if (v == null || !v.isNumber()) {
            throw error(path, "expected a number, found " + Json.describe(v));
        }
        double d = v.decimalValue().doubleValue();
        if (!Double.isFinite(d)) {
            throw error(path, "expected a finite number, found " + Json.describe(v));
        }
        return d;
    }

    static String text(JsonNode v, String path) {
        if (v == null || !v.isTextual()) {
            throw error(path, "expected a string, found " + Json.describe(v));
        }
        return v.textValue();
    }

    static List<JsonNode> array(JsonNode v, String path) {
        if (v == null || !v.isArray()) {
            throw error(path, "expected an array, found " + Json.describe(v));
        }
        List<JsonNode> out = new ArrayList<>(v.size());
        v.forEach(out::add);
        return out;
    }
}
