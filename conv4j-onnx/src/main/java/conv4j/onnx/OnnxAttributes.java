package conv4j.onnx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A node's attributes by name, with the operator's defaults, and errors that name the node. */
final class OnnxAttributes {
    private final NodeProto node;
    private final Map<String, AttributeProto> byName = new HashMap<>();

    OnnxAttributes(NodeProto node) {
        this.node = node;
        for (AttributeProto a : node.attribute()) {
            byName.put(a.name(), a);
        }
    }

    long i(String name, long fallback) {
        AttributeProto a = byName.get(name);
        return a == null ? fallback : a.i();
    }

    float f(String name, float fallback) {
        AttributeProto a = byName.get(name);
        return a == null ? fallback : a.f();
    }

    String s(String name, String fallback) {
        AttributeProto a = byName.get(name);
        return a == null || a.s() == null ? fallback : a.s();
    }

    /** An INTS attribute as ints, or null where the node does not set it. */
    int[] ints(String name) {
        AttributeProto a = byName.get(name);
        if (a == null) {
            return null;
        }
        List<Long> v = a.ints();
        int[] out = new int[v.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = Math.toIntExact(v.get(k));
        }
        return out;
    }

    /** A FLOATS attribute, or null where the node does not set it. */
    float[] floats(String name) {
        AttributeProto a = byName.get(name);
        if (a == null) {
            return null;
        }
        float[] out = new float[a.floats().size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = a.floats().get(k);
        }
        return out;
    }

    boolean has(String name) {
        return byName.containsKey(name);
    }

    TensorProto t(String name) {
        AttributeProto a = byName.get(name);
        return a == null ? null : a.t();
    }

    /** An INTS attribute of {@code length} values, or {@code fill} repeated where the node does not set it. */
    int[] ints(String name, int length, int fill) {
        int[] v = ints(name);
        if (v == null) {
            v = new int[length];
            java.util.Arrays.fill(v, fill);
        }
        if (v.length != length) {
            throw error("attribute " + name + " has " + v.length + " values, expected " + length);
        }
        return v;
    }

    OnnxImportException error(String problem) {
        return new OnnxImportException(node.opType() + " node '" + node.name() + "': " + problem);
    }
}
