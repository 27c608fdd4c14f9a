package conv4j.train;

import conv4j.nn.Dropout;
import conv4j.nn.Module;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The random streams a model owns (its dropout layers'), named by the layer's path for a checkpoint. */
final class RandomStreams {
    private final List<Dropout> dropouts = new ArrayList<>();

    RandomStreams(Module model) {
        for (Module m : model.modules()) {
            if (m instanceof Dropout d) {
                dropouts.add(d);
            }
        }
    }

    Map<String, Long> states() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Dropout d : dropouts) {
            out.put(d.path(), d.rng().state());
        }
        return out;
    }

    /** Sets every stream from {@code states}, which must name exactly this model's streams; checks before setting. */
    void restore(Map<String, Long> states) {
        Map<String, Dropout> byPath = new LinkedHashMap<>();
        for (Dropout d : dropouts) {
            byPath.put(d.path(), d);
        }
        if (!byPath.keySet().equals(states.keySet())) {
            TreeSet<String> missing = new TreeSet<>(byPath.keySet());
            missing.removeAll(states.keySet());
            TreeSet<String> unknown = new TreeSet<>(states.keySet());
            unknown.removeAll(byPath.keySet());
            throw new IllegalArgumentException("the training state's random streams do not match the model's dropout"
                    + " layers: " + (missing.isEmpty() ? "" : "missing " + missing)
                    + (missing.isEmpty() || unknown.isEmpty() ? "" : ", ")
                    + (unknown.isEmpty() ? "" : "no dropout layer at " + unknown));
        }
        states.forEach((path, state) -> byPath.get(path).rng().setState(state));
    }

    void copyTo(long[] out) {
        for (int i = 0; i < dropouts.size(); i++) {
            out[i] = dropouts.get(i).rng().state();
        }
    }

    void copyFrom(long[] in) {
        for (int i = 0; i < dropouts.size(); i++) {
            dropouts.get(i).rng().setState(in[i]);
        }
    }

    int size() {
        return dropouts.size();
    }
}
