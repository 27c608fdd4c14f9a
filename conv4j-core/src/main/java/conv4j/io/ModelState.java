package conv4j.io;

import conv4j.nn.BatchNorm2d;
import conv4j.nn.Module;
import conv4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A model's tensors under PyTorch's state_dict names, in its order: each module's parameters, then its buffers (for
 * BatchNorm2d, num_batches_tracked last, an I64 scalar), then its children. This is what a model file holds, so
 * PyTorch loads it with {@code load_state_dict} and its exports load here.
 */
final class ModelState {
    static final String BATCHES_TRACKED = "num_batches_tracked";

    private ModelState() {
    }

    /** The model's tensors; floating values are the live arrays, not copies. */
    static Map<String, TensorData> of(Module model) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        collect(model, "", out);
        return out;
    }

    private static void collect(Module m, String prefix, Map<String, TensorData> out) {
        m.localParameters().forEach((n, p) -> out.put(prefix + n, TensorData.of(p.value())));
        m.localBuffers().forEach((n, b) -> out.put(prefix + n, TensorData.of(b)));
        if (m instanceof BatchNorm2d bn) {
            out.put(prefix + BATCHES_TRACKED, TensorData.scalar(bn.batchesTracked()));
        }
        m.children().forEach((n, c) -> collect(c, prefix + n + ".", out));
    }

    /**
     * Checks that a file's tensors, apart from those {@code ignored} accepts, are exactly the model's: every name
     * present, none extra, each of the model's shape and of a floating or integer dtype as the model's value is.
     * The error lists every mismatch.
     */
    static void check(Map<String, TensorData> model, Collection<TensorInfo> file, Predicate<String> ignored,
            String fileName) throws ModelFileException {
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        Map<String, TensorInfo> byName = new LinkedHashMap<>();
        for (TensorInfo t : file) {
            if (ignored.test(t.name())) {
                continue;
            }
            byName.put(t.name(), t);
            TensorData expected = model.get(t.name());
            if (expected == null) {
                unexpected.add(SafeTensorsHeader.quote(t.name()) + " (" + t.shape() + ")");
            } else if (!expected.shape().equals(t.shape())) {
                wrong.add(SafeTensorsHeader.quote(t.name()) + " is " + t.shape() + " in the file, "
                        + expected.shape() + " in the model");
            } else if (expected.isFloating() != t.dtype().isFloating()) {
                wrong.add(SafeTensorsHeader.quote(t.name()) + " is " + t.dtype() + " in the file, the model needs "
                        + (expected.isFloating() ? "a floating" : "an integer") + " dtype");
            }
        }
        model.forEach((name, t) -> {
            if (!byName.containsKey(name)) {
                missing.add("'" + name + "' (" + t.shape() + ")");
            }
        });
        if (missing.isEmpty() && unexpected.isEmpty() && wrong.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder(fileName).append(": the tensors do not match the model:");
        list(b, "missing", missing);
        list(b, "unexpected", unexpected);
        list(b, "wrong", wrong);
        throw new ModelFileException(b.toString());
    }

    private static void list(StringBuilder b, String what, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        int shown = Math.min(items.size(), 10);
        b.append(b.charAt(b.length() - 1) == ':' ? " " : "; ").append(what).append(' ').append(items.size())
                .append(": ").append(String.join(", ", items.subList(0, shown)));
        if (shown < items.size()) {
            b.append(", and ").append(items.size() - shown).append(" more");
        }
    }

    /** Copies values that {@link #check} accepted into the model's live tensors. */
    static void load(Module model, Map<String, TensorData> values) {
        load(model, "", values);
    }

    private static void load(Module m, String prefix, Map<String, TensorData> values) {
        m.localParameters().forEach((n, p) -> copy(values.get(prefix + n), p.value()));
        m.localBuffers().forEach((n, b) -> copy(values.get(prefix + n), b));
        if (m instanceof BatchNorm2d bn) {
            bn.setBatchesTracked(values.get(prefix + BATCHES_TRACKED).longs()[0]);
        }
        m.children().forEach((n, c) -> load(c, prefix + n + ".", values));
    }

    private static void copy(TensorData from, Tensor to) {
        System.arraycopy(from.floats(), 0, to.data(), 0, to.size());
    }
}
