package conv4j.cli;

import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.train.Plural;
import java.util.ArrayList;
import java.util.List;

/** Typed grids and lists of numbers turned into what the engine's layers take. */
final class Grids {
    private Grids() {
    }

    /** Grids of one size as a 1 x C x H x W batch of one. */
    static Tensor tensor(List<Grid> channels) {
        Grid first = channels.get(0);
        int h = first.height();
        int w = first.width();
        float[] data = new float[channels.size() * h * w];
        for (int c = 0; c < channels.size(); c++) {
            for (int r = 0; r < h; r++) {
                System.arraycopy(channels.get(c).rows()[r], 0, data, (c * h + r) * w, w);
            }
        }
        return new Tensor(Shape.of(1, channels.size(), h, w), data);
    }

    /**
     * {@code count} numbers, one per {@code one} ("filter", plural {@code many}), from an option that is repeated or
     * holds a list ("1,-2"); all zeros when the option is absent.
     */
    static float[] values(List<String> texts, String option, int count, String one, String many) {
        if (texts == null || texts.isEmpty()) {
            return new float[count];
        }
        List<Float> values = new ArrayList<>();
        for (String t : texts) {
            for (float[] row : Grid.parse(t, option).rows()) {
                for (float v : row) {
                    values.add(v);
                }
            }
        }
        if (values.size() != count) {
            throw new IllegalArgumentException(option + " gives " + Plural.of(values.size(), "value")
                    + " for " + Plural.of(count, one, many)
                    + "; give one per " + one);
        }
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
