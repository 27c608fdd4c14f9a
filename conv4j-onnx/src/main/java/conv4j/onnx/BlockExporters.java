package conv4j.onnx;

import static conv4j.onnx.OnnxGraphBuilder.integer;

import conv4j.nn.BasicBlock;
import conv4j.nn.BasicConv2d;
import conv4j.nn.Bottleneck;
import conv4j.nn.ConvReLU;
import conv4j.nn.Inception;
import conv4j.nn.InceptionAux;
import conv4j.nn.Linear;
import conv4j.nn.SequentialWithAux;
import conv4j.onnx.ExportScope.Value;
import conv4j.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The export table's rows for the classic networks' blocks, each written as its forward pass computes it: the
 * residual blocks' conv-batch-norm units (ConvBn) and their shortcut (the identity, or the downsample projection)
 * added before the last ReLU; GoogLeNet's units (torchvision's with batch norm, the 2014 paper's with bias) and its
 * four branches concatenated along the channels. Auxiliary classifiers run in training only, so a SequentialWithAux
 * exports its main path alone.
 */
final class BlockExporters {
    private BlockExporters() {
    }

    static List<LayerExporters.Row<?>> all() {
        return List.of(
                new LayerExporters.Row<>("SequentialWithAux", SequentialWithAux.class, (l, s, in) -> {
                    Value v = in;
                    for (String name : l.mainPath().keySet()) {
                        v = s.child(name, v);
                    }
                    return v.name();
                }),
                new LayerExporters.Row<>("BasicConv2d", BasicConv2d.class, (l, s, in) -> s.node("Relu", "relu",
                        List.of(s.child("bn", s.child("conv", in)).name()))),
                new LayerExporters.Row<>("ConvReLU", ConvReLU.class, (l, s, in) -> s.node("Relu", "relu",
                        List.of(s.child("conv", in).name()))),
                new LayerExporters.Row<>("Inception", Inception.class, (l, s, in) -> {
                    List<String> branches = new ArrayList<>();
                    for (String name : l.children().keySet()) {
                        branches.add(s.child(name, in).name());
                    }
                    return s.node("Concat", null, branches, integer("axis", 1));
                }),
                new LayerExporters.Row<>("InceptionAux", InceptionAux.class, BlockExporters::inceptionAux),
                new LayerExporters.Row<>("BasicBlock", BasicBlock.class, (l, s, in) -> residual(s, in, 2)),
                new LayerExporters.Row<>("Bottleneck", Bottleneck.class, (l, s, in) -> residual(s, in, 3)));
    }

    /** ReLU(bn_k(conv_k(... ReLU(bn1(conv1(x))))) + shortcut(x)), the block's children named as torchvision's. */
    private static String residual(ExportScope s, Value in, int units) {
        Value v = in;
        for (int k = 1; k <= units; k++) {
            v = s.child("bn" + k, s.child("conv" + k, v));
            if (k < units) {
                v = new Value(s.node("Relu", "relu" + k, List.of(v.name())), v.shape());
            }
        }
        String shortcut = s.hasChild("downsample") ? s.child("downsample", in).name() : in.name();
        return s.node("Relu", "relu", List.of(s.node("Add", "add", List.of(v.name(), shortcut))));
    }

    /** Pooled to side x side, a 1x1 BasicConv2d, flattened, fc1, ReLU, (dropout), fc2. */
    private static String inceptionAux(InceptionAux l, ExportScope s, Value in) {
        Linear fc1 = s.childModule("fc1", Linear.class);
        int side = (int) Math.round(Math.sqrt((double) fc1.inFeatures() / l.channels()));
        Value pooled = new Value(AdaptivePoolExport.export(s, "pool", in, side, side),
                Shape.of(in.shape().dim(0), in.shape().dim(1), side, side));
        Value conv = s.child("conv", pooled);
        Value flat = new Value(s.node("Flatten", "flatten", List.of(conv.name()), integer("axis", 1)),
                Shape.of(in.shape().dim(0), conv.shape().sizeFrom(1)));
        Value hidden = s.child("fc1", flat);
        hidden = new Value(s.node("Relu", "relu", List.of(hidden.name())), hidden.shape());
        return s.child("fc2", hidden).name();
    }
}
