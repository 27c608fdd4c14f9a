package conv4j.train;

import conv4j.autograd.LossOps;
import conv4j.autograd.Variable;

/** A classification loss over N x classes scores and N labels, reduced to one value (the batch mean). */
@FunctionalInterface
public interface LossFunction {

    Variable forward(Variable scores, int[] labels);

    /** Softmax cross-entropy, the softmax fused in: the model outputs raw scores (logits). */
    static LossFunction crossEntropy() {
        return LossOps::crossEntropy;
    }
}
