package conv4j.vision.models;

import conv4j.nn.AdaptiveAvgPool2d;
import conv4j.nn.BasicBlock;
import conv4j.nn.BatchNorm2d;
import conv4j.nn.Bottleneck;
import conv4j.nn.Conv2d;
import conv4j.nn.Flatten;
import conv4j.nn.Linear;
import conv4j.nn.MaxPool2d;
import conv4j.nn.Module;
import conv4j.nn.ReLU;
import conv4j.nn.Sequential;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import java.util.List;
import java.util.Map;

/**
 * ResNet (He, Zhang, Ren and Sun, 2015) as the paper's table 1: a 7x7 convolution with stride 2 and a 3x3 max
 * pooling, four stages (conv2_x .. conv5_x, torchvision's layer1..layer4) of residual blocks with 64, 128, 256 and 512
 * planes, the last three starting with stride 2, then global average pooling and a fully connected layer. Each depth
 * is a row: (block kind, blocks per stage). State_dict names are torchvision's (conv1.weight, layer1.0.conv1.weight,
 * layer2.0.downsample.0.weight, fc.bias).
 */
public final class ResNet {
    /** The block a stage is made of. */
    public enum Block { BASIC, BOTTLENECK }

    /** One depth of the paper's table 1. */
    public record Depth(Block block, List<Integer> blocksPerStage) {
        public Depth {
            blocksPerStage = List.copyOf(blocksPerStage);
        }
    }

    static final Map<Integer, Depth> DEPTHS = Map.of(
            18, new Depth(Block.BASIC, List.of(2, 2, 2, 2)),
            34, new Depth(Block.BASIC, List.of(3, 4, 6, 3)),
            50, new Depth(Block.BOTTLENECK, List.of(3, 4, 6, 3)),
            101, new Depth(Block.BOTTLENECK, List.of(3, 4, 23, 3)),
            152, new Depth(Block.BOTTLENECK, List.of(3, 8, 36, 3)));

    private static final int[] PLANES = {64, 128, 256, 512};

    private ResNet() {
    }

    public static Depth depth(int layers) {
        Depth d = DEPTHS.get(layers);
        if (d == null) {
            throw new IllegalArgumentException("ResNet has depths 18, 34, 50, 101 and 152, received " + layers);
        }
        return d;
    }

    /**
     * ResNet-{@code layers}; {@code strideAt} places the stride of a downsampling bottleneck: in its 3x3 (torchvision)
     * or its first 1x1 (the paper). Basic blocks have their stride in the first 3x3 either way.
     */
    public static Sequential create(int layers, Bottleneck.StrideAt strideAt, int classes, Shape input, Rng rng) {
        Depth depth = depth(layers);
        Sequential net = new Sequential()
                .add("conv1", Conv2d.builder(input.dim(0), 64, 7).stride(2).padding(3).bias(false).build(rng))
                .add("bn1", new BatchNorm2d(64))                          // N x 64 x 112 x 112
                .add("relu", new ReLU())
                .add("maxpool", new MaxPool2d(3, 2, 1, false));            // N x 64 x 56 x 56
        int channels = 64;
        for (int stage = 0; stage < PLANES.length; stage++) {
            Sequential layer = new Sequential();
            for (int b = 0; b < depth.blocksPerStage().get(stage); b++) {
                int stride = b == 0 && stage > 0 ? 2 : 1;
                Module block = depth.block() == Block.BASIC
                        ? new BasicBlock(channels, PLANES[stage], stride, rng)
                        : new Bottleneck(channels, PLANES[stage], stride, strideAt, rng);
                layer.add(block);
                channels = depth.block() == Block.BASIC ? PLANES[stage] * BasicBlock.EXPANSION
                        : PLANES[stage] * Bottleneck.EXPANSION;
            }
            net.add("layer" + (stage + 1), layer);                   // 56, 28, 14, 7 for a 224 x 224 input
        }
        return net.add("avgpool", new AdaptiveAvgPool2d(1, 1))
                .add("flatten", new Flatten())
                .add("fc", new Linear(channels, classes, rng));
    }
}
