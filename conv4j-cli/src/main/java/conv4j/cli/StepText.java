package conv4j.cli;

/** Where a window stands in a step-by-step listing, as the lecture's slides count: "step 1 of 16: rows 1-3, ...". */
final class StepText {
    /** A listing longer than this is no longer read by anyone; it would only fill the memory and the terminal. */
    static final long MAX_PRODUCTS = 1_000_000;

    private StepText() {
    }

    static String position(int step, int steps, int[] rows, int[] cols) {
        return "step " + step + " of " + steps + ": " + range("row", rows) + ", " + range("col", cols) + ": ";
    }

    private static String range(String what, int[] span) {
        return span[0] == span[1] ? what + " " + span[0] : what + "s " + span[0] + "-" + span[1];
    }
}
