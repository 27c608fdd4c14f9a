package conv4j.kernels;

/** The three computations of a convolution layer; the plan picks a method for each. */
public enum ConvPass {
    FORWARD("forward"),
    INPUT_GRADIENT("input gradient"),
    WEIGHT_GRADIENT("weight gradient");

    private final String label;

    ConvPass(String label) {
        this.label = label;
    }

    /** "input gradient": for plans printed to people. */
    public String label() {
        return label;
    }
}
