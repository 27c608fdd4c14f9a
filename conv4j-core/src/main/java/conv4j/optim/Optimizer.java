package conv4j.optim;

import conv4j.kernels.Parallel;
import conv4j.nn.Param;
import conv4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates a fixed list of parameters in place from their gradients, as PyTorch's optimizers do:
 * {@code zeroGrad(); loss.backward(); step();}. A parameter whose gradient is null (no backward pass reached it) is
 * skipped and its state left alone. The learning rate is the only setting that changes during training; a trainer
 * drives it from an {@link LrSchedule}.
 *
 * <p>Per-parameter buffers (momentum, moment estimates) are allocated on a parameter's first step and reused after,
 * so a warm step allocates nothing.
 */
public abstract sealed class Optimizer permits Sgd, AdamFamily {
    private final Param[] params;
    private final IdentityHashMap<Param, Integer> indexOf = new IdentityHashMap<>();
    /** Where each parameter's elements start when all are laid end to end, for splitting a step over the pool. */
    private final int[] offsets;
    private final int totalSize;
    private final long[] paramSteps;
    private final String[] bufferNames;
    private final float[][][] buffers; // [buffer][parameter], null until that parameter's first step
    private final Penalty penalty;
    private double learningRate;
    private long steps;

    Optimizer(List<Param> params, double learningRate, Penalty penalty, String... bufferNames) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " received an empty parameter list");
        }
        this.params = params.toArray(new Param[0]);
        for (int i = 0; i < this.params.length; i++) {
            if (this.params[i] == null) {
                throw new IllegalArgumentException("parameter #" + i + " is null");
            }
            Integer previous = indexOf.put(this.params[i], i);
            if (previous != null) {
                // It would be updated twice per step.
                throw new IllegalArgumentException("parameter #" + i + " (shape " + this.params[i].shape()
                        + ") is the same object as parameter #" + previous);
            }
        }
        this.learningRate = Check.positive("learning rate", learningRate);
        if (penalty == null) {
            throw new IllegalArgumentException("penalty must not be null; use Penalty.none()");
        }
        this.penalty = penalty;
        this.offsets = new int[this.params.length];
        long total = 0;
        for (int i = 0; i < this.params.length; i++) {
            offsets[i] = (int) total;
            total += this.params[i].size();
            if (total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": the parameters hold more than "
                        + Integer.MAX_VALUE + " values in all");
            }
        }
        this.totalSize = (int) total;
        this.paramSteps = new long[this.params.length];
        this.bufferNames = bufferNames.clone();
        this.buffers = new float[bufferNames.length][this.params.length][];
    }

    /**
     * One update of every parameter that has a gradient. The step is memory-bound (a ResNet-18 reads and writes
     * about 130 MB of weights, gradients and momentum), so the elements of all parameters, end to end, are split over
     * the pool; each element's update touches that element alone, so the split cannot change a bit.
     */
    public final void step() {
        double lr = learningRate;
        for (int i = 0; i < params.length; i++) {
            if (params[i].grad() != null) {
                paramSteps[i]++;
                if (bufferNames.length > 0 && buffers[0][i] == null) {
                    for (int b = 0; b < bufferNames.length; b++) {
                        allocateBuffer(b, i);
                    }
                }
            }
        }
        if (totalSize <= STEP_GRAIN) {
            updateRange(0, totalSize, lr); // one chunk: no pool, and no lambda to allocate
        } else {
            Parallel.forRange(totalSize, STEP_GRAIN, (chunk, start, end) -> updateRange(start, end, lr));
        }
        steps++;
    }

    /** Elements {@code [start, end)} of the parameters laid end to end. */
    private void updateRange(int start, int end, double lr) {
        for (int i = firstOverlapping(start); i < params.length && offsets[i] < end; i++) {
            Param p = params[i];
            Tensor grad = p.grad();
            if (grad != null) {
                int from = Math.max(start, offsets[i]) - offsets[i];
                int to = Math.min(end, offsets[i] + p.size()) - offsets[i];
                update(i, p, p.value().data(), grad.data(), lr, paramSteps[i], from, to);
            }
        }
    }

    /** Elements per chunk of a step: below this a second thread does not pay for waking it. */
    private static final int STEP_GRAIN = 1 << 16;

    /** The first parameter whose elements reach past {@code start} in the end-to-end order. */
    private int firstOverlapping(int start) {
        int i = Arrays.binarySearch(offsets, start);
        i = i >= 0 ? i : -i - 2;
        // Empty parameters share their offset with the next one; step back over them to the first.
        while (i > 0 && offsets[i - 1] == offsets[i]) {
            i--;
        }
        return Math.max(i, 0);
    }

    /**
     * Updates elements {@code [from, to)} of parameter {@code index} in place, its buffers already allocated;
     * {@code paramStep} counts its updates, this one included (from 1). Called concurrently for disjoint ranges.
     */
    abstract void update(int index, Param param, float[] w, float[] grad, double lr, long paramStep, int from,
                         int to);

    /**
     * Sets every gradient to zero, keeping the arrays. Filling them is memory-bound too (44 MB for a ResNet-18), so
     * the parameters are split over the pool, each zeroed whole by the chunk its first element falls in.
     */
    public final void zeroGrad() {
        if (totalSize <= STEP_GRAIN) {
            for (Param p : params) {
                p.zeroGrad();
            }
            return;
        }
        Parallel.forRange(totalSize, STEP_GRAIN, (chunk, start, end) -> {
            for (int i = firstOverlapping(start); i < params.length && offsets[i] < end; i++) {
                if (offsets[i] >= start) {
                    params[i].zeroGrad();
                }
            }
        });
    }

    public final double learningRate() {
        return learningRate;
    }

    public final void setLearningRate(double learningRate) {
        this.learningRate = Check.positive("learning rate", learningRate);
    }

    /** The number of {@code step()} calls so far. */
    public final long steps() {
        return steps;
    }

    public final Penalty penalty() {
        return penalty;
    }

    /** The value of the L1/L2 penalty over this optimizer's parameters, to add to the data loss when reporting. */
    public final double penaltyValue() {
        return penalty.value(parameters());
    }

    public final List<Param> parameters() {
        return Collections.unmodifiableList(Arrays.asList(params));
    }

    final String penaltyText() {
        return (penalty.weightDecay() == 0 ? "" : ", weightDecay=" + penalty.weightDecay())
                + (penalty.l1() == 0 ? "" : ", l1=" + penalty.l1());
    }

    /** Buffer {@code buffer} of parameter {@code index}, or null before that parameter's first step. */
    final float[] buffer(int buffer, int index) {
        return buffers[buffer][index];
    }

    final float[] allocateBuffer(int buffer, int index) {
        float[] b = new float[params[index].size()];
        buffers[buffer][index] = b;
        return b;
    }

    /**
     * A copy of the state, keyed by the names {@code named} gives the parameters (a model's
     * {@code namedParameters()}); every parameter of this optimizer must have a name there.
     */
    public final OptimizerState state(Map<String, Param> named) {
        String[] names = namesOf(named);
        Map<String, Long> stepsOut = new LinkedHashMap<>();
        Map<String, Tensor> buffersOut = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i++) {
            String name = names[i];
            if (paramSteps[i] == 0) {
                continue;
            }
            stepsOut.put(name, paramSteps[i]);
            for (int b = 0; b < bufferNames.length; b++) {
                buffersOut.put(name + "." + bufferNames[b], new Tensor(params[i].shape(), buffers[b][i].clone()));
            }
        }
        return new OptimizerState(steps, learningRate, stepsOut, buffersOut);
    }

    /**
     * Restores a state saved by {@link #state} on an optimizer of the same kind and settings, with {@code named}
     * naming this optimizer's parameters. Everything is checked before anything changes: unknown names, buffers this
     * optimizer does not keep, wrong shapes and missing buffers of a parameter that has taken steps are refused.
     */
    public final void loadState(Map<String, Param> named, OptimizerState state) {
        String[] names = namesOf(named);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            index.put(names[i], i);
        }
        long[] newSteps = new long[params.length];
        for (Map.Entry<String, Long> e : state.paramSteps().entrySet()) {
            newSteps[lookup(index, e.getKey(), e.getKey())] = e.getValue();
        }
        float[][][] newBuffers = new float[bufferNames.length][params.length][];
        List<String> kinds = List.of(bufferNames);
        for (Map.Entry<String, Tensor> e : state.buffers().entrySet()) {
            String key = e.getKey();
            int dot = key.lastIndexOf('.');
            int kind = dot < 0 ? -1 : kinds.indexOf(key.substring(dot + 1));
            if (kind < 0) {
                throw new IllegalArgumentException("state entry '" + key + "' is not a buffer this "
                        + getClass().getSimpleName() + " keeps (it keeps " + kinds + ")");
            }
            int i = lookup(index, key.substring(0, dot), key);
            if (!e.getValue().shape().equals(params[i].shape())) {
                throw new IllegalArgumentException("state entry '" + key + "' has shape " + e.getValue().shape()
                        + ", the parameter has shape " + params[i].shape());
            }
            newBuffers[kind][i] = e.getValue().data().clone();
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            for (int b = 0; b < bufferNames.length; b++) {
                if ((newSteps[i] > 0) != (newBuffers[b][i] != null)) {
                    problems.add(names[i] + "." + bufferNames[b]
                            + (newSteps[i] > 0 ? " missing" : " present without a step"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("inconsistent optimizer state: " + problems);
        }
        System.arraycopy(newSteps, 0, paramSteps, 0, params.length);
        for (int b = 0; b < bufferNames.length; b++) {
            System.arraycopy(newBuffers[b], 0, buffers[b], 0, params.length);
        }
        steps = state.steps();
        learningRate = state.learningRate();
    }

    /** The first name {@code named} gives each parameter of this optimizer; every one must have a name. */
    private String[] namesOf(Map<String, Param> named) {
        String[] names = new String[params.length];
        for (Map.Entry<String, Param> e : named.entrySet()) {
            Integer i = indexOf.get(e.getValue());
            if (i != null && names[i] == null) {
                names[i] = e.getKey();
            }
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i] == null) {
                throw new IllegalArgumentException("parameter #" + i + " (shape " + params[i].shape()
                        + ") of this " + getClass().getSimpleName() + " has no name in the given map");
            }
        }
        return names;
    }

    private int lookup(Map<String, Integer> index, String name, String entry) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("state entry '" + entry + "' names no parameter of this "
                    + getClass().getSimpleName());
        }
        return i;
    }
}
