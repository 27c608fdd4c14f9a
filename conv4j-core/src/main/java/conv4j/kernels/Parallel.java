package conv4j.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one shared thread pool. Its size comes from {@code CONV4J_THREADS}, else the core count, and
 * {@link #setThreads} changes it. Work is split into chunks that depend only on the problem size and the thread
 * count, never on timing, so results that are written per chunk and reduced in chunk order are bit-identical run to
 * run with the same thread count.
 *
 * <p>A call from inside a parallel region, or while another thread holds the pool, runs inline on the caller: nested
 * parallelism (batch-parallel convolution calling GEMM) never oversubscribes the cores.
 */
public final class Parallel {

    /** The body of a parallel loop: handles indices {@code [start, end)} as chunk number {@code chunk}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int chunk, int start, int end);
    }

    private static final String THREADS_VARIABLE = "CONV4J_THREADS";
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);
    private static final ReentrantLock POOL = new ReentrantLock();
    /** The workers (threads() - 1 of them); null until the first parallel loop or {@link #setThreads}. */
    private static volatile Worker[] workers;

    private Parallel() {
    }

    private static int threadsFromEnvironment() {
        return threads(System.getenv(THREADS_VARIABLE), Runtime.getRuntime().availableProcessors());
    }

    /**
     * Checks {@code CONV4J_THREADS} without starting the pool, so that a program can refuse a bad setting before any
     * work rather than at its first parallel loop; the message names the variable, the value and what it takes.
     */
    public static void checkEnvironment() {
        threadsFromEnvironment();
    }

    /** The pool size a {@code CONV4J_THREADS} value asks for: unset or blank, one thread per core. */
    static int threads(String setting, int cores) {
        if (setting == null || setting.isBlank()) {
            return cores;
        }
        try {
            int n = Integer.parseInt(setting.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException(THREADS_VARIABLE + " must be a positive whole number of worker threads "
                + "(unset: one per core, " + cores + " here), received '" + setting + "'");
    }

    /** The pool size, including the calling thread. */
    public static int threads() {
        return pool().length + 1;
    }

    /**
     * Makes the pool {@code threads} threads, the calling one included, from the next parallel loop on: results of a
     * computation depend on the thread count, so call it between computations, not during one. It waits for a loop
     * that is running to finish; the old workers end.
     */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("the thread count must be at least 1, received " + threads);
        }
        POOL.lock();
        try {
            Worker[] old = workers;
            workers = startWorkers(threads);
            if (old != null) {
                for (Worker w : old) {
                    w.retire();
                }
            }
        } finally {
            POOL.unlock();
        }
    }

    private static Worker[] pool() {
        Worker[] w = workers;
        if (w == null) {
            synchronized (Parallel.class) {
                w = workers;
                if (w == null) {
                    w = startWorkers(threadsFromEnvironment());
                    workers = w;
                }
            }
        }
        return w;
    }

    /** True on a thread that is already running a parallel chunk. */
    public static boolean inParallelRegion() {
        return INSIDE.get();
    }

    /**
     * Splits {@code [0, n)} into at most {@code threads()} contiguous chunks of nearly equal size, with chunk
     * boundaries a multiple of {@code grain} (except the end), and runs them concurrently.
     */
    public static void forRange(int n, int grain, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int g = Math.max(1, grain);
        int units = (n + g - 1) / g;
        int chunks = Math.min(threads(), units);
        forChunks(chunks, chunk -> {
            int startUnit = (int) ((long) units * chunk / chunks);
            int endUnit = (int) ((long) units * (chunk + 1) / chunks);
            int start = startUnit * g;
            int end = Math.min(n, endUnit * g);
            if (start < end) {
                body.run(chunk, start, end);
            }
        });
    }

    /** A chunked body: handles chunk number {@code chunk}. */
    @FunctionalInterface
    public interface ChunkBody {
        void run(int chunk);
    }

    /**
     * Runs {@code body} for chunks {@code 0 .. chunks-1}, concurrently where the pool is free. Which thread runs a
     * chunk varies; what a chunk computes must not depend on it.
     */
    public static void forChunks(int chunks, ChunkBody body) {
        if (chunks <= 0) {
            return;
        }
        Worker[] pool = pool();
        if (chunks == 1 || pool.length == 0 || INSIDE.get() || !POOL.tryLock()) {
            runInline(chunks, body);
            return;
        }
        try {
            pool = workers; // setThreads may have replaced them before the lock was ours
            Job job = new Job(chunks, body);
            int helpers = Math.min(pool.length, chunks - 1);
            for (int i = 0; i < helpers; i++) {
                pool[i].offer(job);
            }
            INSIDE.set(true);
            try {
                job.work();
            } finally {
                INSIDE.set(false);
            }
            job.awaitDone();
        } finally {
            POOL.unlock();
        }
    }

    /**
     * Runs {@code body} on this thread with every parallel loop inside it inline: for background work (loading the
     * next batch) that must not take the pool from the training step.
     */
    public static <T> T serial(java.util.function.Supplier<T> body) {
        boolean was = INSIDE.get();
        INSIDE.set(true);
        try {
            return body.get();
        } finally {
            INSIDE.set(was);
        }
    }

    private static void runInline(int chunks, ChunkBody body) {
        boolean was = INSIDE.get();
        INSIDE.set(true);
        try {
            for (int c = 0; c < chunks; c++) {
                body.run(c);
            }
        } finally {
            INSIDE.set(was);
        }
    }

    private static Worker[] startWorkers(int threads) {
        Worker[] started = new Worker[threads - 1];
        for (int i = 0; i < started.length; i++) {
            started[i] = new Worker(i);
            started[i].start();
        }
        return started;
    }

    /** One parallel loop: chunks are claimed from a shared counter by the caller and the helpers. */
    private static final class Job {
        final int chunks;
        final ChunkBody body;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        volatile Thread waiter = Thread.currentThread();

        Job(int chunks, ChunkBody body) {
            this.chunks = chunks;
            this.body = body;
        }

        void work() {
            int c;
            while ((c = next.getAndIncrement()) < chunks) {
                try {
                    if (failure.get() == null) {
                        body.run(c);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    if (done.incrementAndGet() == chunks) {
                        LockSupport.unpark(waiter);
                    }
                }
            }
        }

        void awaitDone() {
            int spins = 0;
            while (done.get() < chunks) {
                if (spins < 20_000) {
                    spins++;
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, 50_000L);
                }
            }
            Throwable t = failure.get();
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    /** A daemon thread that spins briefly for the next job, then parks; it ends once retired. */
    private static final class Worker extends Thread {
        private final AtomicReference<Job> job = new AtomicReference<>();
        private volatile boolean retired;

        Worker(int index) {
            super("conv4j-worker-" + index);
            setDaemon(true);
        }

        void offer(Job j) {
            job.set(j);
            LockSupport.unpark(this);
        }

        void retire() {
            retired = true;
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            INSIDE.set(true);
            int spins = 0;
            while (!retired) {
                Job j = job.getAndSet(null);
                if (j != null) {
                    j.work();
                    spins = 0;
                } else if (spins < 50_000) {
                    spins++;
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
        }
    }
}
