package conv4j.io;

import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.Objects;

/**
 * One tensor of a safetensors file as conv4j holds it: floating dtypes as float32 values, integer dtypes (such as
 * BatchNorm's num_batches_tracked) as longs. {@code dtype} is the type in the file; conv4j writes F32 and I64.
 */
public record TensorData(DType dtype, Shape shape, float[] floats, long[] longs) {

    public TensorData {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        if (dtype.isFloating() != (floats != null) || (floats == null) == (longs == null)) {
            throw new IllegalArgumentException(dtype + " tensor needs " + (dtype.isFloating() ? "float" : "long")
                    + " values only");
        }
        int length = floats != null ? floats.length : longs.length;
        if (length != shape.size()) {
            throw new IllegalArgumentException("shape " + shape + " needs " + shape.size() + " values, received "
                    + length);
        }
    }

    /** A float32 tensor, sharing its values. */
    public static TensorData of(Tensor tensor) {
        return new TensorData(DType.F32, tensor.shape(), tensor.data(), null);
    }

    /** An I64 tensor, sharing its values. */
    public static TensorData ofLongs(Shape shape, long... values) {
        return new TensorData(DType.I64, shape, null, values);
    }

    /** An I64 scalar, as PyTorch stores counters. */
    public static TensorData scalar(long value) {
        return ofLongs(Shape.of(), value);
    }

    public boolean isFloating() {
        return floats != null;
    }

    /** The values as a float32 tensor (sharing them); only for floating dtypes. */
    public Tensor tensor() {
        if (floats == null) {
            throw new IllegalStateException(dtype + " tensor has integer values, not floats");
        }
        return new Tensor(shape, floats);
    }

    /** The dtype conv4j writes for these values: F32 or I64. */
    DType storedType() {
        return floats != null ? DType.F32 : DType.I64;
    }
}
