package conv4j.io;

import conv4j.nn.Module;
import conv4j.nn.Summary;
import conv4j.tensor.Shape;
import java.util.Locale;

/**
 * The memory one picture's forward pass may ask of a model from a file. The loader bounds parameters by the file's
 * length, but a file of a few kilobytes can describe an adaptive pool to 46000 x 46000, a padding of 23000 or an
 * input of 40000 x 40000 pixels, each of them gigabytes of activations for a single picture. The summary knows every
 * layer's output from shapes alone, so the model is refused before anything runs. One GiB is twenty times what VGG-E
 * (the zoo's largest) needs at 224 x 224: 56 MB of outputs with the input.
 */
final class ActivationBudget {
    static final long MAX_BYTES = 1L << 30;

    private ActivationBudget() {
    }

    /** Throws an IllegalArgumentException naming the largest layer when one sample needs more than the limit. */
    static void check(Module model, Shape sampleShape) {
        long total = (long) sampleShape.size() * Float.BYTES;
        String largest = "the input";
        Shape largestShape = sampleShape.withBatch(1);
        long largestBytes = total;
        if (sampleShape.rank() == 3) {
            for (Summary.Row row : Summary.of(model, sampleShape).rows()) {
                total += row.activationBytes();
                if (row.activationBytes() > largestBytes) {
                    largestBytes = row.activationBytes();
                    largest = "layer '" + row.name() + "' (" + row.layer() + ")";
                    largestShape = row.outputShape();
                }
            }
        }
        if (total > MAX_BYTES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "one %s picture needs %s of activations "
                    + "in a forward pass, over the limit of %s; the largest is %s, %s = %s", sampleShape, size(total),
                    size(MAX_BYTES), largest, largestShape, size(largestBytes)));
        }
    }

    private static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
}
