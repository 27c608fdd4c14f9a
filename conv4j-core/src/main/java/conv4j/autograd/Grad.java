package conv4j.autograd;

/**
 * Whether ops on this thread record themselves for backpropagation. Inference runs inside {@link #disabled()}, as
 * PyTorch's {@code torch.no_grad()}: no graph is kept, so activations are freed as soon as they are consumed.
 */
public final class Grad {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> true);

    private Grad() {
    }

    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /** A scope, for try-with-resources, in which nothing is recorded; the previous setting returns on close. */
    public static Scope disabled() {
        boolean previous = ENABLED.get();
        ENABLED.set(false);
        return () -> ENABLED.set(previous);
    }

    /** A scope that restores the previous recording setting when closed. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
