package conv4j.vision.models;

import conv4j.nn.AdaptiveAvgPool2d;
import conv4j.nn.Dropout;
import conv4j.nn.Flatten;
import conv4j.nn.Inception;
import conv4j.nn.InceptionAux;
import conv4j.nn.Linear;
import conv4j.nn.LocalResponseNorm;
import conv4j.nn.MaxPool2d;
import conv4j.nn.Module;
import conv4j.nn.SequentialWithAux;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import java.util.List;

/**
 * GoogLeNet, Inception v1 with dimension reductions (Szegedy et al., 2014): a stem of convolutions and pooling, nine
 * inception modules whose widths are the rows of the paper's table 1, global average pooling, dropout and a linear
 * layer; optionally the two auxiliary classifiers on inception 4a and 4d that help training. 3x3/2 max pooling in
 * ceil mode throughout, as the paper's Caffe model and torchvision pool. Two units: torchvision's (BasicConv2d, batch
 * norm after each convolution, no LRN; aux classifiers pooling adaptively to 4x4) with its state_dict names
 * (conv1.conv.weight, inception3a.branch2.1.bn.running_mean, aux1.fc1.weight), and the paper's as published
 * (ConvReLU, a convolution with bias then ReLU, and local response normalisation after the first pooling and after
 * conv2, as its figure 3 and Caffe's bvlc_googlenet place them).
 */
public final class GoogLeNet {

    /** One inception module: its name and the paper's columns (in, #1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5,
     * pool proj); {@code poolBefore}: a 3x3/2 max pooling precedes it. */
    public record Row(String name, boolean poolBefore, int in, int ch1x1, int ch3x3Reduce, int ch3x3,
                      int ch5x5Reduce, int ch5x5, int poolProj) {
        public int out() {
            return ch1x1 + ch3x3 + ch5x5 + poolProj;
        }
    }

    /** The paper's table 1. */
    public static final List<Row> ROWS = List.of(
            new Row("3a", false, 192, 64, 96, 128, 16, 32, 32),
            new Row("3b", false, 256, 128, 128, 192, 32, 96, 64),
            new Row("4a", true, 480, 192, 96, 208, 16, 48, 64),
            new Row("4b", false, 512, 160, 112, 224, 24, 64, 64),
            new Row("4c", false, 512, 128, 128, 256, 24, 64, 64),
            new Row("4d", false, 512, 112, 144, 288, 32, 64, 64),
            new Row("4e", false, 528, 256, 160, 320, 32, 128, 128),
            new Row("5a", true, 832, 256, 160, 320, 32, 128, 128),
            new Row("5b", false, 832, 384, 192, 384, 48, 128, 128));

    /**
     * Where the paper and torchvision differ: the kernel of the "5x5" branch, the window of the pooling before 5a,
     * the dropout before the classifier, the convolution unit, and the LRN of the stem; and whether the auxiliary
     * classifiers are built.
     */
    public record Variant(int kernel5x5, int pool4Kernel, float dropout, boolean aux, Inception.Unit unit,
                          boolean lrn) {
        public Variant {
            if (unit == null) {
                throw new IllegalArgumentException("GoogLeNet: the convolution unit is missing");
            }
            if (aux && unit != Inception.Unit.BASIC_CONV2D) {
                throw new IllegalArgumentException("GoogLeNet: the auxiliary classifiers built here are "
                        + "torchvision's, with batch norm, received them with unit " + unit.layerType());
            }
        }

        /**
         * The paper as published: 5x5 convolutions, 3x3/2 pooling, 40% dropout, convolutions with bias and ReLU, LRN
         * in the stem. No auxiliary classifiers.
         */
        public static Variant published() {
            return new Variant(5, 3, 0.4f, false, Inception.Unit.CONV_RELU, true);
        }

        /** The paper's table 1 (5x5 convolutions, 3x3/2 pooling, 40% dropout) with torchvision's batch-norm unit. */
        public static Variant paperWithBatchNorm(boolean aux) {
            return new Variant(5, 3, 0.4f, aux, Inception.Unit.BASIC_CONV2D, false);
        }

        /** torchvision: 3x3 in the "5x5" branch (kept for its trained weights), 2x2/2 pooling, 20% dropout. */
        public static Variant torchvision(boolean aux) {
            return new Variant(3, 2, 0.2f, aux, Inception.Unit.BASIC_CONV2D, false);
        }
    }

    /** Caffe's bvlc_googlenet's LRN (the paper gives no setting): size 5, alpha 1e-4, beta 0.75, k 1. */
    static LocalResponseNorm lrn() {
        return new LocalResponseNorm(5, 1e-4, 0.75, 1);
    }

    /** The auxiliary classifiers read the outputs of these modules. */
    static final List<String> AUX_AFTER = List.of("inception4a", "inception4d");

    private GoogLeNet() {
    }

    public static SequentialWithAux create(Variant variant, int classes, Shape input, Rng rng) {
        SequentialWithAux net = new SequentialWithAux()
                .add("conv1", unit(variant, input.dim(0), 64, 7, 2, 3, rng))     // N x 64 x 112 x 112
                .add("maxpool1", new MaxPool2d(3, 2, 0, true));                   // N x 64 x 56 x 56
        if (variant.lrn()) {
            net.add("norm1", lrn());
        }
        net.add("conv2", unit(variant, 64, 64, 1, 1, 0, rng))                     // the 1x1 reduction of conv3
                .add("conv3", unit(variant, 64, 192, 3, 1, 1, rng));              // N x 192 x 56 x 56
        if (variant.lrn()) {
            net.add("norm2", lrn());
        }
        net.add("maxpool2", new MaxPool2d(3, 2, 0, true));                        // N x 192 x 28 x 28
        int pools = 2;
        for (Row r : ROWS) {
            if (r.poolBefore()) {
                pools++;
                int k = pools == 4 ? variant.pool4Kernel() : 3;
                net.add("maxpool" + pools, new MaxPool2d(k, 2, 0, true));         // 14 x 14, then 7 x 7
            }
            net.add("inception" + r.name(), new Inception(r.in(), r.ch1x1(), r.ch3x3Reduce(), r.ch3x3(),
                    r.ch5x5Reduce(), r.ch5x5(), r.poolProj(), variant.kernel5x5(), variant.unit(), rng));
        }
        if (variant.aux()) {
            for (int i = 0; i < AUX_AFTER.size(); i++) {
                String after = AUX_AFTER.get(i);
                int channels = ROWS.stream().filter(r -> after.equals("inception" + r.name())).findFirst()
                        .orElseThrow().out();                                     // 512 and 528
                net.addAux("aux" + (i + 1), after, new InceptionAux(channels, classes, 0.7f, rng));
            }
        }
        return net.add("avgpool", new AdaptiveAvgPool2d(1, 1))                  // N x 1024 x 1 x 1
                .add("flatten", new Flatten())
                .add("dropout", new Dropout(variant.dropout(), rng))
                .add("fc", new Linear(1024, classes, rng));
    }

    private static Module unit(Variant variant, int in, int out, int kernel, int stride, int padding, Rng rng) {
        return variant.unit().create(in, out, kernel, stride, padding, rng);
    }
}
