package conv4j.cli;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Ctrl-C during training: the first press asks the run to stop at the next step boundary (where a checkpoint is
 * saved); a second press exits at once. Outside the scope, SIGINT keeps its usual meaning.
 */
final class Interrupts implements AutoCloseable {
    static final int EXIT_CODE = 130; // 128 + SIGINT, what shells report for a run ended by Ctrl-C

    private final Signal signal = new Signal("INT");
    private final sun.misc.SignalHandler previous;
    private final AtomicInteger presses = new AtomicInteger();

    /** Calls {@code onFirst} (from the signal's thread) on the first Ctrl-C; halts the JVM on the second. */
    Interrupts(Runnable onFirst) {
        previous = Signal.handle(signal, s -> {
            if (presses.incrementAndGet() == 1) {
                onFirst.run();
            } else {
                Runtime.getRuntime().halt(EXIT_CODE);
            }
        });
    }

    boolean interrupted() {
        return presses.get() > 0;
    }

    @Override
    public void close() {
        Signal.handle(signal, previous);
    }
}
