package conv4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import conv4j.nn.BasicBlock;
import conv4j.nn.BasicConv2d;
import conv4j.nn.Bottleneck;
import conv4j.nn.ConvReLU;
import conv4j.nn.Inception;
import conv4j.nn.InceptionAux;
import conv4j.nn.Module;
import conv4j.nn.SequentialWithAux;
import java.util.List;
import java.util.Locale;

/**
 * The rows of the layer allowlist for the classic networks' blocks. A block is written by its settings alone (its
 * inner layers follow from them, as in torchvision's constructors); reading counts every tensor it will hold against
 * the file's budget before building it.
 */
final class BlockCodecs {
    private static final int MAX = Integer.MAX_VALUE;
    private static final long BN = 4; // weight, bias, running mean and running variance per channel

    private BlockCodecs() {
    }

    static List<LayerCodecs.Codec<?>> all() {
        return List.of(
                new LayerCodecs.Codec<>("SequentialWithAux", SequentialWithAux.class, BlockCodecs::writeWithAux,
                        BlockCodecs::readWithAux),
                new LayerCodecs.Codec<>("BasicConv2d", BasicConv2d.class, (l, out, c) -> out
                        .put("in", l.inChannels()).put("out", l.outChannels()).put("kernel", l.kernelSize())
                        .put("stride", l.stride()).put("padding", l.padding()), BlockCodecs::readBasicConv2d),
                new LayerCodecs.Codec<>("ConvReLU", ConvReLU.class, (l, out, c) -> out
                        .put("in", l.inChannels()).put("out", l.outChannels()).put("kernel", l.kernelSize())
                        .put("stride", l.stride()).put("padding", l.padding()), BlockCodecs::readConvReLU),
                new LayerCodecs.Codec<>("Inception", Inception.class, (l, out, c) -> {
                    out.put("in", l.inChannels());
                    out.putArray("widths").add(l.ch1x1()).add(l.ch3x3Reduce()).add(l.ch3x3()).add(l.ch5x5Reduce())
                            .add(l.ch5x5()).add(l.poolProj());
                    out.put("kernel5x5", l.kernel5x5());
                    out.put("unit", l.unit().layerType());
                }, BlockCodecs::readInception),
                new LayerCodecs.Codec<>("InceptionAux", InceptionAux.class, (l, out, c) -> out
                        .put("in", l.inChannels()).put("classes", l.classes()).put("channels", l.channels())
                        .put("hidden", l.hidden()).put("dropout", l.dropout()), BlockCodecs::readInceptionAux),
                new LayerCodecs.Codec<>("BasicBlock", BasicBlock.class, (l, out, c) -> out
                        .put("in", l.inChannels()).put("planes", l.planes()).put("stride", l.stride()),
                        BlockCodecs::readBasicBlock),
                new LayerCodecs.Codec<>("Bottleneck", Bottleneck.class, (l, out, c) -> out
                        .put("in", l.inChannels()).put("planes", l.planes()).put("stride", l.stride())
                        .put("strideAt", l.strideAt().name().toLowerCase(Locale.ROOT)),
                        BlockCodecs::readBottleneck));
    }

    private static void writeWithAux(SequentialWithAux s, ObjectNode out, LayerCodecs.ChildWriter children) {
        ArrayNode list = out.putArray("children");
        s.children().forEach((name, child) -> {
            ObjectNode entry = list.addObject().put("name", name);
            if (s.auxClassifiers().containsKey(name)) {
                entry.put("after", s.auxAfter(name));
            }
            entry.set("module", children.write(child, name));
        });
    }

    private static Module readWithAux(JsonFields in, Architecture.Builder builder) {
        SequentialWithAux s = new SequentialWithAux();
        List<JsonNode> items = in.array("children");
        for (int i = 0; i < items.size(); i++) {
            JsonFields child = JsonFields.of(items.get(i), in.path("children") + "[" + i + "]");
            String name = child.text("name");
            String after = child.has("after") ? child.text("after") : null;
            JsonNode module = child.get("module");
            child.requireNoOthers();
            Module layer = builder.module(module, child.path("module"));
            try {
                if (after == null) {
                    s.add(name, layer);
                } else {
                    s.addAux(name, after, layer);
                }
            } catch (IllegalArgumentException e) {
                throw JsonFields.error(child.path(after == null ? "name" : "after"), e.getMessage());
            }
        }
        return s;
    }

    private static Module readBasicConv2d(JsonFields in, Architecture.Builder b) {
        int inChannels = in.integer("in", 1, MAX);
        int out = in.integer("out", 1, MAX);
        int kernel = in.integer("kernel", 1, MAX);
        int stride = in.integer("stride", 1, MAX);
        int padding = in.integer("padding", 0, MAX);
        allocateBasicConv2d(b, in.path(), inChannels, out, kernel);
        return new BasicConv2d(inChannels, out, kernel, stride, padding, b.rng());
    }

    private static void allocateBasicConv2d(Architecture.Builder b, String path, long in, long out, long kernel) {
        b.allocate(path, out, in, kernel, kernel);
        b.allocate(path, BN, out);
    }

    private static Module readConvReLU(JsonFields in, Architecture.Builder b) {
        int inChannels = in.integer("in", 1, MAX);
        int out = in.integer("out", 1, MAX);
        int kernel = in.integer("kernel", 1, MAX);
        int stride = in.integer("stride", 1, MAX);
        int padding = in.integer("padding", 0, MAX);
        allocateConvReLU(b, in.path(), inChannels, out, kernel);
        return new ConvReLU(inChannels, out, kernel, stride, padding, b.rng());
    }

    private static void allocateConvReLU(Architecture.Builder b, String path, long in, long out, long kernel) {
        b.allocate(path, out, in, kernel, kernel);
        b.allocate(path, out); // the bias
    }

    /** A file written before the unit was a setting holds torchvision's units. */
    private static Module readInception(JsonFields in, Architecture.Builder b) {
        int inChannels = in.integer("in", 1, MAX);
        int[] w = in.ints("widths", 6, 1, MAX);
        int kernel = in.integer("kernel5x5", 1, MAX);
        Inception.Unit unit = in.has("unit") ? inceptionUnit(in) : Inception.Unit.BASIC_CONV2D;
        String p = in.path();
        long[][] convs = {{inChannels, w[0], 1}, {inChannels, w[1], 1}, {w[1], w[2], 3}, {inChannels, w[3], 1},
            {w[3], w[4], kernel}, {inChannels, w[5], 1}};
        for (long[] c : convs) {
            if (unit == Inception.Unit.BASIC_CONV2D) {
                allocateBasicConv2d(b, p, c[0], c[1], c[2]);
            } else {
                allocateConvReLU(b, p, c[0], c[1], c[2]);
            }
        }
        return new Inception(inChannels, w[0], w[1], w[2], w[3], w[4], w[5], kernel, unit, b.rng());
    }

    private static Inception.Unit inceptionUnit(JsonFields in) {
        String type = in.text("unit");
        for (Inception.Unit u : Inception.Unit.values()) {
            if (u.layerType().equals(type)) {
                return u;
            }
        }
        throw JsonFields.error(in.path("unit"), "expected \"BasicConv2d\" or \"ConvReLU\", found "
                + SafeTensorsHeader.quote(type));
    }

    private static Module readInceptionAux(JsonFields in, Architecture.Builder b) {
        int inChannels = in.integer("in", 1, MAX);
        int classes = in.integer("classes", 1, MAX);
        int channels = in.integer("channels", 1, MAX);
        int hidden = in.integer("hidden", 1, MAX);
        float dropout = in.floatNumber("dropout");
        allocateBasicConv2d(b, in.path(), inChannels, channels, 1);
        b.allocate(in.path(), hidden, 16L * channels + 1); // the 1x1's output pooled to 4 x 4, flattened
        b.allocate(in.path(), classes, (long) hidden + 1);
        return new InceptionAux(inChannels, classes, dropout, channels, hidden, b.rng());
    }

    private static Module readBasicBlock(JsonFields in, Architecture.Builder b) {
        int inChannels = in.integer("in", 1, MAX);
        int planes = in.integer("planes", 1, MAX);
        int stride = in.integer("stride", 1, MAX);
        String p = in.path();
        b.allocate(p, planes, inChannels, 9);
        b.allocate(p, planes, planes, 9);
        b.allocate(p, 2 * BN, planes);
        allocateShortcut(b, p, inChannels, (long) planes * BasicBlock.EXPANSION, stride);
        return new BasicBlock(inChannels, planes, stride, b.rng());
    }

    private static Module readBottleneck(JsonFields in, Architecture.Builder b) {
        int inChannels = in.integer("in", 1, MAX);
        int planes = in.integer("planes", 1, MAX);
        int stride = in.integer("stride", 1, MAX);
        String strideAt = in.text("strideAt");
        Bottleneck.StrideAt at = switch (strideAt) {
            case "conv1" -> Bottleneck.StrideAt.CONV1;
            case "conv2" -> Bottleneck.StrideAt.CONV2;
            default -> throw JsonFields.error(in.path("strideAt"), "expected \"conv1\" or \"conv2\", found "
                    + SafeTensorsHeader.quote(strideAt));
        };
        String p = in.path();
        long out = (long) planes * Bottleneck.EXPANSION;
        b.allocate(p, planes, inChannels);
        b.allocate(p, planes, planes, 9);
        b.allocate(p, out, planes);
        b.allocate(p, BN, 2L * planes + out);
        allocateShortcut(b, p, inChannels, out, stride);
        return new Bottleneck(inChannels, planes, stride, at, b.rng());
    }

    private static void allocateShortcut(Architecture.Builder b, String path, long in, long out, int stride) {
        if (stride != 1 || in != out) {
            b.allocate(path, out, in);
            b.allocate(path, BN, out);
        }
    }
}
