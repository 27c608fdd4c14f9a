package conv4j.tensor;

import java.util.Arrays;

/**
 * A float32 tensor: a shape and one contiguous row-major Java array (NCHW for images). It lives on the heap like any
 * object; there is nothing to close. Reshaping shares the array; {@link #copy()} does not.
 */
public final class Tensor {
    private final Shape shape;
    private final float[] data;

    public Tensor(Shape shape, float[] data) {
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("shape " + shape + " needs " + shape.size()
                    + " values, received " + data.length);
        }
        this.shape = shape;
        this.data = data;
    }

    public static Tensor zeros(Shape shape) {
        return new Tensor(shape, new float[shape.size()]);
    }

    public static Tensor zeros(int... dims) {
        return zeros(Shape.of(dims));
    }

    public static Tensor full(Shape shape, float value) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    public static Tensor ones(Shape shape) {
        return full(shape, 1f);
    }

    public static Tensor scalar(float value) {
        return new Tensor(Shape.of(), new float[] {value});
    }

    /** A tensor over a copy of {@code values}, e.g. {@code Tensor.of(new float[]{1, 2, 3, 4}, 2, 2)}. */
    public static Tensor of(float[] values, int... dims) {
        return new Tensor(Shape.of(dims), values.clone());
    }

    /** A 2-D tensor from rows of equal length. */
    public static Tensor matrix(float[]... rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] d = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length
                        + " values, row 0 has " + cols);
            }
            System.arraycopy(rows[r], 0, d, r * cols, cols);
        }
        return new Tensor(Shape.of(rows.length, cols), d);
    }

    /** Normal(0, std) entries. */
    public static Tensor randn(Shape shape, Rng rng, double std) {
        Tensor t = zeros(shape);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = (float) (rng.nextGaussian() * std);
        }
        return t;
    }

    /** Uniform entries in [low, high). */
    public static Tensor uniform(Shape shape, Rng rng, double low, double high) {
        Tensor t = zeros(shape);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = (float) (low + (high - low) * rng.nextDouble());
        }
        return t;
    }

    public Shape shape() {
        return shape;
    }

    /** The backing array itself, not a copy: kernels read and write it directly. */
    public float[] data() {
        return data;
    }

    public int size() {
        return data.length;
    }

    public int rank() {
        return shape.rank();
    }

    public int dim(int i) {
        return shape.dim(i);
    }

    public float get(int... index) {
        return data[offset(index)];
    }

    public void set(float value, int... index) {
        data[offset(index)] = value;
    }

    /** The single value of a one-element tensor. */
    public float item() {
        if (data.length != 1) {
            throw new IllegalStateException("item() needs a one-element tensor, this one has shape " + shape);
        }
        return data[0];
    }

    private int offset(int[] index) {
        int[] dims = shape.dims();
        if (index.length != dims.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has " + index.length
                    + " coordinates, shape " + shape + " has " + dims.length);
        }
        int off = 0;
        for (int i = 0; i < dims.length; i++) {
            if (index[i] < 0 || index[i] >= dims[i]) {
                throw new IllegalArgumentException("index " + Arrays.toString(index) + " is outside shape " + shape);
            }
            off = off * dims[i] + index[i];
        }
        return off;
    }

    /** A view with another shape over the same array; one dimension may be -1 (inferred). */
    public Tensor reshape(int... dims) {
        int[] d = dims.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape " + Arrays.toString(dims) + ": only one -1 allowed");
                }
                infer = i;
            } else {
                known *= d[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || data.length % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + shape + " to " + Arrays.toString(dims));
            }
            d[infer] = (int) (data.length / known);
        }
        return reshape(Shape.of(d));
    }

    public Tensor reshape(Shape newShape) {
        if (newShape.size() != data.length) {
            throw new IllegalArgumentException("cannot reshape " + shape + " (" + data.length + " values) to "
                    + newShape + " (" + newShape.size() + " values)");
        }
        return new Tensor(newShape, data);
    }

    public Tensor copy() {
        return new Tensor(shape, data.clone());
    }

    public Tensor fill(float value) {
        Arrays.fill(data, value);
        return this;
    }

    /** Copies {@code other}'s values into this tensor; the shapes must be equal. */
    public void copyFrom(Tensor other) {
        if (!other.shape.equals(shape)) {
            throw new IllegalArgumentException("cannot copy a " + other.shape + " tensor into a " + shape + " tensor");
        }
        System.arraycopy(other.data, 0, data, 0, data.length);
    }

    /** A copy of sample {@code n} of a batch (the batch dimension must be first). */
    public Tensor slice(int n) {
        int per = shape.sizeFrom(1);
        Tensor out = zeros(shape.dropFirst());
        System.arraycopy(data, n * per, out.data, 0, per);
        return out;
    }

    /**
     * The values as PyTorch prints them, e.g. {@code tensor([[1., 2.],\n        [3., 4.]], shape=2x2)}; above 1000
     * values only the first and last 3 along each axis, so that printing a batch of feature maps stays cheap.
     */
    @Override
    public String toString() {
        return TensorText.of(this);
    }
}
