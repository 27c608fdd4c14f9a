package conv4j.nn;

import conv4j.autograd.ActivationOps;
import conv4j.autograd.Ops;
import conv4j.autograd.PoolOps;
import conv4j.autograd.Variable;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;

/**
 * GoogLeNet's auxiliary classifier, used in training only: average pooling to 4x4 (the paper's 5x5 pooling with
 * stride 3 on a 14x14 map gives 4x4; like torchvision, this pools adaptively, so any map size works), a 1x1
 * convolution to 128 channels, a fully connected layer of 1024 with ReLU, dropout (70% in the paper), and a linear
 * layer to the classes. Its scores push a gradient into the middle of the network.
 */
public final class InceptionAux extends Module {
    static final int POOLED = 4;
    static final int CHANNELS = 128;
    static final int HIDDEN = 1024;

    private final int inChannels;
    private final int classes;
    private final int channels;
    private final int hidden;
    private final BasicConv2d conv;
    private final Linear fc1;
    private final Linear fc2;
    private final Dropout dropout;

    public InceptionAux(int inChannels, int classes, float dropout, Rng rng) {
        this(inChannels, classes, dropout, CHANNELS, HIDDEN, rng);
    }

    /** Another width of the 1x1 convolution ({@code channels}) and of the hidden layer; GoogLeNet's are 128, 1024. */
    public InceptionAux(int inChannels, int classes, float dropout, int channels, int hidden, Rng rng) {
        this.inChannels = inChannels;
        this.classes = classes;
        this.channels = channels;
        this.hidden = hidden;
        this.conv = addChild("conv", new BasicConv2d(inChannels, channels, rng));
        this.fc1 = addChild("fc1", new Linear(channels * POOLED * POOLED, hidden, rng));
        this.fc2 = addChild("fc2", new Linear(hidden, classes, rng));
        this.dropout = addChild("dropout", new Dropout(dropout, rng));
    }

    public int inChannels() {
        return inChannels;
    }

    public int classes() {
        return classes;
    }

    /** The 1x1 convolution's output channels (128 in GoogLeNet). */
    public int channels() {
        return channels;
    }

    /** The hidden fully connected layer's width (1024 in GoogLeNet). */
    public int hidden() {
        return hidden;
    }

    public float dropout() {
        return dropout.p();
    }

    @Override
    public Variable forward(Variable input) {
        outputShape(input.shape());
        Variable x = PoolOps.adaptiveAvgPool2d(input, POOLED, POOLED); // N x in x 4 x 4
        x = Ops.flatten(conv.call(x));                                  // N x 2048 (128 x 4 x 4)
        x = dropout.call(ActivationOps.relu(fc1.call(x)));              // N x 1024
        return fc2.call(x);                                             // N x classes
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 4 || input.dim(1) != inChannels) {
            throw inputError("N x " + inChannels + " x H x W input", input);
        }
        return Shape.of(input.dim(0), classes);
    }

    @Override
    public long multiplyAdds(Shape input) {
        Shape pooled = Shape.of(input.dim(0), inChannels, POOLED, POOLED);
        Shape flat = Shape.of(input.dim(0), channels * POOLED * POOLED);
        return conv.multiplyAdds(pooled) + fc1.multiplyAdds(flat) + fc2.multiplyAdds(Shape.of(input.dim(0), hidden));
    }

    @Override
    public String describe() {
        return "InceptionAux(" + inChannels + ", " + classes + (channels == CHANNELS && hidden == HIDDEN ? ""
                : ", 1x1 " + channels + ", hidden " + hidden) + ", dropout " + dropout.p() + ")";
    }
}
