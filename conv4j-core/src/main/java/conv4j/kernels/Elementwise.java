package conv4j.kernels;

/** Elementwise arithmetic over whole arrays. */
public final class Elementwise {
    private Elementwise() {
    }

    /** {@code acc += x}, used to sum gradients. */
    public static void addInPlace(float[] acc, float[] x) {
        if (acc.length != x.length) {
            throw new IllegalArgumentException("cannot add " + x.length + " values into " + acc.length);
        }
        for (int i = 0; i < acc.length; i++) {
            acc[i] += x[i];
        }
    }
}
