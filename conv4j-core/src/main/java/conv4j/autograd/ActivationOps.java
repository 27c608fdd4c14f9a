package conv4j.autograd;

import conv4j.kernels.Activations;
import conv4j.kernels.SoftmaxKernel;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;

/** The lecture's activation functions and softmax, each with its derivative as the backward rule. */
public final class ActivationOps {
    private ActivationOps() {
    }

    /** max(0, x); derivative 1 for x > 0, else 0 (0 at exactly 0). */
    public static Variable relu(Variable x) {
        Tensor out = Tensor.zeros(x.shape());
        Activations.relu(x.value().data(), out.data());
        return Variable.result("relu", out, new Variable[] {x}, (ConsumingRule) g -> {
            Activations.reluBackward(x.value().data(), g.data(), g.data()); // in place: dx may be dy
            x.addOwnedGrad(g);
        });
    }

    /**
     * max(0, x) written over x's values, for a caller that owns x: nothing reads x's values afterwards, and x's own
     * backward rule does not need them (batch norm's, which keeps its input). The gradient masks by the result, which
     * is positive exactly where x was: one activation-sized array less per use, as PyTorch's in-place ReLU.
     */
    public static Variable reluInPlace(Variable x) {
        Tensor out = x.value();
        Activations.relu(out.data(), out.data());
        return Variable.result("relu", out, new Variable[] {x}, (ConsumingRule) g -> {
            Activations.reluBackward(out.data(), g.data(), g.data()); // in place: dx may be dy
            x.addOwnedGrad(g);
        });
    }

    /** x for x > 0, alpha x otherwise; derivative 1 or alpha. */
    public static Variable leakyRelu(Variable x, float alpha) {
        Tensor out = Tensor.zeros(x.shape());
        Activations.leakyRelu(alpha, x.value().data(), out.data());
        return Variable.result("leakyRelu", out, new Variable[] {x}, (ConsumingRule) g -> {
            Activations.leakyReluBackward(alpha, x.value().data(), g.data(), g.data()); // in place: dx may be dy
            x.addOwnedGrad(g);
        });
    }

    /** 1 / (1 + e^-x); derivative y (1 - y). */
    public static Variable sigmoid(Variable x) {
        Tensor out = Tensor.zeros(x.shape());
        Activations.sigmoid(x.value().data(), out.data());
        return Variable.result("sigmoid", out, new Variable[] {x}, (ConsumingRule) g -> {
            Activations.sigmoidBackward(out.data(), g.data(), g.data()); // in place: dx may be dy
            x.addOwnedGrad(g);
        });
    }

    /** tanh x; derivative 1 - y^2. */
    public static Variable tanh(Variable x) {
        Tensor out = Tensor.zeros(x.shape());
        Activations.tanh(x.value().data(), out.data());
        return Variable.result("tanh", out, new Variable[] {x}, (ConsumingRule) g -> {
            Activations.tanhBackward(out.data(), g.data(), g.data()); // in place: dx may be dy
            x.addOwnedGrad(g);
        });
    }

    /** e^z_i / sum_j e^z_j over the classes of each row of an N x classes input, computed stably. */
    public static Variable softmax(Variable x) {
        Shape s = requireMatrix("softmax", x);
        Tensor out = Tensor.zeros(s);
        SoftmaxKernel.softmax(s.dim(0), s.dim(1), x.value().data(), out.data());
        return Variable.result("softmax", out, new Variable[] {x}, g -> {
            Tensor dx = Tensor.zeros(s);
            SoftmaxKernel.softmaxBackward(s.dim(0), s.dim(1), out.data(), g.data(), dx.data());
            x.addOwnedGrad(dx);
        });
    }

    /** log softmax over the classes of each row, without forming softmax first (no underflow to log 0). */
    public static Variable logSoftmax(Variable x) {
        Shape s = requireMatrix("logSoftmax", x);
        Tensor out = Tensor.zeros(s);
        SoftmaxKernel.logSoftmax(s.dim(0), s.dim(1), x.value().data(), out.data());
        return Variable.result("logSoftmax", out, new Variable[] {x}, g -> {
            Tensor dx = Tensor.zeros(s);
            SoftmaxKernel.logSoftmaxBackward(s.dim(0), s.dim(1), out.data(), g.data(), dx.data());
            x.addOwnedGrad(dx);
        });
    }

    static Shape requireMatrix(String op, Variable x) {
        Shape s = x.shape();
        if (s.rank() != 2) {
            throw new IllegalArgumentException(op + " needs an N x classes input, received " + s);
        }
        return s;
    }
}
