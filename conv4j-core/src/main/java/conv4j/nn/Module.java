package conv4j.nn;

import conv4j.autograd.Grad;
import conv4j.autograd.Variable;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A layer or a network of layers. It owns named children, parameters and buffers, whose dotted paths are PyTorch's
 * state_dict names ({@code features.0.weight}); it is in training or evaluation mode; and it knows its output shape
 * for an input shape without computing anything, so a model is checked before any data runs through it.
 */
public abstract class Module {
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final Map<String, Param> params = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final List<ForwardHook> hooks = new CopyOnWriteArrayList<>();
    private String path = "";
    private boolean training = true;

    /** Runs the layer on a batch (N first). Containers run their children through {@link #call}. */
    public abstract Variable forward(Variable input);

    /** Observes a module's output as it is computed: for feature-map pictures and for finding the first bad layer. */
    @FunctionalInterface
    public interface ForwardHook {
        void onOutput(Module module, Variable output);
    }

    /**
     * {@link #forward}, then this module's hooks. Containers call their children this way, so a hook on any layer
     * sees its output however deep it sits.
     */
    public final Variable call(Variable input) {
        Variable out = forward(input);
        for (ForwardHook h : hooks) {
            h.onOutput(this, out);
        }
        return out;
    }

    /** Adds a hook to this module; the returned handle removes it. */
    public HookHandle addForwardHook(ForwardHook hook) {
        hooks.add(hook);
        return () -> hooks.remove(hook);
    }

    /** True while a hook watches this module's output: then no later layer may overwrite that output in place. */
    boolean observed() {
        return !hooks.isEmpty();
    }

    /** Removes a hook when closed, for try-with-resources. */
    @FunctionalInterface
    public interface HookHandle extends AutoCloseable {
        @Override
        void close();
    }

    /** This module and all its descendants, parents before children, in registration order. */
    public List<Module> modules() {
        List<Module> out = new ArrayList<>();
        collectModules(out);
        return out;
    }

    private void collectModules(List<Module> out) {
        out.add(this);
        for (Module c : children.values()) {
            c.collectModules(out);
        }
    }

    /**
     * The output shape for an input shape, batch dimension included, or an {@link IllegalArgumentException} naming
     * this layer, what it expected and what it received.
     */
    public abstract Shape outputShape(Shape input);

    /** Inference on a batch: no graph is recorded. */
    public Tensor predict(Tensor input) {
        try (Grad.Scope ignored = Grad.disabled()) {
            return call(Variable.of(input)).value();
        }
    }

    /** Multiply-adds of one forward pass for this input shape (batch included). */
    public long multiplyAdds(Shape input) {
        return 0;
    }

    /** The window this layer slides over its input, for receptive fields; identity for pointwise layers. */
    public Window window() {
        return Window.IDENTITY;
    }

    /** A one-line description with the layer's settings, e.g. {@code Conv2d(1, 6, kernel 5x5, padding 2)}. */
    public String describe() {
        return typeName();
    }

    public String typeName() {
        return getClass().getSimpleName();
    }

    /** The dotted path of this module in its model ("features.3"), empty for the model itself. */
    public String path() {
        return path;
    }

    /** How errors name this layer: {@code Conv2d 'features.3'}, or just the type for a model's root. */
    public String label() {
        return path.isEmpty() ? typeName() : typeName() + " '" + path + "'";
    }

    protected IllegalArgumentException inputError(String expected, Shape received) {
        return new IllegalArgumentException(label() + ": expected " + expected + ", received " + received);
    }

    protected <M extends Module> M addChild(String name, M child) {
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(label() + ": child name must be non-empty without dots, received '"
                    + name + "'");
        }
        if (children.containsKey(name) || params.containsKey(name) || buffers.containsKey(name)) {
            throw new IllegalArgumentException(label() + " already has a member named '" + name + "'");
        }
        children.put(name, child);
        ((Module) child).setPath(path.isEmpty() ? name : path + "." + name);
        return child;
    }

    protected Param addParam(String name, Tensor value, double penaltyMultiplier) {
        if (children.containsKey(name) || params.containsKey(name) || buffers.containsKey(name)) {
            throw new IllegalArgumentException(label() + " already has a member named '" + name + "'");
        }
        Param p = new Param(value, penaltyMultiplier);
        params.put(name, p);
        return p;
    }

    protected Tensor addBuffer(String name, Tensor value) {
        if (children.containsKey(name) || params.containsKey(name) || buffers.containsKey(name)) {
            throw new IllegalArgumentException(label() + " already has a member named '" + name + "'");
        }
        buffers.put(name, value);
        return value;
    }

    private void setPath(String newPath) {
        path = newPath;
        for (Map.Entry<String, Module> e : children.entrySet()) {
            e.getValue().setPath(newPath.isEmpty() ? e.getKey() : newPath + "." + e.getKey());
        }
    }

    public Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** This module's own parameters, by local name ("weight", "bias"). */
    public Map<String, Param> localParameters() {
        return Collections.unmodifiableMap(params);
    }

    /** This module's own buffers, by local name ("running_mean"). */
    public Map<String, Tensor> localBuffers() {
        return Collections.unmodifiableMap(buffers);
    }

    /** Every parameter of this module and its descendants, by state_dict name relative to this module. */
    public Map<String, Param> namedParameters() {
        Map<String, Param> out = new LinkedHashMap<>();
        collectParameters("", out);
        return out;
    }

    private void collectParameters(String prefix, Map<String, Param> out) {
        params.forEach((n, p) -> out.put(prefix + n, p));
        children.forEach((n, c) -> c.collectParameters(prefix + n + ".", out));
    }

    public List<Param> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /**
     * Parameters and buffers by state_dict name, in PyTorch's order (each module's parameters, then its buffers, then
     * its children). The tensors are the live ones, not copies.
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectState("", out);
        return out;
    }

    private void collectState(String prefix, Map<String, Tensor> out) {
        params.forEach((n, p) -> out.put(prefix + n, p.value()));
        buffers.forEach((n, b) -> out.put(prefix + n, b));
        children.forEach((n, c) -> c.collectState(prefix + n + ".", out));
    }

    public long parameterCount() {
        long n = 0;
        for (Param p : parameters()) {
            n += p.size();
        }
        return n;
    }

    public void zeroGrad() {
        for (Param p : parameters()) {
            p.zeroGrad();
        }
    }

    public boolean isTraining() {
        return training;
    }

    /** Training mode for this module and all its descendants (dropout active, batch statistics in BatchNorm). */
    public Module train() {
        return setTraining(true);
    }

    /** Evaluation mode for this module and all its descendants. */
    public Module eval() {
        return setTraining(false);
    }

    public Module setTraining(boolean on) {
        training = on;
        for (Module c : children.values()) {
            c.setTraining(on);
        }
        return this;
    }

    @Override
    public String toString() {
        return path.isEmpty() ? describe() : path + ": " + describe();
    }
}
