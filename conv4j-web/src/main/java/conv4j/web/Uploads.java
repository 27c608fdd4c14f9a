package conv4j.web;

import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Bounds the reading of request bodies, which holds a server thread until the last byte: at most {@code slots}
 * bodies are read at once (a request beyond them is refused at once with 503 and Retry-After), and each must arrive
 * within {@code deadline} (408 otherwise), so that clients trickling a byte every few seconds, each within the idle
 * timeout, cannot hold the server's threads.
 */
final class Uploads {
    private final int slots;
    private final Semaphore free;
    private final Duration deadline;
    private final int retryAfterSeconds;

    Uploads(int slots, Duration deadline, int retryAfterSeconds) {
        if (slots < 1 || deadline.isNegative() || deadline.isZero() || retryAfterSeconds < 1) {
            throw new IllegalArgumentException("uploads need at least 1 slot, a positive deadline and a retry delay"
                    + " of at least 1 s, received " + slots + ", " + deadline + ", " + retryAfterSeconds);
        }
        this.slots = slots;
        this.free = new Semaphore(slots);
        this.deadline = deadline;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Takes a slot for one body; 503 when all are taken. Give it back with {@link #release()}. */
    void acquire() {
        if (!free.tryAcquire()) {
            throw ApiError.busy("the server is busy: " + slots + " uploads are arriving; try again in "
                    + retryAfterSeconds + " s", retryAfterSeconds);
        }
    }

    void release() {
        free.release();
    }

    Duration deadline() {
        return deadline;
    }

    /** Bodies being read now. */
    int inUse() {
        return slots - free.availablePermits();
    }
}
