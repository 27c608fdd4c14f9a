package conv4j.nn;

import conv4j.autograd.Variable;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;

/**
 * A learned parameter: its value and gradient (through a leaf {@link Variable}) and how strongly the L1 and L2
 * penalties apply to it. Layers set the multipliers: weights 1, biases and normalisation parameters 0, so that by
 * default only weights are decayed. The same view serves the optimizer, the checkpoint writer and the summary.
 */
public final class Param {
    private final Variable variable;
    private double l1Multiplier;
    private double l2Multiplier;

    public Param(Tensor value, double penaltyMultiplier) {
        this.variable = Variable.parameter(value);
        setPenaltyMultipliers(penaltyMultiplier, penaltyMultiplier);
    }

    public Variable variable() {
        return variable;
    }

    public Tensor value() {
        return variable.value();
    }

    /** The accumulated gradient, or null before the first backward pass that reached it. */
    public Tensor grad() {
        return variable.grad();
    }

    public Shape shape() {
        return variable.shape();
    }

    public int size() {
        return variable.value().size();
    }

    public double l1Multiplier() {
        return l1Multiplier;
    }

    public double l2Multiplier() {
        return l2Multiplier;
    }

    public void setPenaltyMultipliers(double l1, double l2) {
        if (!(l1 >= 0) || !(l2 >= 0)) {
            throw new IllegalArgumentException("penalty multipliers must be >= 0, received l1=" + l1 + ", l2=" + l2);
        }
        this.l1Multiplier = l1;
        this.l2Multiplier = l2;
    }

    public void zeroGrad() {
        variable.zeroGrad();
    }
}
