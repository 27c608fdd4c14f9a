package conv4j.io;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Hugging Face's safetensors format, which PyTorch, JAX and Hugging Face read and which cannot carry code: an 8-byte
 * little-endian header length N, N bytes of UTF-8 JSON
 * ({@code {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}}}), padded
 * with spaces to a multiple of 8 as the reference writer does, then the tensors' raw little-endian bytes, back to back.
 * conv4j writes F32 and I64 and reads the dtypes of {@link DType}.
 */
public final class SafeTensors {
    private static final int CHUNK = 1 << 16;

    private SafeTensors() {
    }

    /** Reads and validates the whole file. */
    public static SafeTensorsFile read(Path file) throws IOException {
        try (SafeTensorsReader reader = SafeTensorsReader.open(file)) {
            return new SafeTensorsFile(reader.readAll(), reader.header().metadata());
        }
    }

    /** Reads and validates the header only: names, dtypes, shapes, metadata. */
    public static SafeTensorsHeader readHeader(Path file) throws IOException {
        try (SafeTensorsReader reader = SafeTensorsReader.open(file)) {
            return reader.header();
        }
    }

    /**
     * Writes tensors in the map's order, and the metadata, atomically ({@link AtomicFiles}): floating tensors as F32,
     * integer ones as I64.
     */
    public static void write(Path file, Map<String, TensorData> tensors, Map<String, String> metadata)
            throws IOException {
        byte[] header = header(tensors, metadata);
        AtomicFiles.write(file, channel -> {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
            writeFully(channel, length);
            writeFully(channel, ByteBuffer.wrap(header));
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            for (TensorData t : tensors.values()) {
                writeData(channel, buffer, t);
            }
        });
    }

    static byte[] header(Map<String, TensorData> tensors, Map<String, String> metadata) {
        ObjectNode root = Json.object();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(SafeTensorsHeader.METADATA);
            metadata.forEach((k, v) -> meta.put(Objects.requireNonNull(k, "metadata key"),
                    Objects.requireNonNull(v, () -> "metadata value of '" + k + "'")));
        }
        long offset = 0;
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            if (e.getKey().equals(SafeTensorsHeader.METADATA)) {
                throw new IllegalArgumentException("a tensor cannot be named " + SafeTensorsHeader.METADATA);
            }
            TensorData t = e.getValue();
            ObjectNode entry = root.putObject(e.getKey());
            entry.put("dtype", t.storedType().name());
            ArrayNode shape = entry.putArray("shape");
            Arrays.stream(t.shape().dims()).forEach(shape::add);
            long bytes = (long) t.shape().size() * t.storedType().size();
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = Json.write(root).getBytes(UTF_8);
        // Spaces up to a multiple of 8, as the reference writer pads, so the data starts 8-byte aligned.
        byte[] padded = Arrays.copyOf(json, (json.length + 7) / 8 * 8);
        Arrays.fill(padded, json.length, padded.length, (byte) ' ');
        return padded;
    }

    private static void writeData(FileChannel channel, ByteBuffer buffer, TensorData t) throws IOException {
        int count = t.shape().size();
        int size = t.storedType().size();
        for (int done = 0; done < count; ) {
            int n = Math.min(count - done, CHUNK / size);
            buffer.clear();
            if (t.isFloating()) {
                buffer.asFloatBuffer().put(t.floats(), done, n);
            } else {
                buffer.asLongBuffer().put(t.longs(), done, n);
            }
            buffer.limit(n * size);
            writeFully(channel, buffer);
            done += n;
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
