package conv4j.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
    @Test
    void workersWorkAtOnceOthersWaitAndTheRestAreRefused() throws Exception {
        WorkQueue queue = new WorkQueue(2, 1, 3);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?>[] admitted = new Future<?>[3];
            for (int i = 0; i < 3; i++) {
                admitted[i] = pool.submit(() -> queue.run(() -> {
                    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                    return null;
                }));
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (queue.inFlight() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(3, queue.inFlight());
            ApiError busy = assertThrows(ApiError.class, () -> queue.run(() -> "never"));
            assertEquals(503, busy.status());
            assertEquals("3", busy.headers().get("Retry-After"));
            assertTrue(busy.getMessage().contains("2 requests are being worked on and 1 are waiting"),
                    busy.getMessage());
            release.countDown();
            for (Future<?> f : admitted) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertEquals(2, mostAtOnce.get());
            assertEquals(0, queue.inFlight());
            assertEquals("done", queue.run(() -> "done"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingJobGivesItsPlaceBack() {
        WorkQueue queue = new WorkQueue(1, 0, 1);
        assertThrows(IllegalStateException.class, () -> queue.run(() -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals(0, queue.inFlight());
        assertEquals(1, queue.run(() -> 1));
        assertThrows(IllegalArgumentException.class, () -> new WorkQueue(0, 1, 1));
    }
}
