package conv4j.tensor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A tensor written as PyTorch writes one, so that a value printed here reads like the lecture's
 * {@code tensor([[1., 2.], [3., 4.]])}: nested brackets, one row per line, every number in one width; whole numbers as
 * {@code 3.}, others with 4 decimals, scientific notation when the magnitudes span more than 1000 times. Above 1000
 * values only the first and last 3 along each axis are written, with {@code ...} between; the shape ends the text.
 */
final class TensorText {
    static final int THRESHOLD = 1000;
    static final int EDGE_ITEMS = 3;
    private static final int PRECISION = 4;
    private static final int LINE_WIDTH = 80;
    private static final String PREFIX = "tensor(";

    private final float[] data;
    private final int[] dims;
    private final int[] strides;
    private final boolean summarize;
    private final NumberStyle style;

    private TensorText(Tensor t) {
        this.data = t.data();
        this.dims = t.shape().dims();
        this.strides = new int[dims.length];
        for (int i = dims.length - 1, s = 1; i >= 0; i--) {
            strides[i] = s;
            s *= dims[i];
        }
        this.summarize = data.length > THRESHOLD;
        this.style = NumberStyle.of(shownValues());
    }

    static String of(Tensor t) {
        if (t.rank() == 0) {
            return PREFIX + new TensorText(t).style.format(t.data()[0]) + ")";
        }
        String body = t.size() == 0 ? "[]" : new TensorText(t).block(0, 0, PREFIX.length());
        return withSuffix(PREFIX + body, "shape=" + t.shape());
    }

    /** PyTorch's _add_suffixes: the suffix goes on a line of its own where it would pass the line width. */
    private static String withSuffix(String text, String suffix) {
        int lastLine = text.length() - text.lastIndexOf('\n') + 1;
        String separator = lastLine + suffix.length() + 2 > LINE_WIDTH ? ",\n" + " ".repeat(PREFIX.length()) : ", ";
        return text + separator + suffix + ")";
    }

    /** The values that will be written: the width and the notation depend on them alone, as in PyTorch. */
    private float[] shownValues() {
        if (!summarize) {
            return data;
        }
        List<Float> shown = new ArrayList<>();
        collect(0, 0, shown);
        float[] values = new float[shown.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = shown.get(i);
        }
        return values;
    }

    private void collect(int axis, int offset, List<Float> into) {
        for (int i : indices(axis)) {
            if (i < 0) {
                continue;
            }
            int at = offset + i * strides[axis];
            if (axis == dims.length - 1) {
                into.add(data[at]);
            } else {
                collect(axis + 1, at, into);
            }
        }
    }

    /** The indices written along an axis; -1 stands for the {@code ...} of a summarised one. */
    private int[] indices(int axis) {
        int n = dims[axis];
        if (!summarize || n <= 2 * EDGE_ITEMS) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] edges = new int[2 * EDGE_ITEMS + 1];
        for (int i = 0; i < EDGE_ITEMS; i++) {
            edges[i] = i;
            edges[EDGE_ITEMS + 1 + i] = n - EDGE_ITEMS + i;
        }
        edges[EDGE_ITEMS] = -1;
        return edges;
    }

    private String block(int axis, int offset, int indent) {
        if (axis == dims.length - 1) {
            return vector(offset, indent);
        }
        int[] indices = indices(axis);
        String separator = "," + "\n".repeat(dims.length - axis - 1) + " ".repeat(indent + 1);
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < indices.length; k++) {
            b.append(k == 0 ? "" : separator).append(indices[k] < 0 ? "..."
                    : block(axis + 1, offset + indices[k] * strides[axis], indent + 1));
        }
        return b.append(']').toString();
    }

    private String vector(int offset, int indent) {
        int axis = dims.length - 1;
        List<String> items = new ArrayList<>();
        for (int i : indices(axis)) {
            items.add(i < 0 ? " ..." : style.format(data[offset + i * strides[axis]]));
        }
        int perLine = Math.max(1, (LINE_WIDTH - indent) / (style.width() + 2));
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < items.size(); k++) {
            if (k > 0) {
                b.append(k % perLine == 0 ? ",\n" + " ".repeat(indent + 1) : ", ");
            }
            b.append(items.get(k));
        }
        return b.append(']').toString();
    }

    /** PyTorch's _Formatter: one notation and one width for every number of a tensor. */
    private record NumberStyle(boolean wholeNumbers, boolean scientific, int width) {

        static NumberStyle of(float[] values) {
            boolean whole = true;
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            boolean any = false;
            for (float v : values) {
                if (v != 0 && Float.isFinite(v)) {
                    any = true;
                    whole &= v == Math.ceil(v);
                    min = Math.min(min, Math.abs(v));
                    max = Math.max(max, Math.abs(v));
                }
            }
            if (!any) {
                return new NumberStyle(true, false, 1);
            }
            boolean scientific = max / min > 1000 || max > 1e8 || (!whole && min < 1e-4);
            NumberStyle unpadded = new NumberStyle(whole, scientific, 0);
            int width = 1;
            for (float v : values) {
                if (v != 0 && Float.isFinite(v)) {
                    width = Math.max(width, unpadded.format(v).length());
                }
            }
            return new NumberStyle(whole, scientific, width);
        }

        String format(float value) {
            String text;
            if (Float.isNaN(value)) {
                text = "nan";
            } else if (Float.isInfinite(value)) {
                text = value > 0 ? "inf" : "-inf";
            } else if (scientific) {
                text = String.format(Locale.ROOT, "%." + PRECISION + "e", (double) value);
            } else {
                text = fixed(value, wholeNumbers ? 0 : PRECISION) + (wholeNumbers ? "." : "");
            }
            return " ".repeat(Math.max(0, width - text.length())) + text;
        }

        /** Rounded half to even on the exact value, as Python's format does; -0.0 keeps its sign there too. */
        private static String fixed(float value, int decimals) {
            String digits = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
            boolean negative = value < 0 || (value == 0 && 1 / value < 0);
            return negative && !digits.startsWith("-") ? "-" + digits : digits;
        }
    }
}
