package conv4j.nn;

import conv4j.autograd.Variable;
import conv4j.tensor.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layers applied one after another, as in {@link Sequential}, with auxiliary classifiers branching off after named
 * layers: GoogLeNet's aux1 and aux2. Forward returns the main path's output; in training mode it also runs each
 * auxiliary classifier on the output of the layer it follows, and keeps those scores for the loss
 * ({@link #auxOutputs}), which adds them with a discount weight (the paper's 0.3). In evaluation mode the auxiliary
 * classifiers do not run. Children keep the order in which they were added, so the state_dict order can be
 * torchvision's (aux1 and aux2 after inception5b).
 */
public final class SequentialWithAux extends Module {
    private final Map<String, Module> mainPath = new LinkedHashMap<>();
    private final Map<String, Module> aux = new LinkedHashMap<>();
    private final Map<String, String> auxAfter = new LinkedHashMap<>();
    private Variable lastOutput;
    private List<Variable> lastAuxOutputs = List.of();

    /** Appends a layer to the main path. */
    public SequentialWithAux add(String name, Module layer) {
        mainPath.put(name, addChild(name, layer));
        return this;
    }

    /** Adds an auxiliary classifier that reads the output of the main-path layer {@code after}, added before. */
    public SequentialWithAux addAux(String name, String after, Module classifier) {
        if (!mainPath.containsKey(after)) {
            throw new IllegalArgumentException(label() + ": auxiliary classifier '" + name + "' follows '" + after
                    + "', which is not a layer of the main path " + mainPath.keySet());
        }
        aux.put(name, addChild(name, classifier));
        auxAfter.put(name, after);
        return this;
    }

    /** The main path's layers by name, in order. */
    public Map<String, Module> mainPath() {
        return Collections.unmodifiableMap(mainPath);
    }

    /** The auxiliary classifiers by name, in the order they were added. */
    public Map<String, Module> auxClassifiers() {
        return Collections.unmodifiableMap(aux);
    }

    /** The main-path layer whose output an auxiliary classifier reads. */
    public String auxAfter(String auxName) {
        String after = auxAfter.get(auxName);
        if (after == null) {
            throw new IllegalArgumentException(label() + " has no auxiliary classifier '" + auxName + "'; it has "
                    + aux.keySet());
        }
        return after;
    }

    /**
     * The auxiliary scores of the forward pass that returned {@code output}, in the order the classifiers were
     * added; empty if that pass ran in evaluation mode, or if {@code output} is not this module's latest output.
     */
    public List<Variable> auxOutputs(Variable output) {
        return output != null && output == lastOutput ? lastAuxOutputs : List.of();
    }

    @Override
    public Variable forward(Variable input) {
        lastOutput = null;
        lastAuxOutputs = List.of();
        List<Variable> auxOutputs = new ArrayList<>();
        Variable x = input;
        for (Map.Entry<String, Module> e : mainPath.entrySet()) {
            x = e.getValue().call(x);
            if (isTraining()) {
                for (Map.Entry<String, Module> a : aux.entrySet()) {
                    if (auxAfter.get(a.getKey()).equals(e.getKey())) {
                        auxOutputs.add(a.getValue().call(x));
                    }
                }
            }
        }
        lastOutput = x;
        lastAuxOutputs = List.copyOf(auxOutputs);
        return x;
    }

    /** The main path's output shape; each auxiliary classifier is checked on the map it reads, as training runs it. */
    @Override
    public Shape outputShape(Shape input) {
        Shape s = input;
        for (Map.Entry<String, Module> e : mainPath.entrySet()) {
            s = e.getValue().outputShape(s);
            for (Map.Entry<String, Module> a : aux.entrySet()) {
                if (auxAfter.get(a.getKey()).equals(e.getKey())) {
                    a.getValue().outputShape(s);
                }
            }
        }
        return s;
    }

    /** The main path's, the inference cost; the auxiliary classifiers run in training only. */
    @Override
    public long multiplyAdds(Shape input) {
        long total = 0;
        Shape s = input;
        for (Module m : mainPath.values()) {
            total += m.multiplyAdds(s);
            s = m.outputShape(s);
        }
        return total;
    }

    @Override
    public Window window() {
        Window w = Window.IDENTITY;
        for (Module m : mainPath.values()) {
            w = w.then(m.window());
        }
        return w;
    }

    @Override
    public String describe() {
        List<String> heads = new ArrayList<>();
        auxAfter.forEach((name, after) -> heads.add(name + " after " + after));
        return "SequentialWithAux(" + (heads.isEmpty() ? "no auxiliary classifiers" : String.join(", ", heads)) + ")";
    }
}
