package conv4j.kernels;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How {@link Conv2dKernel} computes each pass of one convolution: the kernel rows and columns that read only padding
 * cut off first ({@link KernelCrop}), then the first method of {@link ConvMethod}'s table that applies to each pass of
 * what is left. A plan depends on the geometry alone (batch included), so anyone can ask for it before running.
 *
 * @param geometry       the convolution as the layer declares it
 * @param computed       the geometry the methods compute: {@code geometry} with its kernel cropped, or itself
 * @param forward        the method of the forward pass
 * @param inputGradient  the method of the gradient with respect to the input
 * @param weightGradient the method of the gradients with respect to the weights and bias
 */
public record ConvPlan(Conv2dGeometry geometry, Conv2dGeometry computed, ConvMethod forward, ConvMethod inputGradient,
                       ConvMethod weightGradient) {
    /** Plans kept, so that a training step looks its layers' plans up instead of building them (and allocating). */
    private static final int CACHED = 512;
    private static final Map<Conv2dGeometry, ConvPlan> PLANS = new ConcurrentHashMap<>();

    public ConvPlan {
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(computed, "computed");
        Objects.requireNonNull(forward, "forward");
        Objects.requireNonNull(inputGradient, "inputGradient");
        Objects.requireNonNull(weightGradient, "weightGradient");
    }

    /** The plan of {@code g}. */
    public static ConvPlan of(Conv2dGeometry g) {
        ConvPlan plan = PLANS.get(g);
        if (plan == null) {
            plan = make(g);
            if (PLANS.size() >= CACHED) {
                PLANS.clear(); // a program that meets this many geometries does not run one model in a loop
            }
            PLANS.put(g, plan);
        }
        return plan;
    }

    private static ConvPlan make(Conv2dGeometry g) {
        KernelCrop crop = KernelCrop.of(g);
        Conv2dGeometry c = crop == null ? g : crop.cropped();
        return new ConvPlan(g, c, ConvMethod.choose(ConvPass.FORWARD, c), ConvMethod.choose(ConvPass.INPUT_GRADIENT, c),
                ConvMethod.choose(ConvPass.WEIGHT_GRADIENT, c));
    }

    /** The method of {@code pass}. */
    public ConvMethod method(ConvPass pass) {
        return switch (pass) {
            case FORWARD -> forward;
            case INPUT_GRADIENT -> inputGradient;
            case WEIGHT_GRADIENT -> weightGradient;
        };
    }

    /** True when kernel rows or columns that only read padding are cut off before the methods run. */
    public boolean cropped() {
        return !computed.equals(geometry);
    }

    /** "forward direct, input gradient direct, weight gradient im2col", plus the crop if any. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (ConvPass pass : ConvPass.values()) {
            s.append(s.length() == 0 ? "" : ", ").append(pass.label()).append(' ').append(method(pass).label());
        }
        if (cropped()) {
            s.append(" (kernel cropped to ").append(computed.kernelH()).append('x').append(computed.kernelW())
                    .append(')');
        }
        return s.toString();
    }
}
