package conv4j.onnx;

import conv4j.autograd.ConvOps;
import conv4j.autograd.NormOps;
import conv4j.autograd.Ops;
import conv4j.autograd.Variable;
import conv4j.kernels.Conv2dGeometry;
import conv4j.kernels.LocalResponseNormKernel;
import conv4j.kernels.Padding;
import conv4j.nn.BatchNorm2d;
import conv4j.nn.Conv2d;
import conv4j.nn.Module;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;

/**
 * The ONNX operators that run on conv4j's layers and kernels: Conv (1-D as 2-D of height 1), BatchNormalization and
 * LRN. Constant weights become the layers' parameters and buffers, so the model's state dict holds them; weights
 * computed at run time (ONNX allows any input) go to the same kernels per call.
 */
final class OnnxLayers {
    private OnnxLayers() {
    }

    /** Conv with weight {@code w} and bias {@code b} where they are constants, null where they flow at run time. */
    static OnnxStep conv(OnnxAttributes a, Tensor w, Tensor b, boolean hasBias) {
        long groups = a.i("group", 1);
        OnnxWindow.autoPad(a); // refused at import, not at the first run
        Conv2d layer = w == null ? null : convLayer(a, w, b, (int) groups);
        return new OnnxStep() {
            @Override
            public Variable apply(Variable[] in) {
                Variable x = in[0];
                Variable weight = layer != null ? layer.weight().variable() : in[1];
                Variable bias = layer != null ? (layer.bias() == null ? null : layer.bias().variable())
                        : hasBias ? in[2] : null;
                int spatial = x.shape().rank() - 2;
                Conv2dGeometry g = geometry(x.shape(), weight.shape());
                if (spatial == 2 && layer != null && g.equals(layer.geometry(x.shape()))) {
                    return layer.call(x); // as a conv4j layer, so that forward hooks on it see its output
                }
                if (spatial == 1) {
                    x = Ops.reshape(x, Shape.of(g.batch(), g.inChannels(), 1, g.inWidth()));
                    weight = Ops.reshape(weight, Shape.of(weight.shape().dim(0), weight.shape().dim(1), 1,
                            g.kernelW()));
                }
                Variable y = ConvOps.conv2d(x, weight, bias, g);
                return spatial == 1 ? Ops.reshape(y, Shape.of(g.batch(), g.outChannels(), g.outWidth())) : y;
            }

            @Override
            public Shape shape(Shape[] in) {
                Shape ws = layer != null ? layer.weight().value().shape() : in[1];
                Conv2dGeometry g = geometry(in[0], ws);
                return in[0].rank() == 3 ? Shape.of(g.batch(), g.outChannels(), g.outWidth()) : g.outputShape();
            }

            /** The 2-D geometry; a 1-D convolution is one over a height of 1. */
            private Conv2dGeometry geometry(Shape x, Shape ws) {
                int spatial = x.rank() - 2;
                if (spatial < 1 || spatial > 2 || ws.rank() != x.rank()) {
                    throw a.error("input " + x + " and weight " + ws + ": only 1-D and 2-D convolutions are "
                            + "supported");
                }
                int[] kernel = new int[spatial];
                int[] size = new int[spatial];
                for (int i = 0; i < spatial; i++) {
                    kernel[i] = ws.dim(2 + i);
                    size[i] = x.dim(2 + i);
                }
                int[] declared = a.ints("kernel_shape");
                if (declared != null && !java.util.Arrays.equals(declared, kernel)) {
                    throw a.error("kernel_shape " + java.util.Arrays.toString(declared) + " does not match the "
                            + "weight " + ws);
                }
                OnnxWindow win = OnnxWindow.of(a, kernel, size, false);
                int last = spatial - 1;
                try {
                    return Conv2dGeometry.of(x.dim(0), x.dim(1), spatial == 2 ? size[0] : 1, size[last], ws.dim(0),
                            spatial == 2 ? kernel[0] : 1, kernel[last], spatial == 2 ? win.strides()[0] : 1,
                            win.strides()[last],
                            new Padding(spatial == 2 ? win.padBegin()[0] : 0, spatial == 2 ? win.padEnd()[0] : 0,
                                    win.padBegin()[last], win.padEnd()[last]),
                            spatial == 2 ? win.dilations()[0] : 1, win.dilations()[last], (int) groups);
                } catch (IllegalArgumentException e) {
                    throw a.error("on input " + x + " and weight " + ws + ": " + e.getMessage());
                }
            }

            @Override
            public Module layer() {
                return layer;
            }

            @Override
            public int runtimeInputs() {
                return layer != null ? 1 : Integer.MAX_VALUE;
            }
        };
    }

    /**
     * A 2-D convolution's constant weights as a {@link Conv2d}, so the model's parameters hold them; its padding is
     * the explicit one (the step computes each input's geometry itself, which auto_pad needs).
     */
    private static Conv2d convLayer(OnnxAttributes a, Tensor w, Tensor b, int groups) {
        if (w.rank() != 4 && w.rank() != 3) {
            throw a.error("weight of shape " + w.shape() + ": only 1-D and 2-D convolutions are supported");
        }
        int out = w.dim(0);
        if (b != null && (b.rank() != 1 || b.dim(0) != out)) {
            throw a.error("bias of shape " + b.shape() + " does not fit " + out + " output channels");
        }
        Tensor w4 = w.rank() == 4 ? w : w.reshape(w.dim(0), w.dim(1), 1, w.dim(2));
        int spatial = w.rank() - 2;
        int[] strides = a.ints("strides", spatial, 1);
        int[] dilations = a.ints("dilations", spatial, 1);
        int[] pads = a.ints("pads", 2 * spatial, 0);
        Conv2d.Builder builder = Conv2d.builder(w4.dim(1) * groups, out, w4.dim(2), w4.dim(3))
                .stride(spatial == 2 ? strides[0] : 1, strides[spatial - 1])
                .dilation(spatial == 2 ? dilations[0] : 1, dilations[spatial - 1]).groups(groups).bias(b != null);
        if (OnnxWindow.autoPad(a) == OnnxWindow.AutoPad.NOTSET) {
            builder.padding(spatial == 2 ? new Padding(pads[0], pads[2], pads[1], pads[3])
                    : new Padding(0, 0, pads[0], pads[1]));
        } else if (OnnxWindow.autoPad(a) == OnnxWindow.AutoPad.VALID) {
            builder.paddingValid();
        } else {
            builder.paddingSame();
        }
        Conv2d conv;
        try {
            conv = builder.build(w4); // the initializer's values themselves: nothing drawn, nothing copied
        } catch (IllegalArgumentException e) {
            throw a.error("weight " + w.shape() + ": " + e.getMessage());
        }
        if (b != null) {
            conv.bias().value().copyFrom(b);
        }
        return conv;
    }

    /**
     * BatchNormalization in its inference form. Constant statistics on a 4-D input run as a {@link BatchNorm2d}; any
     * other rank, or statistics computed at run time, by the same formula per channel (axis 1).
     */
    static OnnxStep batchNorm(OnnxAttributes a, Tensor[] stats) {
        if (a.i("training_mode", 0) != 0) {
            throw a.error("training_mode 1 is not supported; the importer runs inference only");
        }
        float eps = a.f("epsilon", 1e-5f);
        BatchNorm2d bn = null;
        if (stats != null) {
            int c = stats[0].size();
            for (Tensor t : stats) {
                if (t.rank() != 1 || t.size() != c) {
                    throw a.error("scale, B, mean and var must each hold " + c + " values, received " + t.shape());
                }
            }
            bn = new BatchNorm2d(c, eps, 1f - a.f("momentum", 0.9f));
            bn.weight().value().copyFrom(stats[0]);
            bn.bias().value().copyFrom(stats[1]);
            bn.runningMean().copyFrom(stats[2]);
            bn.runningVar().copyFrom(stats[3]);
        }
        BatchNorm2d layer = bn;
        return new OnnxStep() {
            @Override
            public Variable apply(Variable[] in) {
                if (layer != null && in[0].shape().rank() == 4) {
                    return layer.call(in[0]);
                }
                Tensor[] s = layer != null ? stats : new Tensor[] {in[1].value(), in[2].value(), in[3].value(),
                        in[4].value()};
                return Variable.of(perChannel(in[0].value(), s, eps));
            }

            @Override
            public Shape shape(Shape[] in) {
                return in[0];
            }

            @Override
            public Module layer() {
                return layer;
            }

            @Override
            public int runtimeInputs() {
                return layer != null ? 1 : Integer.MAX_VALUE;
            }
        };
    }

    private static Tensor perChannel(Tensor x, Tensor[] s, float eps) {
        Shape shape = x.shape();
        int channels = shape.dim(1);
        int inner = shape.sizeFrom(2);
        float[] v = x.data();
        Tensor out = Tensor.zeros(shape);
        float[] o = out.data();
        for (int i = 0; i < v.length; i++) {
            int c = (i / inner) % channels;
            float scale = s[0].data()[c] / (float) Math.sqrt(s[3].data()[c] + eps);
            o[i] = (v[i] - s[2].data()[c]) * scale + s[1].data()[c];
        }
        return out;
    }

    /**
     * LRN across channels on conv4j's kernel, the spatial axes flattened. ONNX's window is c - floor((size-1)/2) ..
     * c + ceil((size-1)/2), the kernel's c - size/2 .. c + (size-1)/2: the same for an odd size only.
     */
    static OnnxStep lrn(OnnxAttributes a) {
        long size = a.i("size", 0);
        if (size < 1 || size % 2 == 0) {
            throw a.error("size " + size + " is not supported; only an odd window size");
        }
        LocalResponseNormKernel kernel = new LocalResponseNormKernel((int) size, a.f("alpha", 1e-4f),
                a.f("beta", 0.75f), a.f("bias", 1f));
        return new OnnxStep() {
            @Override
            public Variable apply(Variable[] in) {
                Shape s = in[0].shape();
                if (s.rank() < 2) {
                    throw a.error("expected an N x C x ... input, received " + s);
                }
                Variable x = Ops.reshape(in[0], Shape.of(s.dim(0), s.dim(1), s.sizeFrom(2), 1));
                return Ops.reshape(NormOps.localResponseNorm(x, kernel), s);
            }

            @Override
            public Shape shape(Shape[] in) {
                return in[0];
            }
        };
    }

    /** A node that is a whole conv4j layer, reading its first input at run time and the rest at import. */
    record LayerStep(Module layer) implements OnnxStep {
        @Override
        public Variable apply(Variable[] in) {
            return layer.call(in[0]);
        }

        @Override
        public Shape shape(Shape[] in) {
            return layer.outputShape(in[0]);
        }

        @Override
        public int runtimeInputs() {
            return 1;
        }
    }
}
