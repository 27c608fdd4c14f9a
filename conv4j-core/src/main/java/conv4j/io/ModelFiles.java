package conv4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Opens a model file of any format this class path reads: a conv4j model file (safetensors, {@link ModelFile}) or
 * a format another module provides ({@link ModelFormat}: conv4j-onnx adds ONNX). The format is told from the file's
 * first bytes, else from its name, so a renamed file still opens as what it is.
 */
public final class ModelFiles {
    /** The bytes {@link ModelFormat#reads} sees: a safetensors header length and the start of its JSON, and more. */
    public static final int HEAD_BYTES = 16;
    /** Field 1 (ir_version) as a varint: how an ONNX ModelProto begins as protobuf writers order fields. */
    private static final int ONNX_FIRST_BYTE = 0x08;

    private ModelFiles() {
    }

    /** The model in {@code file}, with its information; an ONNX graph's gaps are filled with assumptions. */
    public static LoadedModel load(Path file) throws IOException {
        return load(file, LoadOptions.none());
    }

    /**
     * The model in {@code file}. {@code options} are for formats that do not record everything (ONNX); a conv4j
     * model file records its input, classes and normalisation, and refuses them.
     */
    public static LoadedModel load(Path file, LoadOptions options) throws IOException {
        byte[] head = head(file);
        PictureFileException.refuse(file, head);
        if (!isSafeTensors(head)) {
            for (ModelFormat format : formats()) {
                if (format.reads(file, head)) {
                    return format.load(file, options);
                }
            }
            if (looksLikeOnnx(file, head)) {
                throw new ModelFileException(file + " is an ONNX file; add the conv4j-onnx module to read it");
            }
        }
        if (!options.isEmpty()) {
            throw new IllegalArgumentException(file + " is a conv4j model file, which records its input, classes, "
                    + "normalisation and preparation; those options are for ONNX files");
        }
        return ModelFile.load(file);
    }

    /** Whether {@code file} is in a format that {@link ModelFile#load} does not read but another module does. */
    public static boolean isForeign(Path file) throws IOException {
        byte[] head = head(file);
        if (isSafeTensors(head)) {
            return false;
        }
        for (ModelFormat format : formats()) {
            if (format.reads(file, head)) {
                return true;
            }
        }
        return looksLikeOnnx(file, head);
    }

    /** The formats on the class path besides conv4j's own. */
    public static List<ModelFormat> formats() {
        List<ModelFormat> out = new ArrayList<>();
        ServiceLoader.load(ModelFormat.class, ModelFiles.class.getClassLoader()).forEach(out::add);
        return out;
    }

    /** A safetensors file: an 8-byte little-endian header length, then the header's JSON object. */
    public static boolean isSafeTensors(byte[] head) {
        return head.length > 8 && head[8] == '{' && head[6] == 0 && head[7] == 0;
    }

    /** An ONNX file by its name, or by its first byte where the name says nothing else. */
    public static boolean looksLikeOnnx(Path file, byte[] head) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".onnx")) {
            return true;
        }
        return !name.endsWith(".safetensors") && head.length > 0 && head[0] == ONNX_FIRST_BYTE;
    }

    /** Up to {@link #HEAD_BYTES} first bytes; a missing file or a folder fails with a one-line message. */
    public static byte[] head(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a folder, not a model file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(file.toString(), null, "permission denied");
        }
    }
}
