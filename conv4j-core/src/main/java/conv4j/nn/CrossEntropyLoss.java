package conv4j.nn;

import conv4j.autograd.LossOps;
import conv4j.autograd.Variable;

/** Softmax cross-entropy over N x classes scores and integer labels, averaged over the batch. */
public final class CrossEntropyLoss {
    public Variable forward(Variable scores, int[] labels) {
        return LossOps.crossEntropy(scores, labels);
    }
}
