package conv4j.optim;

/** Hyper-parameter checks shared by the optimizers, penalties and schedules; messages name the value received. */
final class Check {
    private Check() {
    }

    static double positive(String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be > 0 and finite, received " + value);
        }
        return value;
    }

    static double nonNegative(String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be >= 0 and finite, received " + value);
        }
        return value;
    }

    /** In [0, 1): a decay rate of 1 would never forget, and the bias correction 1 - beta^t would divide by zero. */
    static double belowOne(String what, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1), received " + value);
        }
        return value;
    }

    static int atLeastOne(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, received " + value);
        }
        return value;
    }
}
