package conv4j.autograd;

import conv4j.kernels.Elementwise;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A tensor in the define-by-run graph: its value, its gradient once {@link #backward()} has run, and, for the result
 * of an op, the op's inputs and backward rule. Leaves are created by {@link #of}/{@link #parameter}; everything else
 * by the ops in this package.
 */
public final class Variable {
    private static final Variable[] NO_INPUTS = new Variable[0];

    private final Tensor value;
    private final boolean requiresGrad;
    private final String op;
    private final Variable[] inputs;
    private BackwardRule rule;
    private Tensor grad;
    /** True from zeroGrad until something is added: the array holds zeros that no rule has touched. */
    private boolean gradIsZero;
    private boolean retainGrad;

    private Variable(Tensor value, boolean requiresGrad, String op, Variable[] inputs) {
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.op = op;
        this.inputs = inputs;
    }

    /** A leaf that needs no gradient: input data, targets. */
    public static Variable of(Tensor value) {
        return new Variable(value, false, "input", NO_INPUTS);
    }

    /** A leaf whose gradient is wanted: a learned parameter. Its gradient accumulates until {@link #zeroGrad()}. */
    public static Variable parameter(Tensor value) {
        return new Variable(value, true, "parameter", NO_INPUTS);
    }

    /**
     * True when an op on these inputs will be recorded: gradients are enabled and some input needs one. Ops ask first
     * so that inference skips saving what only backward uses (argmax indices, masks).
     */
    public static boolean recording(Variable... inputs) {
        if (!Grad.isEnabled()) {
            return false;
        }
        for (Variable in : inputs) {
            if (in.requiresGrad) {
                return true;
            }
        }
        return false;
    }

    /** The result of an op; its rule is kept only when {@link #recording} the inputs. */
    public static Variable result(String op, Tensor value, Variable[] inputs, BackwardRule rule) {
        if (!recording(inputs)) {
            return new Variable(value, false, op, NO_INPUTS);
        }
        Variable v = new Variable(value, true, op, inputs.clone());
        v.rule = rule;
        return v;
    }

    public Tensor value() {
        return value;
    }

    public Shape shape() {
        return value.shape();
    }

    /** The gradient of the last backward pass, or null if none reached this variable. */
    public Tensor grad() {
        return grad;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** The name of the op that produced this variable ("conv2d", "relu", ...), or "input"/"parameter" for leaves. */
    public String op() {
        return op;
    }

    public boolean isLeaf() {
        return rule == null;
    }

    /** Keeps this intermediate result's gradient after backward (leaves always keep theirs). */
    public Variable retainGrad() {
        retainGrad = true;
        return this;
    }

    /** Sets the gradient to zero, keeping its array. */
    public void zeroGrad() {
        if (grad != null) {
            grad.fill(0f);
            gradIsZero = true;
        }
    }

    /**
     * The gradient's array, for a backward rule to write its gradient into instead of adding it, when nothing has
     * been added since {@link #zeroGrad} (so adding would copy the rule's result); null otherwise, and then the rule
     * adds as usual. The rule must write every element: the gradient counts as set from here on. A convolution's
     * weight gradient this way needs neither an array of its own nor a pass to add it.
     */
    public Tensor gradToOverwrite() {
        if (!requiresGrad || grad == null || !gradIsZero) {
            return null;
        }
        gradIsZero = false;
        return grad;
    }

    /** Adds {@code g} to the gradient; {@code g} is copied, so the caller may keep using it. */
    public void addGrad(Tensor g) {
        if (!requiresGrad) {
            return;
        }
        checkGradShape(g);
        gradIsZero = false;
        if (grad == null) {
            grad = g.copy();
        } else {
            Elementwise.accumulate(grad.data(), g.data());
        }
    }

    /** Adds {@code g} to the gradient, taking ownership of it: nothing else may hold or write {@code g} afterwards. */
    public void addOwnedGrad(Tensor g) {
        if (!requiresGrad) {
            return;
        }
        checkGradShape(g);
        gradIsZero = false;
        if (grad == null) {
            grad = g;
        } else {
            Elementwise.accumulate(grad.data(), g.data());
        }
    }

    private void checkGradShape(Tensor g) {
        if (!g.shape().equals(value.shape())) {
            throw new IllegalStateException("gradient of shape " + g.shape() + " for a " + op + " result of shape "
                    + value.shape());
        }
    }

    /** Backpropagates from this scalar (one-element) result, seeding its gradient with 1. */
    public void backward() {
        if (value.size() != 1) {
            throw new IllegalStateException("backward() without a seed needs a one-element result; this " + op
                    + " result has shape " + value.shape());
        }
        backward(Tensor.full(value.shape(), 1f));
    }

    /** Backpropagates from this result with the given output gradient. */
    public void backward(Tensor seed) {
        if (!requiresGrad) {
            throw new IllegalStateException("this " + op + " result does not require a gradient: no input of the"
                    + " graph is a parameter, or it was computed with gradients disabled");
        }
        addGrad(seed);
        for (Variable v : reverseTopologicalOrder()) {
            if (v.rule == null || v.grad == null) {
                continue;
            }
            // Intermediate gradients are not needed once passed on, so a rule may take the array over.
            boolean disposable = v != this && !v.retainGrad;
            if (disposable && v.rule instanceof ConsumingRule consuming) {
                consuming.backwardConsuming(v.grad);
            } else {
                v.rule.backward(v.grad);
            }
            if (disposable) {
                v.grad = null;
            }
        }
    }

    /** Every variable reachable from this one, each after all of its consumers. */
    List<Variable> reverseTopologicalOrder() {
        List<Variable> order = new ArrayList<>();
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        // Iterative depth-first post-order: deep networks would overflow the stack with recursion.
        ArrayDeque<Variable> stack = new ArrayDeque<>();
        ArrayDeque<Integer> nextInput = new ArrayDeque<>();
        stack.push(this);
        nextInput.push(0);
        seen.add(this);
        while (!stack.isEmpty()) {
            Variable v = stack.peek();
            int i = nextInput.pop();
            if (i < v.inputs.length) {
                nextInput.push(i + 1);
                Variable in = v.inputs[i];
                if (in.requiresGrad && seen.add(in)) {
                    stack.push(in);
                    nextInput.push(0);
                }
            } else {
                stack.pop();
                order.add(v);
            }
        }
        Collections.reverse(order);
        return order;
    }

    @Override
    public String toString() {
        return "Variable(" + op + ", " + value.shape() + (requiresGrad ? ", requires grad" : "") + ")";
    }
}
