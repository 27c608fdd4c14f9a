package conv4j.io;

import static conv4j.io.SafeTensorsHeader.fail;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An open safetensors file whose header has been read and validated. Tensor data is read only on request, in bounded
 * chunks, so the memory a file costs is what its validated header says, and nothing is allocated for a file that lies
 * about its sizes.
 */
public final class SafeTensorsReader implements Closeable {
    private static final int CHUNK = 1 << 16;

    private final FileChannel channel;
    private final String file;
    private final SafeTensorsHeader header;
    private final Map<String, TensorInfo> byName;
    private final long dataStart;

    private SafeTensorsReader(FileChannel channel, String file, SafeTensorsHeader header, long dataStart) {
        this.channel = channel;
        this.file = file;
        this.header = header;
        this.byName = header.byName();
        this.dataStart = dataStart;
    }

    /** Opens {@code path} and validates its header, or throws a {@link ModelFileException} saying what is wrong. */
    public static SafeTensorsReader open(Path path) throws IOException {
        String file = path.toString();
        if (Files.isDirectory(path)) {
            throw new IOException(file + ": is a folder, not a safetensors file");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file, null, "no such file");
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(file, null, "permission denied");
        }
        try {
            long size = channel.size();
            if (size < 8) {
                throw fail(file, "file of " + size + " bytes is too short: a safetensors file starts with an 8-byte"
                        + " header length");
            }
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, ModelFiles.HEAD_BYTES))
                    .order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, head, 0, file);
            PictureFileException.refuse(path, head.array());
            long n = head.getLong(0); // unsigned in the format: a negative long is over 2^63
            if (Long.compareUnsigned(n, SafeTensorsHeader.MAX_HEADER_LENGTH) > 0) {
                throw fail(file, "header length " + Long.toUnsignedString(n) + " is over the limit of "
                        + SafeTensorsHeader.MAX_HEADER_LENGTH + " bytes");
            }
            if (n > size - 8) {
                throw fail(file, "header length " + n + " reaches past the end of the file (" + (size - 8)
                        + " bytes follow the length field)");
            }
            byte[] bytes = new byte[(int) n];
            readFully(channel, ByteBuffer.wrap(bytes), 8, file);
            SafeTensorsHeader header = SafeTensorsHeader.parse(bytes, file, size - 8 - n);
            return new SafeTensorsReader(channel, file, header, 8 + n);
        } catch (IOException | RuntimeException | Error e) {
            channel.close();
            throw e;
        }
    }

    public SafeTensorsHeader header() {
        return header;
    }

    /** Reads one tensor named in the header, converting its values to float32 or long. */
    public TensorData read(String name) throws IOException {
        TensorInfo t = byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException(file + " has no tensor " + SafeTensorsHeader.quote(name));
        }
        return read(t);
    }

    /** Every tensor, by name in data order. */
    public Map<String, TensorData> readAll() throws IOException {
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (TensorInfo t : header.tensors()) {
            out.put(t.name(), read(t));
        }
        return out;
    }

    private TensorData read(TensorInfo t) throws IOException {
        int count = t.shape().size();
        int size = t.dtype().size();
        boolean floating = t.dtype().isFloating();
        float[] floats = floating ? new float[count] : null;
        long[] longs = floating ? null : new long[count];
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, t.byteLength())).order(ByteOrder.LITTLE_ENDIAN);
        long position = dataStart + t.begin();
        for (int done = 0; done < count; ) {
            int n = Math.min(count - done, CHUNK / size);
            buffer.clear().limit(n * size);
            readFully(channel, buffer, position, file);
            buffer.flip();
            if (floating) {
                t.dtype().readFloats(buffer, floats, done, n);
            } else {
                t.dtype().readLongs(buffer, longs, done, n);
            }
            position += (long) n * size;
            done += n;
        }
        return new TensorData(t.dtype(), t.shape(), floats, longs);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position, String file)
            throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw fail(file, "the file ended at byte " + at + " while reading it (was it changed meanwhile?)");
            }
            at += n;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
