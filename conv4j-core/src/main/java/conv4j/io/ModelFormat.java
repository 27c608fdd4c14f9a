package conv4j.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file format other modules teach {@link ModelFiles} to read, found with {@link java.util.ServiceLoader}: a module
 * on the class path names its implementation in {@code META-INF/services/conv4j.io.ModelFormat}. So the core reads,
 * say, ONNX files when the ONNX module is there, without depending on it.
 */
public interface ModelFormat {
    /** The format's name in messages ("ONNX"). */
    String name();

    /**
     * Whether {@code file} is in this format, told from its name and its first bytes ({@code head}, up to
     * {@link ModelFiles#HEAD_BYTES}; fewer for a shorter file). A file of the format that is damaged still reads
     * true, so that {@link #load} can say what is wrong with it.
     */
    boolean reads(Path file, byte[] head);

    /** The model and its information; {@code options} supply what the file does not say. */
    LoadedModel load(Path file, LoadOptions options) throws IOException;
}
