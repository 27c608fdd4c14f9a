package conv4j.train;

import conv4j.autograd.Grad;
import conv4j.autograd.Variable;
import conv4j.nn.Module;
import conv4j.nn.Param;
import conv4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stops training within one step when the loss, a layer's output or a gradient becomes NaN or infinite, and names
 * the first layer where it happened. Every step it checks the loss (one value) and the gradients (one pass over the
 * parameters, before the optimizer may apply them). Only when one of them is bad does it run the batch again with a
 * forward hook on every module, from the same weights, buffers and dropout streams, so the outputs are the same bits:
 * the first module to finish with a non-finite output is the culprit; if every output is finite, the culprit is the
 * first bad gradient in backward order (the layers in reverse order of their forward pass). The bad step is never
 * applied: buffers, batch counts and dropout streams go back to their values before it.
 *
 * <p>{@link Checks#EVERY_OUTPUT} also scans each module's output during every training step, which catches a NaN
 * that a later layer hides (a max that skips it) at the cost of one more read of every activation.
 */
public final class DivergenceGuard {

    /** How much the guard looks at each step. */
    public enum Checks {
        /** No checks: a NaN is trained on. */
        OFF,
        /** The loss and the gradients every step; the outputs only to explain a bad one. The default. */
        LOSS_AND_GRADIENTS,
        /** Also every module's output, every step. */
        EVERY_OUTPUT
    }

    private final Module model;
    private final Checks checks;
    private final List<Module> modules;
    private final Param[] params;
    private final StepRollback rollback;
    private boolean watching;
    private Module badModule;
    private boolean badIsNaN;

    DivergenceGuard(Module model, Checks checks, RandomStreams streams) {
        this.model = model;
        this.checks = checks;
        this.modules = model.modules();
        this.params = model.parameters().toArray(new Param[0]);
        this.rollback = new StepRollback(model, streams);
    }

    /** With {@link Checks#EVERY_OUTPUT}, hooks every module until the handle is closed; otherwise does nothing. */
    Module.HookHandle attach() {
        if (checks != Checks.EVERY_OUTPUT) {
            return () -> { };
        }
        List<Module.HookHandle> handles = new ArrayList<>();
        Module.ForwardHook hook = (module, output) -> {
            if (watching && badModule == null) {
                int i = firstNonFinite(output.value().data());
                if (i >= 0) {
                    badModule = module;
                    badIsNaN = Float.isNaN(output.value().data()[i]);
                }
            }
        };
        for (Module m : modules) {
            handles.add(m.addForwardHook(hook));
        }
        return () -> handles.forEach(Module.HookHandle::close);
    }

    /** Before the forward pass of a training step. */
    void beforeStep() {
        rollback.save();
        badModule = null;
        watching = true;
    }

    /** After the forward pass: true when the step must be explained rather than applied. */
    boolean suspect(float loss) {
        watching = false;
        return !Float.isFinite(loss) || badModule != null;
    }

    /** After backward: whether every gradient is finite. */
    boolean gradientsFinite() {
        for (Param p : params) {
            Tensor g = p.grad();
            if (g != null && firstNonFinite(g.data()) >= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Finds where step {@code step} (epoch, batch from 0) went bad, and leaves buffers and random streams as they
     * were before it. Call with the model in the mode of the step and its weights not yet updated.
     */
    Divergence diagnose(Tensor inputs, float loss, long step, int epoch, int batch) {
        rollback.restore();
        List<Module> finished = new ArrayList<>();
        if (badModule == null) {
            // Same weights, buffers and streams as the failed pass: the same outputs, now observed layer by layer.
            List<Module.HookHandle> handles = new ArrayList<>();
            Module.ForwardHook hook = (module, output) -> {
                finished.add(module);
                if (badModule == null) {
                    int i = firstNonFinite(output.value().data());
                    if (i >= 0) {
                        badModule = module;
                        badIsNaN = Float.isNaN(output.value().data()[i]);
                    }
                }
            };
            for (Module m : modules) {
                handles.add(m.addForwardHook(hook));
            }
            try (Grad.Scope ignored = Grad.disabled()) {
                model.call(Variable.of(inputs));
            } finally {
                handles.forEach(Module.HookHandle::close);
                rollback.restore();
            }
        }
        if (badModule != null) {
            return new Divergence(step, epoch, batch, Divergence.Source.OUTPUT, badModule.label(), badModule.path(),
                    null, badIsNaN);
        }
        if (!Float.isFinite(loss)) {
            return new Divergence(step, epoch, batch, Divergence.Source.LOSS, null, null, null, Float.isNaN(loss));
        }
        return firstBadGradient(finished, step, epoch, batch);
    }

    /** Backward order: modules in reverse order of finishing their forward pass, then any the pass did not reach. */
    private Divergence firstBadGradient(List<Module> finished, long step, int epoch, int batch) {
        List<Module> order = new ArrayList<>();
        Set<Module> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = finished.size() - 1; i >= 0; i--) {
            if (seen.add(finished.get(i))) {
                order.add(finished.get(i));
            }
        }
        for (int i = modules.size() - 1; i >= 0; i--) {
            if (seen.add(modules.get(i))) {
                order.add(modules.get(i));
            }
        }
        for (Module m : order) {
            for (Map.Entry<String, Param> e : m.localParameters().entrySet()) {
                Tensor g = e.getValue().grad();
                int i = g == null ? -1 : firstNonFinite(g.data());
                if (i >= 0) {
                    return new Divergence(step, epoch, batch, Divergence.Source.GRADIENT, m.label(), m.path(),
                            e.getKey(), Float.isNaN(g.data()[i]));
                }
            }
        }
        throw new IllegalStateException("a gradient was non-finite but none is now; was it changed concurrently?");
    }

    /** The index of the first NaN or infinity, or -1. */
    static int firstNonFinite(float[] a) {
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i])) {
                return i;
            }
        }
        return -1;
    }
}
