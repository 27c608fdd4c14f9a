package conv4j.onnx;

import conv4j.io.LoadOptions;
import conv4j.io.LoadedModel;
import conv4j.io.ModelFileException;
import conv4j.io.ModelFiles;
import conv4j.io.ModelFormat;
import conv4j.nn.Sequential;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * ONNX files for {@link ModelFiles}: the graph as an {@link OnnxModel}, with the information the graph gives and
 * what the user or {@link OnnxModelInfo} adds. Every fault of the file is one {@link ModelFileException} line naming
 * it: not protobuf, not an ONNX model, an operator this importer does not run.
 */
public final class OnnxFormat implements ModelFormat {
    @Override
    public String name() {
        return "ONNX";
    }

    @Override
    public boolean reads(Path file, byte[] head) {
        return ModelFiles.looksLikeOnnx(file, head);
    }

    @Override
    public LoadedModel load(Path file, LoadOptions options) throws IOException {
        ModelProto proto = read(file);
        OnnxModel model;
        try {
            model = OnnxImport.fromModel(proto);
        } catch (OnnxImportException e) {
            throw new ModelFileException(file + ": " + e.getMessage(), e);
        }
        return new LoadedModel(model, OnnxModelInfo.of(file, proto, model, options));
    }

    /**
     * The graph as a {@link Sequential} of conv4j layers with its weights, which a conv4j model file can hold, and
     * the same information as {@link #load}. Only chains of layers convert ({@link OnnxSequential}); anything else
     * is an {@link OnnxImportException} naming the node.
     */
    public static LoadedModel loadSequential(Path file, LoadOptions options) throws IOException {
        ModelProto proto = read(file);
        Sequential model = OnnxSequential.convert(proto);
        return new LoadedModel(model, OnnxModelInfo.of(file, proto, model, options));
    }

    /** The file's records; a file that is not an ONNX model fails naming it and what is wrong, in one line. */
    public static ModelProto read(Path file) throws IOException {
        byte[] head = ModelFiles.head(file);
        if (head.length == 0) {
            throw new ModelFileException(file + ": the file is empty, not an ONNX model");
        }
        ModelProto proto;
        try {
            proto = OnnxReader.read(file);
        } catch (OnnxFormatException e) {
            String start = head[0] == 0x08 ? "" : "; it starts with byte 0x" + HexFormat.of().toHexDigits(head[0])
                    + ", an ONNX model with 0x08 (its ir_version)";
            throw new ModelFileException(file + ": not a valid ONNX file (" + e.getMessage() + ")" + start, e);
        }
        if (proto.graph() == null) {
            throw new ModelFileException(file + ": not an ONNX model (the file holds no graph)");
        }
        return proto;
    }
}
