package conv4j.onnx;

import conv4j.io.AtomicFiles;
import conv4j.nn.Module;
import conv4j.onnx.ExportScope.Value;
import conv4j.onnx.TensorShapeProto.Dimension;
import conv4j.tensor.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Writes a conv4j model as an ONNX model for inference: opset 17, one input "input" of N x C x H x W and one output
 * "output", N a symbolic dimension so that any batch size runs. The weights are initializers named as in the
 * model's state_dict ({@code features.0.weight}, {@code layer1.0.bn1.running_mean}). The graph is the model's
 * evaluation-mode forward pass, whatever mode the model is in: dropout is left out, batch norm uses the running
 * statistics, auxiliary classifiers (which run in training only) are not written. Each layer is written by its row in
 * the export table; a layer outside it is an {@link OnnxExportException} that names it and lists the exportable ones.
 *
 * <p>Layers whose nodes follow the input size (adaptive pooling, "same" padding) are written for the height and width
 * given here; only the batch size stays free.
 */
public final class OnnxExport {
    public static final long OPSET = 17;
    public static final long IR_VERSION = 8;
    public static final String PRODUCER = "conv4j";
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    private static final String BATCH = "N";

    private OnnxExport() {
    }

    /** The model as ONNX records, for inputs of {@code inputShape} (C x H x W, without the batch). */
    public static ModelProto toModel(Module model, Shape inputShape) {
        if (inputShape.rank() != 3 || inputShape.size() == 0) {
            throw new OnnxExportException("the input shape is C x H x W with positive sizes, without the batch; "
                    + "received " + inputShape);
        }
        Shape batchOfOne = inputShape.withBatch(1);
        Shape outputShape;
        try {
            outputShape = model.outputShape(batchOfOne);
        } catch (IllegalArgumentException e) {
            throw new OnnxExportException("cannot export " + model.label() + " for inputs of " + inputShape + ": "
                    + e.getMessage(), e);
        }
        List<String> reserved = new ArrayList<>(model.stateDict().keySet());
        reserved.add(INPUT);
        reserved.add(OUTPUT);
        OnnxGraphBuilder graph = new OnnxGraphBuilder(reserved);
        Value result = LayerExporters.export(model, "", graph, new Value(INPUT, batchOfOne));
        GraphProto g = graph.graph(model.typeName(), valueInfo(INPUT, batchOfOne), result.name(),
                valueInfo(OUTPUT, outputShape));
        return new ModelProto(IR_VERSION, List.of(new OperatorSetIdProto("", OPSET)), PRODUCER, version(), g);
    }

    /** The model's ONNX file as bytes. */
    public static byte[] toBytes(Module model, Shape inputShape) {
        return OnnxWriter.toBytes(toModel(model, inputShape));
    }

    /**
     * Writes the model's ONNX file to {@code out}, atomically: the bytes go to a temporary file in the same folder,
     * which is renamed over {@code out} once complete, so a failure leaves {@code out} as it was and no partial file.
     */
    public static void write(Module model, Shape inputShape, Path out) throws IOException {
        byte[] bytes = toBytes(model, inputShape);
        AtomicFiles.write(out, channel -> {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                channel.write(b);
            }
        });
    }

    /** float32 of the shape, its first dimension the symbolic batch N. */
    private static ValueInfoProto valueInfo(String name, Shape shape) {
        List<Dimension> dims = new ArrayList<>();
        dims.add(Dimension.of(BATCH));
        for (int k = 1; k < shape.rank(); k++) {
            dims.add(Dimension.of(shape.dim(k)));
        }
        return new ValueInfoProto(name, new TensorTypeProto(TensorProto.FLOAT, new TensorShapeProto(dims)));
    }

    /** The project version the build filtered into a resource; empty where it was not (a run from sources). */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = OnnxExport.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String v = p.getProperty("version", "");
        return v.startsWith("${") ? "" : v;
    }
}
