package conv4j.kernels;

/**
 * A growable float[] per thread, reused across calls: once every thread has seen the largest size a model needs, a
 * training step allocates no big buffers. Contents are garbage on entry; one owner per instance, never nested.
 */
final class Scratch {
    private final ThreadLocal<float[]> local = ThreadLocal.withInitial(() -> new float[0]);

    /** This thread's buffer, at least {@code size} long. */
    float[] get(int size) {
        float[] buffer = local.get();
        if (buffer.length < size) {
            buffer = new float[size];
            local.set(buffer);
        }
        return buffer;
    }
}
