package conv4j.vision.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** An open stream of a file's bytes (gzipped or raw) and its length, -1 when the source does not say. */
public record Download(InputStream stream, long length) implements Closeable {

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
