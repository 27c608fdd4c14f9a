package conv4j.kernels;

/**
 * The ways a convolution pass can be computed, in the order the plan tries them: the first row that applies to a pass
 * of a geometry computes it. The cheap special cases come first, each where it pays (its class says what set its
 * thresholds); im2col + GEMM, the lecture's convolution as a dot product, takes whatever is left. Every method is
 * deterministic on its own, and which one runs depends only on the geometry and the pass, never on timing. Adding a
 * method is one class and one row here.
 */
public enum ConvMethod {
    FULL_WINDOW("the window covers the whole input: one product for the whole batch (a fully connected layer)",
            (g, pass) -> FullWindowConv.applies(g),
            FullWindowConv::forward, FullWindowConv::backwardInput, FullWindowConv::backwardWeight),
    DENSE("a map smaller than the window: one dense matrix for the batch, no products with padding",
            (g, pass) -> DenseConv.applies(g),
            DenseConv::forward, DenseConv::backwardInput, DenseConv::backwardWeight),
    BATCH_COLUMNS("small output maps of several images: their columns side by side in one product",
            (g, pass) -> BatchColumnConv.applies(g),
            (g, x, w, b, y) -> BatchColumnConv.forward(g, x, w, b, y, Im2colConv.MAX_COLUMN_FLOATS),
            (g, dy, w, dx) -> BatchColumnConv.backwardInput(g, dy, w, dx, Im2colConv.MAX_COLUMN_FLOATS),
            (g, x, dy, dw, db) -> BatchColumnConv.backwardWeight(g, x, dy, dw, db, Im2colConv.MAX_COLUMN_FLOATS)),
    POINTWISE("a 1x1 kernel at stride 1 without padding: the image is its own column matrix",
            (g, pass) -> g.isPointwise(),
            Im2colConv::forward, Im2colConv::backwardInput, Im2colConv::backwardWeight),
    WINOGRAD("stride-1 3x3 with enough channels and 4x4 output tiles: F(4x4, 3x3), a quarter of the multiplications",
            (g, pass) -> switch (pass) {
                case FORWARD -> WinogradConv.applies(g);
                case INPUT_GRADIENT -> WinogradConv.appliesToInputGradient(g);
                case WEIGHT_GRADIENT -> false;
            },
            WinogradConv::forward, WinogradConv::backwardInput,
            (g, x, dy, dw, db) -> {
                throw new UnsupportedOperationException("Winograd computes no weight gradient");
            }),
    DIRECT("stride 1 with up to a few hundred channels: the padded image read in place of a column matrix",
            (g, pass) -> switch (pass) {
                case FORWARD -> DirectConv.applies(g);
                case INPUT_GRADIENT -> DirectConv.appliesToInputGradient(g);
                case WEIGHT_GRADIENT -> DirectConv.appliesToWeightGradient(g);
            },
            DirectConv::forward, DirectConv::backwardInput, DirectConv::backwardWeight),
    IM2COL("the reference: each image unfolded into a column matrix, then one GEMM per image and group",
            (g, pass) -> true,
            Im2colConv::forward, Im2colConv::backwardInput, Im2colConv::backwardWeight);

    /** Whether a method computes a pass of a geometry. */
    @FunctionalInterface
    interface Applies {
        boolean test(Conv2dGeometry g, ConvPass pass);
    }

    @FunctionalInterface
    interface Forward {
        void run(Conv2dGeometry g, float[] x, float[] weight, float[] bias, float[] y);
    }

    @FunctionalInterface
    interface BackwardInput {
        void run(Conv2dGeometry g, float[] dy, float[] weight, float[] dx);
    }

    @FunctionalInterface
    interface BackwardWeight {
        void run(Conv2dGeometry g, float[] x, float[] dy, float[] dWeight, float[] dBias);
    }

    private final String reason;
    private final Applies applies;
    private final Forward forward;
    private final BackwardInput backwardInput;
    private final BackwardWeight backwardWeight;

    ConvMethod(String reason, Applies applies, Forward forward, BackwardInput backwardInput,
               BackwardWeight backwardWeight) {
        this.reason = reason;
        this.applies = applies;
        this.forward = forward;
        this.backwardInput = backwardInput;
        this.backwardWeight = backwardWeight;
    }

    /** When and why this method is taken. */
    public String reason() {
        return reason;
    }

    /** "batch columns": for plans printed to people. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /** Whether this method computes {@code pass} of {@code g}; {@link #IM2COL} computes every pass. */
    public boolean applies(Conv2dGeometry g, ConvPass pass) {
        return applies.test(g, pass);
    }

    /** The first method of the table that applies to {@code pass} of {@code g}. */
    public static ConvMethod choose(ConvPass pass, Conv2dGeometry g) {
        for (ConvMethod method : values()) {
            if (method.applies(g, pass)) {
                return method;
            }
        }
        throw new AssertionError("im2col applies to every convolution");
    }

    // The passes trust their arguments (checked by Conv2dKernel): weights may sit at the start of a longer array.
    void forward(Conv2dGeometry g, float[] x, float[] weight, float[] bias, float[] y) {
        forward.run(g, x, weight, bias, y);
    }

    void backwardInput(Conv2dGeometry g, float[] dy, float[] weight, float[] dx) {
        backwardInput.run(g, dy, weight, dx);
    }

    void backwardWeight(Conv2dGeometry g, float[] x, float[] dy, float[] dWeight, float[] dBias) {
        backwardWeight.run(g, x, dy, dWeight, dBias);
    }
}
