package conv4j.kernels;

/** Argument checks shared by the kernels: a wrong array length is a caller's bug, reported with both numbers. */
final class Lengths {
    private Lengths() {
    }

    static void require(String name, float[] array, long expected) {
        requireNonNull(name, array);
        check(name, array.length, expected);
    }

    static void require(String name, int[] array, long expected) {
        requireNonNull(name, array);
        check(name, array.length, expected);
    }

    static void require(String name, boolean[] array, long expected) {
        requireNonNull(name, array);
        check(name, array.length, expected);
    }

    /** The length of an array that must be there, for checking the others against it. */
    static int length(String name, float[] array) {
        requireNonNull(name, array);
        return array.length;
    }

    static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, received " + value);
        }
    }

    /** The element count of a tensor with these dimensions; refuses counts that do not fit in one Java array. */
    static int product(String what, int... dims) {
        long size = 1;
        for (int d : dims) {
            size *= d;
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " has " + size + " elements, more than one Java array holds");
        }
        return (int) size;
    }

    private static void requireNonNull(String name, Object array) {
        if (array == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    private static void check(String name, int length, long expected) {
        if (length != expected) {
            throw new IllegalArgumentException(name + " has length " + length + ", expected " + expected);
        }
    }
}
