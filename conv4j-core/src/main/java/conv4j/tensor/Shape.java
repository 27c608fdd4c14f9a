package conv4j.tensor;

import java.util.Arrays;

/**
 * The dimensions of a tensor, outermost first (NCHW for images). Immutable; every dimension is at least 0 and the
 * element count must fit in an int, because a tensor lives in one Java array.
 */
public record Shape(int[] dims) {

    public Shape {
        dims = dims.clone();
        long size = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException("dimension " + i + " of shape " + Arrays.toString(dims)
                        + " is negative: " + dims[i]);
            }
            size *= dims[i];
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims)
                        + " has more elements than one Java array holds (" + Integer.MAX_VALUE + ")");
            }
        }
    }

    public static Shape of(int... dims) {
        return new Shape(dims);
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    /** Dimension {@code i}; negative {@code i} counts from the end, as in Python. */
    public int dim(int i) {
        int j = i < 0 ? dims.length + i : i;
        if (j < 0 || j >= dims.length) {
            throw new IllegalArgumentException("shape " + this + " has no dimension " + i);
        }
        return dims[j];
    }

    public int size() {
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        return size;
    }

    /** The product of the dimensions from {@code from} (inclusive) to the end. */
    public int sizeFrom(int from) {
        int size = 1;
        for (int i = from; i < dims.length; i++) {
            size *= dims[i];
        }
        return size;
    }

    /** This shape with {@code n} prepended, e.g. a sample shape C x H x W to a batch shape N x C x H x W. */
    public Shape withBatch(int n) {
        int[] d = new int[dims.length + 1];
        d[0] = n;
        System.arraycopy(dims, 0, d, 1, dims.length);
        return new Shape(d);
    }

    /** This shape without its first dimension. */
    public Shape dropFirst() {
        if (dims.length == 0) {
            throw new IllegalArgumentException("a scalar shape has no first dimension");
        }
        return new Shape(Arrays.copyOfRange(dims, 1, dims.length));
    }

    /** This shape with dimension {@code i} replaced. */
    public Shape with(int i, int value) {
        int[] d = dims.clone();
        d[i < 0 ? d.length + i : i] = value;
        return new Shape(d);
    }

    /** Parses {@code "3x224x224"} (also accepts commas). */
    public static Shape parse(String text) {
        String[] parts = text.trim().split("[xX,*]");
        int[] d = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                d[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("shape '" + text + "': '" + parts[i].trim()
                        + "' is not a whole number (expected a form like 3x224x224)");
            }
        }
        return new Shape(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** {@code 8x64x56x56}; a scalar prints as {@code scalar}. */
    @Override
    public String toString() {
        if (dims.length == 0) {
            return "scalar";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                b.append('x');
            }
            b.append(dims[i]);
        }
        return b.toString();
    }
}
