package conv4j.web;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Bounds the heavy work of the server (decoding pictures, running models, filtering photos): at most {@code workers}
 * requests work at once and at most {@code waiting} more wait for a turn. A request beyond that is refused at once
 * with 503 and Retry-After, rather than piling up threads and memory until every client times out.
 */
final class WorkQueue {
    private final int workers;
    private final int waiting;
    private final int retryAfterSeconds;
    private final Semaphore admitted;
    private final Semaphore working;

    WorkQueue(int workers, int waiting, int retryAfterSeconds) {
        if (workers < 1 || waiting < 0 || retryAfterSeconds < 1) {
            throw new IllegalArgumentException("a work queue needs at least 1 worker, 0 or more places to wait and a"
                    + " retry delay of at least 1 s, received " + workers + ", " + waiting + ", " + retryAfterSeconds);
        }
        this.workers = workers;
        this.waiting = waiting;
        this.retryAfterSeconds = retryAfterSeconds;
        this.admitted = new Semaphore(workers + waiting);
        this.working = new Semaphore(workers, true);
    }

    /** Runs {@code work} when a worker is free; 503 when the queue is full. */
    <T> T run(Supplier<T> work) {
        if (!admitted.tryAcquire()) {
            throw ApiError.busy("the server is busy: " + workers + " requests are being worked on and " + waiting
                    + " are waiting; try again in " + retryAfterSeconds + " s", retryAfterSeconds);
        }
        try {
            working.acquireUninterruptibly();
            try {
                return work.get();
            } finally {
                working.release();
            }
        } finally {
            admitted.release();
        }
    }

    /** Requests admitted and not yet finished, working or waiting. */
    int inFlight() {
        return workers + waiting - admitted.availablePermits();
    }

    int capacity() {
        return workers + waiting;
    }
}
