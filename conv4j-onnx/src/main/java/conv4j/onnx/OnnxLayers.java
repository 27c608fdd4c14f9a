package conv4j.onnx;

import conv4j.autograd.ConvOps;
import conv4j.autograd.PoolOps;
import conv4j.autograd.Variable;
import conv4j.kernels.Conv2dGeometry;
import conv4j.kernels.Padding;
import conv4j.kernels.Pool2dGeometry;
import conv4j.nn.BatchNorm2d;
import conv4j.nn.Conv2d;
import conv4j.nn.Module;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;

/**
 * The ONNX operators that become conv4j layers or windowed kernels: Conv and BatchNormalization (their initializers
 * become the layers' parameters and buffers) and the 2-D poolings.
 */
final class OnnxLayers {
    private OnnxLayers() {
    }

    /** Where ONNX's auto_pad puts the padding; NOTSET means the explicit pads. */
    private enum AutoPad { NOTSET, VALID, SAME_UPPER, SAME_LOWER }

    static OnnxStep conv(NodeProto node, OnnxAttributes a, Tensor w, Tensor b) {
        if (w.rank() != 4) {
            throw a.error("weight of shape " + w.shape() + ": only 2-D convolutions (an M x C/group x kH x kW "
                    + "weight) are supported");
        }
        int groups = Math.toIntExact(a.i("group", 1));
        int out = w.dim(0);
        int kh = w.dim(2);
        int kw = w.dim(3);
        int[] kernel = a.ints("kernel_shape");
        if (kernel != null && (kernel.length != 2 || kernel[0] != kh || kernel[1] != kw)) {
            throw a.error("kernel_shape " + java.util.Arrays.toString(kernel) + " does not match the weight "
                    + w.shape());
        }
        int[] strides = a.ints("strides", 2, 1);
        int[] dilations = a.ints("dilations", 2, 1);
        AutoPad autoPad = autoPad(a, true);
        int[] pads = a.ints("pads", 4, 0);
        if (b != null && (b.rank() != 1 || b.dim(0) != out)) {
            throw a.error("bias of shape " + b.shape() + " does not fit " + out + " output channels");
        }
        Conv2d.Builder builder = Conv2d.builder(w.dim(1) * groups, out, kh, kw).stride(strides[0], strides[1])
                .dilation(dilations[0], dilations[1]).groups(groups).bias(b != null);
        switch (autoPad) {
            case NOTSET -> builder.padding(new Padding(pads[0], pads[2], pads[1], pads[3]));
            case SAME_UPPER -> builder.paddingSame();
            default -> builder.paddingValid();
        }
        // The initializers overwrite the drawn values at once; the seed only keeps the build deterministic.
        Conv2d conv = builder.build(new Rng(0));
        conv.weight().value().copyFrom(w);
        if (b != null) {
            conv.bias().value().copyFrom(b);
        }
        if (autoPad != AutoPad.SAME_LOWER) {
            return new LayerStep(conv);
        }
        return new OnnxStep() {
            @Override
            public Variable apply(Variable[] in) {
                return ConvOps.conv2d(in[0], conv.weight().variable(), b == null ? null : conv.bias().variable(),
                        sameLower(conv, in[0].shape()));
            }

            @Override
            public Shape shape(Shape[] in) {
                return sameLower(conv, in[0]).outputShape();
            }

            @Override
            public Module layer() {
                return conv;
            }

            @Override
            public int runtimeInputs() {
                return 1;
            }
        };
    }

    /** SAME_LOWER: as "same", but the odd row and column go to the top and left. */
    private static Conv2dGeometry sameLower(Conv2d conv, Shape input) {
        Conv2dGeometry upper = conv.geometry(input);
        Padding p = Padding.same(input.dim(2), input.dim(3), conv.kernelH(), conv.kernelW(), conv.strideH(),
                conv.strideW(), conv.dilationH(), conv.dilationW());
        return Conv2dGeometry.of(upper.batch(), conv.inChannels(), input.dim(2), input.dim(3), conv.outChannels(),
                conv.kernelH(), conv.kernelW(), conv.strideH(), conv.strideW(),
                new Padding(p.bottom(), p.top(), p.right(), p.left()), conv.dilationH(), conv.dilationW(),
                conv.groups());
    }

    static OnnxStep batchNorm(OnnxAttributes a, Tensor scale, Tensor bias, Tensor mean, Tensor var) {
        if (a.i("training_mode", 0) != 0) {
            throw a.error("training_mode 1 is not supported; the importer runs inference only");
        }
        int c = scale.size();
        for (Tensor t : new Tensor[] {scale, bias, mean, var}) {
            if (t.rank() != 1 || t.size() != c) {
                throw a.error("scale, B, mean and var must each hold " + c + " values, received " + t.shape());
            }
        }
        BatchNorm2d bn = new BatchNorm2d(c, a.f("epsilon", 1e-5f), 1f - a.f("momentum", 0.9f));
        bn.weight().value().copyFrom(scale);
        bn.bias().value().copyFrom(bias);
        bn.runningMean().copyFrom(mean);
        bn.runningVar().copyFrom(var);
        return new LayerStep(bn);
    }

    /** MaxPool or AveragePool over 2-D windows; pads must be equal on both sides of an axis. */
    static OnnxStep pool(OnnxAttributes a, boolean max) {
        int[] kernel = a.ints("kernel_shape");
        if (kernel == null || kernel.length != 2) {
            throw a.error("kernel_shape must give 2 values (2-D pooling), received "
                    + (kernel == null ? "none" : java.util.Arrays.toString(kernel)));
        }
        int[] strides = a.ints("strides", 2, 1);
        int[] pads = a.ints("pads", 4, 0);
        int[] dilations = a.ints("dilations", 2, 1);
        if (dilations[0] != 1 || dilations[1] != 1) {
            throw a.error("dilations " + java.util.Arrays.toString(dilations) + " are not supported; only 1");
        }
        if (max && a.i("storage_order", 0) != 0) {
            throw a.error("storage_order 1 is not supported");
        }
        AutoPad autoPad = autoPad(a, false);
        if (autoPad == AutoPad.VALID) {
            pads = new int[4];
        }
        if (pads[0] != pads[2] || pads[1] != pads[3]) {
            throw a.error("pads " + java.util.Arrays.toString(pads) + " differ between the two sides of an axis; "
                    + "only symmetric pooling pads are supported");
        }
        boolean ceil = a.i("ceil_mode", 0) != 0;
        boolean countIncludePad = a.i("count_include_pad", 0) != 0;
        int padH = pads[0];
        int padW = pads[1];
        return new OnnxStep() {
            @Override
            public Variable apply(Variable[] in) {
                Pool2dGeometry g = geometry(in[0].shape());
                return max ? PoolOps.maxPool2d(in[0], g) : PoolOps.avgPool2d(in[0], g, countIncludePad);
            }

            @Override
            public Shape shape(Shape[] in) {
                Pool2dGeometry g = geometry(in[0]);
                return Shape.of(g.batch(), g.channels(), g.outH(), g.outW());
            }

            private Pool2dGeometry geometry(Shape s) {
                if (s.rank() != 4) {
                    throw a.error("expected an N x C x H x W input, received " + s);
                }
                try {
                    return new Pool2dGeometry(s.dim(0), s.dim(1), s.dim(2), s.dim(3), kernel[0], kernel[1],
                            strides[0], strides[1], padH, padW, ceil);
                } catch (IllegalArgumentException e) {
                    throw a.error("on input " + s + ": " + e.getMessage());
                }
            }
        };
    }

    private static AutoPad autoPad(OnnxAttributes a, boolean sameAllowed) {
        String s = a.s("auto_pad", "NOTSET");
        AutoPad p;
        try {
            p = AutoPad.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw a.error("auto_pad '" + s + "' is not one of NOTSET, VALID, SAME_UPPER, SAME_LOWER");
        }
        if (!sameAllowed && (p == AutoPad.SAME_UPPER || p == AutoPad.SAME_LOWER)) {
            throw a.error("auto_pad " + s + " is not supported for pooling; only NOTSET and VALID");
        }
        return p;
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
