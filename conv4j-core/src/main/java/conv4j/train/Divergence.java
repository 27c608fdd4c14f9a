package conv4j.train;

/**
 * The first NaN or infinity of a training step, and where it appeared: a layer's output, the loss, or a parameter's
 * gradient. {@code step} is the number the step would have had (the steps taken before it, plus one); {@code epoch}
 * and {@code batch} are indices from 0. {@code layer} is the layer's label ({@code Conv2d 'features.3'}) and
 * {@code layerPath} its path, both null for the loss; {@code parameter} is the local name of the parameter
 * ("weight"), null unless the source is a gradient.
 */
public record Divergence(long step, int epoch, int batch, Source source, String layer, String layerPath,
        String parameter, boolean nan) {

    public enum Source { OUTPUT, LOSS, GRADIENT }

    public Divergence {
        if (source == null) {
            throw new IllegalArgumentException("a divergence needs a source");
        }
        if ((source == Source.LOSS) != (layer == null)) {
            throw new IllegalArgumentException("a " + source + " divergence " + (layer == null ? "needs" : "has no")
                    + " layer, received " + layer);
        }
    }

    /**
     * For instance {@code step 1234 (epoch 3, batch 17): the output of Conv2d 'features.3' is NaN}. Epochs and batches
     * are counted from 1 here, as a progress display counts them.
     */
    public String message() {
        String value = nan ? "NaN" : "infinite";
        String where = switch (source) {
            case OUTPUT -> "the output of " + layer + " is " + value;
            case LOSS -> "the loss is " + value + " while every layer's output is finite";
            case GRADIENT -> "the gradient of " + layer + " (" + parameter + ") is " + value;
        };
        return "step " + step + " (epoch " + (epoch + 1) + ", batch " + (batch + 1) + "): " + where;
    }
}
