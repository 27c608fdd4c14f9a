package conv4j.nn;

import conv4j.autograd.Ops;
import conv4j.autograd.Variable;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;

/** A fully connected layer: scores = W x + b, with W of shape out x in as in the lecture and PyTorch. */
public final class Linear extends Module {
    private final int inFeatures;
    private final int outFeatures;
    private final Param weight;
    private final Param bias;

    public Linear(int inFeatures, int outFeatures, Rng rng) {
        this(inFeatures, outFeatures, true, Init.HE_UNIFORM, rng);
    }

    public Linear(int inFeatures, int outFeatures, boolean bias, Init init, Rng rng) {
        if (inFeatures < 1 || outFeatures < 1) {
            throw new IllegalArgumentException("Linear: in and out features must be positive, received in="
                    + inFeatures + ", out=" + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = addParam("weight", init.fill(Tensor.zeros(outFeatures, inFeatures), inFeatures, outFeatures,
                rng), 1.0);
        this.bias = bias ? addParam("bias", Tensor.zeros(outFeatures), 0.0) : null;
    }

    public Param weight() {
        return weight;
    }

    public Param bias() {
        return bias;
    }

    public int inFeatures() {
        return inFeatures;
    }

    public int outFeatures() {
        return outFeatures;
    }

    @Override
    public Variable forward(Variable input) {
        outputShape(input.shape());
        return Ops.linear(input, weight.variable(), bias == null ? null : bias.variable());
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 2 || input.dim(1) != inFeatures) {
            throw inputError("N x " + inFeatures + " input", input);
        }
        return Shape.of(input.dim(0), outFeatures);
    }

    @Override
    public long multiplyAdds(Shape input) {
        return (long) input.dim(0) * inFeatures * outFeatures;
    }

    @Override
    public String describe() {
        return "Linear(" + inFeatures + ", " + outFeatures + (bias == null ? ", no bias" : "") + ")";
    }
}
