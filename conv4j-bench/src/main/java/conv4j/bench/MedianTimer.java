package conv4j.bench;

import java.util.Arrays;

/**
 * The zoo's timing rule, one for every runtime bench/zoo.sh compares (ZooBench, OnnxRuntimeZooBench; bench/zoo_torch.py
 * follows it in Python): warm-up calls for at least five seconds and at least a minimum count, then the median of the
 * timed calls.
 */
final class MedianTimer {
    /**
     * Warm-up lasts at least this long besides its minimum count of calls: C2 compiles the kernels meanwhile, and the
     * heap grows to its working size (measured: the first model timed after two seconds ran 30 to 70% slower than
     * the same model timed again, after five seconds as fast).
     */
    private static final long WARMUP_NANOS = 5_000_000_000L;

    private MedianTimer() {
    }

    /** The median duration of {@code runs} calls, in seconds, after the warm-up. */
    static double seconds(Runnable call, int warmup, int runs) {
        long warmupStart = System.nanoTime();
        for (int i = 0; i < warmup || System.nanoTime() - warmupStart < WARMUP_NANOS; i++) {
            call.run();
        }
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            call.run();
            times[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(times);
        return runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
    }
}
