package conv4j.onnx;

/**
 * ONNX's {@code TypeProto.Tensor}: the element type (a {@link TensorProto} data type) and the shape, null when the
 * rank itself is unknown.
 */
public record TensorTypeProto(int elemType, TensorShapeProto shape) {
}
