/**
 * ONNX models as immutable records, read and written by a hand-written protobuf wire codec.
 *
 * <p>There is no protobuf-java dependency on purpose: the dozen messages a CNN needs do not justify a code generator
 * and its runtime, and a hand-written reader can check every declared length against the bytes that are left before
 * it allocates anything, so a corrupt or hostile file fails with an {@link conv4j.onnx.OnnxFormatException} that names
 * the message, the field and the byte offset instead of an {@link OutOfMemoryError}. Only the fields an importer of
 * convolutional networks reads are kept; every other field is skipped, as protobuf's forward compatibility asks.
 * Field numbers are those of {@code onnx/onnx.proto}.
 *
 * <p>{@link conv4j.onnx.OnnxImport} turns a graph into a runnable {@link conv4j.onnx.OnnxModel} for inference;
 * {@link conv4j.onnx.OnnxExport} writes a conv4j model's evaluation-mode forward pass as a graph, one row of its
 * table per layer class.
 */
package conv4j.onnx;
