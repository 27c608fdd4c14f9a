package conv4j.autograd;

import conv4j.kernels.LossKernel;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;

/** Losses as one-element results, averaged over the batch. */
public final class LossOps {
    private LossOps() {
    }

    /**
     * Softmax cross-entropy: the mean over the batch of -log softmax(logits)[label], fused so that the gradient is
     * simply (softmax - onehot) / N.
     */
    public static Variable crossEntropy(Variable logits, int[] labels) {
        Shape s = ActivationOps.requireMatrix("crossEntropy", logits);
        int n = s.dim(0);
        int classes = s.dim(1);
        if (labels.length != n) {
            throw new IllegalArgumentException("crossEntropy: " + n + " rows of logits but " + labels.length
                    + " labels");
        }
        int[] savedLabels = labels.clone();
        Tensor probabilities = Tensor.zeros(s);
        float loss = LossKernel.softmaxCrossEntropy(n, classes, logits.value().data(), savedLabels,
                probabilities.data());
        return Variable.result("crossEntropy", Tensor.scalar(loss), new Variable[] {logits}, g -> {
            Tensor dx = Tensor.zeros(s);
            LossKernel.softmaxCrossEntropyBackward(n, classes, probabilities.data(), savedLabels, g.item(),
                    dx.data());
            logits.addOwnedGrad(dx);
        });
    }

    /** Mean squared error over all elements. */
    public static Variable mse(Variable prediction, Tensor target) {
        if (!prediction.shape().equals(target.shape())) {
            throw new IllegalArgumentException("mse: prediction " + prediction.shape() + " and target "
                    + target.shape() + " differ in shape");
        }
        float loss = LossKernel.meanSquaredError(prediction.value().data(), target.data());
        return Variable.result("mse", Tensor.scalar(loss), new Variable[] {prediction}, g -> {
            Tensor dx = Tensor.zeros(prediction.shape());
            LossKernel.meanSquaredErrorBackward(prediction.value().data(), target.data(), g.item(), dx.data());
            prediction.addOwnedGrad(dx);
        });
    }
}
