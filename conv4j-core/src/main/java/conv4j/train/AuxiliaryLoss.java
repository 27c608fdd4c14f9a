package conv4j.train;

import conv4j.autograd.Ops;
import conv4j.autograd.Variable;
import conv4j.nn.SequentialWithAux;
import java.util.Objects;

/**
 * A loss for a network with auxiliary classifiers: the loss of the main scores plus {@code weight} times the same
 * loss of each auxiliary classifier's scores from the same forward pass (GoogLeNet: loss + 0.3 (aux1 + aux2)). In
 * evaluation mode the auxiliary classifiers do not run, so this is the main loss alone.
 */
public final class AuxiliaryLoss implements LossFunction {
    /** The discount weight of the GoogLeNet paper. */
    public static final double GOOGLENET_WEIGHT = 0.3;

    private final SequentialWithAux model;
    private final LossFunction loss;
    private final float weight;

    public AuxiliaryLoss(SequentialWithAux model, LossFunction loss, double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("the weight of the auxiliary losses must be finite and >= 0, received "
                    + weight);
        }
        this.model = Objects.requireNonNull(model, "model");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.weight = (float) weight;
    }

    /** Cross-entropy on the main scores plus 0.3 times cross-entropy on each auxiliary classifier's. */
    public static AuxiliaryLoss googLeNet(SequentialWithAux model) {
        return new AuxiliaryLoss(model, LossFunction.crossEntropy(), GOOGLENET_WEIGHT);
    }

    public double weight() {
        return weight;
    }

    @Override
    public Variable forward(Variable scores, int[] labels) {
        Variable total = loss.forward(scores, labels);
        for (Variable aux : model.auxOutputs(scores)) {
            total = Ops.add(total, Ops.scale(loss.forward(aux, labels), weight));
        }
        return total;
    }
}
