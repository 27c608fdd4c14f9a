package conv4j.vision.filters;

import java.util.Arrays;
import java.util.Locale;

/**
 * A matrix of weights slid over a picture, row-major, with an odd number of rows and columns so that it has a
 * centre pixel. It is applied as a cross-correlation, as in every deep-learning library: the weight at row r, column
 * c multiplies the pixel r - height/2 rows and c - width/2 columns away from the output pixel (the kernel is not
 * flipped as in a textbook convolution).
 */
public record ImageKernel(int height, int width, double[] values) {

    public ImageKernel {
        if (height < 1 || width < 1 || height % 2 == 0 || width % 2 == 0) {
            throw new IllegalArgumentException("a kernel needs an odd number of rows and columns (it has a centre"
                    + " pixel), received " + height + " x " + width);
        }
        if (values == null || values.length != height * width) {
            throw new IllegalArgumentException("a " + height + " x " + width + " kernel has " + height * width
                    + " values, received " + (values == null ? "none" : values.length));
        }
        values = values.clone();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("kernel row " + (i / width + 1) + ", column " + (i % width + 1)
                        + " is " + values[i] + "; weights must be finite");
            }
        }
    }

    /** A kernel from its rows, e.g. {@code of(new double[][] {{0, -1, 0}, {-1, 5, -1}, {0, -1, 0}})}. */
    public static ImageKernel of(double[][] rows) {
        int height = rows.length;
        int width = height == 0 ? 0 : rows[0].length;
        double[] values = new double[height * width];
        for (int r = 0; r < height; r++) {
            if (rows[r].length != width) {
                throw new IllegalArgumentException("kernel row " + (r + 1) + " has " + rows[r].length
                        + " values, row 1 has " + width);
            }
            System.arraycopy(rows[r], 0, values, r * width, width);
        }
        return new ImageKernel(height, width, values);
    }

    /** A copy of the weights, row-major. */
    @Override
    public double[] values() {
        return values.clone();
    }

    public double get(int row, int column) {
        return values[row * width + column];
    }

    /** Every weight times {@code factor} (the 1/16 in front of the Gaussian, or 0.5 to darken). */
    public ImageKernel scaled(double factor) {
        if (!Double.isFinite(factor)) {
            throw new IllegalArgumentException("a kernel's scale must be finite, received " + factor);
        }
        double[] v = values.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] *= factor;
        }
        return new ImageKernel(height, width, v);
    }

    /** The sum of the weights: 1 keeps the brightness of flat areas, 0 turns them black. */
    public double sum() {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    /** The weights as float32, the engine's element type. */
    public float[] floats() {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    /** The rows, as the --kernel option takes them: {@code 0,-1,0;-1,5,-1;0,-1,0}. */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                b.append(c == 0 ? (r == 0 ? "" : ";") : ",").append(number(get(r, c)));
            }
        }
        return b.toString();
    }

    /** One line per row, numbers right-aligned in columns of equal width, at most four decimals. */
    public String matrix() {
        String[] cells = new String[values.length];
        int cellWidth = 1;
        for (int i = 0; i < values.length; i++) {
            cells[i] = shortNumber(values[i]);
            cellWidth = Math.max(cellWidth, cells[i].length());
        }
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < height; r++) {
            b.append(r == 0 ? "" : "\n").append('[');
            for (int c = 0; c < width; c++) {
                b.append(c == 0 ? "" : " ").append(String.format(Locale.ROOT, "%" + cellWidth + "s",
                        cells[r * width + c]));
            }
            b.append(']');
        }
        return b.toString();
    }

    /** The shortest text that reads back as the same double: 1 rather than 1.0, 0.0625 as it is. */
    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** For reading, not for reading back: 0.0625 as it is, 0.0751136... as 0.0751. */
    public static String shortNumber(double v) {
        double rounded = Math.round(v * 1e4) / 1e4;
        return rounded == v ? number(v) : String.format(Locale.ROOT, "%.4f", v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageKernel k && k.height == height && k.width == width
                && Arrays.equals(k.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * height + width) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return height + " x " + width + " kernel [" + text() + "]";
    }
}
