package conv4j.autograd;

import conv4j.kernels.Conv2dGeometry;
import conv4j.kernels.Conv2dKernel;
import conv4j.tensor.Tensor;

/** 2-D convolution (cross-correlation, as in every deep-learning library) with its hand-written backward kernels. */
public final class ConvOps {
    private ConvOps() {
    }

    /**
     * Input N x C x H x W, weight K x C/groups x kH x kW, bias K or null; the geometry must describe exactly these
     * shapes.
     */
    public static Variable conv2d(Variable input, Variable weight, Variable bias, Conv2dGeometry g) {
        if (!input.shape().equals(g.inputShape()) || !weight.shape().equals(g.weightShape())) {
            throw new IllegalArgumentException("conv2d: input " + input.shape() + " and weight " + weight.shape()
                    + " do not match the geometry's " + g.inputShape() + " and " + g.weightShape());
        }
        if (bias != null && bias.value().size() != g.outChannels()) {
            throw new IllegalArgumentException("conv2d: bias has " + bias.value().size() + " values, expected "
                    + g.outChannels());
        }
        Tensor out = Tensor.zeros(g.outputShape()); // N x K x H' x W'
        Conv2dKernel.forward(g, input.value().data(), weight.value().data(),
                bias == null ? null : bias.value().data(), out.data());
        Variable[] inputs = bias == null ? new Variable[] {input, weight} : new Variable[] {input, weight, bias};
        return Variable.result("conv2d", out, inputs, gradOut -> {
            if (input.requiresGrad()) {
                Tensor dx = Tensor.zeros(g.inputShape());
                Conv2dKernel.backwardInput(g, gradOut.data(), weight.value().data(), dx.data());
                input.addOwnedGrad(dx);
            }
            boolean wantBias = bias != null && bias.requiresGrad();
            if (weight.requiresGrad() || wantBias) {
                // The kernel overwrites dWeight: straight into a gradient that was zeroed for this step, if it is.
                Tensor zeroed = weight.gradToOverwrite();
                Tensor dw = zeroed != null ? zeroed : Tensor.zeros(g.weightShape());
                Tensor db = wantBias ? Tensor.zeros(g.outChannels()) : null;
                Conv2dKernel.backwardWeight(g, input.value().data(), gradOut.data(), dw.data(),
                        db == null ? null : db.data());
                if (zeroed == null) {
                    weight.addOwnedGrad(dw);
                }
                if (db != null) {
                    bias.addOwnedGrad(db);
                }
            }
        });
    }
}
