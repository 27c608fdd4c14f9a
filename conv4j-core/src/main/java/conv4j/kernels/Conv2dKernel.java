package conv4j.kernels;

import conv4j.tensor.Shape;

/**
 * Float32 NCHW convolution: checks the arrays against the geometry, then computes each pass by the method its
 * {@link ConvPlan} names. Before any method, kernel rows and columns that only ever read padding are cut off
 * ({@link KernelCrop}); then the first row of {@link ConvMethod}'s table that applies takes the pass: a window
 * covering the whole input ({@link FullWindowConv}), a map smaller than the window ({@link DenseConv}), small maps of
 * several images ({@link BatchColumnConv}), a 1x1 kernel, stride-1 3x3 layers with enough channels and tiles
 * ({@link WinogradConv}), stride-1 layers read in place ({@link DirectConv}), and im2col + GEMM ({@link Im2colConv})
 * for the rest. Each method is deterministic on its own; which one runs depends
 * only on the geometry and the pass.
 */
public final class Conv2dKernel {
    private static final Scratch CROPPED_WEIGHTS = new Scratch();

    private Conv2dKernel() {
    }

    /** y = conv(x, weight) + bias; {@code bias} may be null. y is overwritten. */
    public static void forward(Conv2dGeometry g, float[] x, float[] weight, float[] bias, float[] y) {
        checkForward(g, x, weight, bias, y);
        ConvPlan plan = ConvPlan.of(g);
        if (!plan.cropped()) {
            plan.forward().forward(g, x, weight, bias, y);
        } else {
            plan.forward().forward(plan.computed(), x, croppedWeights(g, plan, weight), bias, y);
        }
    }

    /** dx = the gradient of sum(y * dy) with respect to x; dx is overwritten. */
    public static void backwardInput(Conv2dGeometry g, float[] dy, float[] weight, float[] dx) {
        checkBackwardInput(g, dy, weight, dx);
        ConvPlan plan = ConvPlan.of(g);
        if (!plan.cropped()) {
            plan.inputGradient().backwardInput(g, dy, weight, dx);
        } else {
            plan.inputGradient().backwardInput(plan.computed(), dy, croppedWeights(g, plan, weight), dx);
        }
    }

    /** dWeight (and dBias unless null) = the gradients of sum(y * dy); both are overwritten. */
    public static void backwardWeight(Conv2dGeometry g, float[] x, float[] dy, float[] dWeight, float[] dBias) {
        checkBackwardWeight(g, x, dy, dWeight, dBias);
        ConvPlan plan = ConvPlan.of(g);
        if (!plan.cropped()) {
            plan.weightGradient().backwardWeight(g, x, dy, dWeight, dBias);
        } else {
            Conv2dGeometry c = plan.computed();
            float[] cropped = CROPPED_WEIGHTS.get(c.weightLength());
            plan.weightGradient().backwardWeight(c, x, dy, cropped, dBias);
            KernelCrop.of(g).expandGradient(g, cropped, dWeight);
        }
    }

    private static float[] croppedWeights(Conv2dGeometry g, ConvPlan plan, float[] weight) {
        float[] cropped = CROPPED_WEIGHTS.get(plan.computed().weightLength());
        KernelCrop.of(g).cropWeights(g, weight, cropped);
        return cropped;
    }

    /**
     * One method on the whole kernel, for tests and benchmarks that compare methods, also where the plan would not
     * take it: the method must be able to compute the geometry (its class says which it can).
     */
    public static void forward(ConvMethod method, Conv2dGeometry g, float[] x, float[] weight, float[] bias,
                               float[] y) {
        checkForward(g, x, weight, bias, y);
        method.forward(g, x, weight, bias, y);
    }

    public static void backwardInput(ConvMethod method, Conv2dGeometry g, float[] dy, float[] weight, float[] dx) {
        checkBackwardInput(g, dy, weight, dx);
        method.backwardInput(g, dy, weight, dx);
    }

    public static void backwardWeight(ConvMethod method, Conv2dGeometry g, float[] x, float[] dy, float[] dWeight,
                                      float[] dBias) {
        checkBackwardWeight(g, x, dy, dWeight, dBias);
        method.backwardWeight(g, x, dy, dWeight, dBias);
    }

    static void checkForward(Conv2dGeometry g, float[] x, float[] weight, float[] bias, float[] y) {
        requireLength("forward", "x", x, g.inputShape());
        requireLength("forward", "weight", weight, g.weightShape());
        if (bias != null) {
            requireLength("forward", "bias", bias, Shape.of(g.outChannels()));
        }
        requireLength("forward", "y", y, g.outputShape());
    }

    static void checkBackwardInput(Conv2dGeometry g, float[] dy, float[] weight, float[] dx) {
        requireLength("backwardInput", "dy", dy, g.outputShape());
        requireLength("backwardInput", "weight", weight, g.weightShape());
        requireLength("backwardInput", "dx", dx, g.inputShape());
    }

    static void checkBackwardWeight(Conv2dGeometry g, float[] x, float[] dy, float[] dWeight, float[] dBias) {
        requireLength("backwardWeight", "x", x, g.inputShape());
        requireLength("backwardWeight", "dy", dy, g.outputShape());
        requireLength("backwardWeight", "dWeight", dWeight, g.weightShape());
        if (dBias != null) {
            requireLength("backwardWeight", "dBias", dBias, Shape.of(g.outChannels()));
        }
    }

    private static void requireLength(String op, String name, float[] values, Shape shape) {
        if (values == null) {
            throw new IllegalArgumentException(op + ": " + name + " is null, expected " + shape + " values");
        }
        if (values.length != shape.size()) {
            throw new IllegalArgumentException(op + ": " + name + " has " + values.length + " values, the geometry"
                    + " needs " + shape + " = " + shape.size());
        }
    }

}
