package conv4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import conv4j.kernels.Padding;
import conv4j.nn.AdaptiveAvgPool2d;
import conv4j.nn.AvgPool2d;
import conv4j.nn.BatchNorm2d;
import conv4j.nn.Conv2d;
import conv4j.nn.Dropout;
import conv4j.nn.Flatten;
import conv4j.nn.GlobalAvgPool2d;
import conv4j.nn.Init;
import conv4j.nn.LeakyReLU;
import conv4j.nn.Linear;
import conv4j.nn.LocalResponseNorm;
import conv4j.nn.MaxPool2d;
import conv4j.nn.Module;
import conv4j.nn.ReLU;
import conv4j.nn.Sequential;
import conv4j.nn.Sigmoid;
import conv4j.nn.Softmax;
import conv4j.nn.Tanh;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The allowlist of layer types an architecture may name: one row per layer, the type name in the file, the class, how
 * its settings are written and how the layer is rebuilt from them. A name outside this table is refused; nothing read
 * from a file ever names a Java class.
 */
final class LayerCodecs {
    private static final int MAX = Integer.MAX_VALUE;

    /** Writes a layer's settings; {@code children} writes a child module, for containers. */
    interface Writer<M extends Module> {
        void write(M layer, ObjectNode out, ChildWriter children);
    }

    interface ChildWriter {
        ObjectNode write(Module child, String name);
    }

    /** Rebuilds a layer from checked fields. */
    interface Reader {
        Module read(JsonFields in, Architecture.Builder builder);
    }

    record Codec<M extends Module>(String type, Class<M> layerClass, Writer<M> writer, Reader reader) {
        @SuppressWarnings("unchecked")
        void write(Module layer, ObjectNode out, ChildWriter children) {
            writer.write((M) layer, out, children);
        }
    }

    private static final Map<String, Codec<?>> BY_TYPE = new LinkedHashMap<>();

    static {
        add(new Codec<>("Sequential", Sequential.class, LayerCodecs::writeSequential, LayerCodecs::readSequential));
        add(new Codec<>("Conv2d", Conv2d.class, LayerCodecs::writeConv2d, LayerCodecs::readConv2d));
        add(new Codec<>("Linear", Linear.class, (l, out, c) -> out.put("in", l.inFeatures())
                .put("out", l.outFeatures()).put("bias", l.bias() != null), (in, b) -> {
                    int inFeatures = in.integer("in", 1, MAX);
                    int outFeatures = in.integer("out", 1, MAX);
                    boolean bias = in.bool("bias");
                    b.allocate(in.path(), outFeatures, inFeatures);
                    b.allocate(in.path(), bias ? outFeatures : 0);
                    return new Linear(inFeatures, outFeatures, bias, Init.HE_UNIFORM, b.rng());
                }));
        add(new Codec<>("MaxPool2d", MaxPool2d.class, (l, out, c) -> out.put("kernel", l.kernelSize())
                .put("stride", l.stride()).put("padding", l.padding()).put("ceilMode", l.ceilMode()), (in, b) ->
                new MaxPool2d(in.integer("kernel", 1, MAX), in.integer("stride", 1, MAX),
                        in.integer("padding", 0, MAX), in.bool("ceilMode"))));
        add(new Codec<>("AvgPool2d", AvgPool2d.class, (l, out, c) -> out.put("kernel", l.kernelSize())
                .put("stride", l.stride()).put("padding", l.padding()).put("ceilMode", l.ceilMode())
                .put("countIncludePad", l.countIncludePad()), (in, b) ->
                new AvgPool2d(in.integer("kernel", 1, MAX), in.integer("stride", 1, MAX),
                        in.integer("padding", 0, MAX), in.bool("ceilMode"), in.bool("countIncludePad"))));
        add(new Codec<>("AdaptiveAvgPool2d", AdaptiveAvgPool2d.class, (l, out, c) -> out.putArray("output")
                .add(l.outH()).add(l.outW()), (in, b) -> {
                    int[] size = in.ints("output", 2, 1, MAX);
                    return new AdaptiveAvgPool2d(size[0], size[1]);
                }));
        add(stateless("GlobalAvgPool2d", GlobalAvgPool2d.class, GlobalAvgPool2d::new));
        add(stateless("Flatten", Flatten.class, Flatten::new));
        add(stateless("ReLU", ReLU.class, ReLU::new));
        add(stateless("Sigmoid", Sigmoid.class, Sigmoid::new));
        add(stateless("Tanh", Tanh.class, Tanh::new));
        add(stateless("Softmax", Softmax.class, Softmax::new));
        add(new Codec<>("LeakyReLU", LeakyReLU.class, (l, out, c) -> out.put("alpha", l.alpha()), (in, b) ->
                new LeakyReLU(in.floatNumber("alpha"))));
        add(new Codec<>("Dropout", Dropout.class, (l, out, c) -> out.put("p", l.p()), (in, b) ->
                new Dropout(in.floatNumber("p"), b.rng())));
        add(new Codec<>("BatchNorm2d", BatchNorm2d.class, (l, out, c) -> out.put("channels", l.channels())
                .put("eps", l.eps()).put("momentum", l.momentum()), (in, b) -> {
                    int channels = in.integer("channels", 1, MAX);
                    b.allocate(in.path(), 4, channels); // weight, bias, running mean and variance
                    return new BatchNorm2d(channels, in.floatNumber("eps"), in.floatNumber("momentum"));
                }));
        add(new Codec<>("LocalResponseNorm", LocalResponseNorm.class, (l, out, c) -> out.put("size", l.size())
                .put("alpha", l.alpha()).put("beta", l.beta()).put("k", l.k()), (in, b) ->
                new LocalResponseNorm(in.integer("size", 1, MAX), in.number("alpha"), in.number("beta"),
                        in.number("k"))));
        BlockCodecs.all().forEach(LayerCodecs::add);
    }

    private LayerCodecs() {
    }

    private static void add(Codec<?> codec) {
        BY_TYPE.put(codec.type(), codec);
    }

    private static <M extends Module> Codec<M> stateless(String type, Class<M> layerClass, Supplier<M> make) {
        return new Codec<>(type, layerClass, (l, out, c) -> { }, (in, b) -> make.get());
    }

    /** The allowed type names, in table order. */
    static List<String> types() {
        return List.copyOf(BY_TYPE.keySet());
    }

    static Codec<?> byType(String type) {
        return BY_TYPE.get(type);
    }

    /** The codec of exactly this class (a subclass may compute something else, so it has none). */
    static Codec<?> byClass(Class<?> layerClass) {
        for (Codec<?> c : BY_TYPE.values()) {
            if (c.layerClass() == layerClass) {
                return c;
            }
        }
        return null;
    }

    private static void writeSequential(Sequential s, ObjectNode out, ChildWriter children) {
        ArrayNode list = out.putArray("children");
        s.children().forEach((name, child) -> list.addObject().put("name", name).set("module",
                children.write(child, name)));
    }

    private static Module readSequential(JsonFields in, Architecture.Builder builder) {
        Sequential s = new Sequential();
        List<JsonNode> items = in.array("children");
        for (int i = 0; i < items.size(); i++) {
            JsonFields child = JsonFields.of(items.get(i), in.path("children") + "[" + i + "]");
            String name = child.text("name");
            JsonNode module = child.get("module");
            child.requireNoOthers();
            Module layer = builder.module(module, child.path("module"));
            try {
                s.add(name, layer);
            } catch (IllegalArgumentException e) {
                throw JsonFields.error(child.path("name"), e.getMessage());
            }
        }
        return s;
    }

    private static void writeConv2d(Conv2d l, ObjectNode out, ChildWriter children) {
        out.put("in", l.inChannels()).put("out", l.outChannels());
        out.putArray("kernel").add(l.kernelH()).add(l.kernelW());
        out.putArray("stride").add(l.strideH()).add(l.strideW());
        Padding p = l.padding();
        if (l.isPaddingSame()) {
            out.put("padding", "same");
        } else if (p.equals(Padding.valid())) {
            out.put("padding", "valid");
        } else {
            out.putArray("padding").add(p.top()).add(p.bottom()).add(p.left()).add(p.right());
        }
        out.putArray("dilation").add(l.dilationH()).add(l.dilationW());
        out.put("groups", l.groups()).put("bias", l.bias() != null);
    }

    private static Module readConv2d(JsonFields in, Architecture.Builder b) {
        int inChannels = in.integer("in", 1, MAX);
        int outChannels = in.integer("out", 1, MAX);
        int[] kernel = in.ints("kernel", 2, 1, MAX);
        int[] stride = in.ints("stride", 2, 1, MAX);
        int[] dilation = in.ints("dilation", 2, 1, MAX);
        int groups = in.integer("groups", 1, MAX);
        boolean bias = in.bool("bias");
        Conv2d.Builder conv = Conv2d.builder(inChannels, outChannels, kernel[0], kernel[1]).stride(stride[0],
                stride[1]).dilation(dilation[0], dilation[1]).groups(groups).bias(bias);
        JsonNode padding = in.get("padding");
        if (padding.isTextual() && padding.textValue().equals("same")) {
            conv.paddingSame();
        } else if (padding.isTextual() && padding.textValue().equals("valid")) {
            conv.paddingValid();
        } else if (padding.isArray()) {
            int[] p = in.ints("padding", 4, 0, MAX);
            conv.padding(new Padding(p[0], p[1], p[2], p[3]));
        } else {
            throw JsonFields.error(in.path("padding"), "expected \"same\", \"valid\" or [top, bottom, left, right], "
                    + "found " + Json.describe(padding));
        }
        if (inChannels % groups == 0) {
            b.allocate(in.path(), outChannels, inChannels / groups, kernel[0], kernel[1]);
        }
        b.allocate(in.path(), bias ? outChannels : 0);
        return conv.build(b.rng());
    }
}
