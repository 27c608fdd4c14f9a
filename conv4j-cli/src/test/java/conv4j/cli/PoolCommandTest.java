package conv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Max and average pooling (SEED-EXAMPLES section 8) on grids worked out by hand. */
class PoolCommandTest {
    private static final String X = "1,3,2,1;4,6,5,0;7,2,9,8;3,1,4,6";
    /** 1 .. 25 row by row: each 3 x 3 window's largest value is its bottom right, its mean its centre. */
    private static final String COUNT = "1,2,3,4,5;6,7,8,9,10;11,12,13,14,15;16,17,18,19,20;21,22,23,24,25";

    private static CliRun ok(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        return r;
    }

    @Test
    void maxPoolingKeepsTheLargestValueOfEachTwoByTwoWindow() {
        CliRun r = ok("pool", "--input", X, "--steps");
        assertTrue(r.out().contains("output, 2 x 2:\n  6 5\n  7 9\n"), r.out());
        assertTrue(r.out().contains("H' = (H - F)/s + 1 = (4 - 2)/2 + 1 = 2\n"), r.out());
        assertTrue(r.out().contains("D' = D = 1: each channel is pooled on its own\n"
                + "learned parameters: 0, the window's rule is fixed, not learned\n"), r.out());
        List<String> steps = r.out().lines().filter(l -> l.startsWith("step ")).toList();
        assertEquals(List.of(
                "step 1 of 4: rows 1-2, cols 1-2: max(1, 3, 4, 6) = 6, at row 2, col 2",
                "step 2 of 4: rows 1-2, cols 3-4: max(2, 1, 5, 0) = 5, at row 2, col 3",
                "step 3 of 4: rows 3-4, cols 1-2: max(7, 2, 3, 1) = 7, at row 3, col 1",
                "step 4 of 4: rows 3-4, cols 3-4: max(9, 8, 4, 6) = 9, at row 3, col 3"), steps);
    }

    @Test
    void averagePoolingShowsEachMean() {
        CliRun r = ok("pool", "--input", X, "--kind", "avg", "--steps");
        assertTrue(r.out().contains("output, 2 x 2:\n   3.5    2\n  3.25 6.75\n"), r.out());
        assertTrue(r.out().contains("\nstep 3 of 4: rows 3-4, cols 1-2: (7 + 2 + 3 + 1)/4 = 3.25\n"), r.out());
    }

    @Test
    void overlappingThreeByThreeWindowsWithStrideTwo() {
        CliRun max = ok("pool", "--input", COUNT, "--size", "3", "--stride", "2");
        assertTrue(max.out().contains("output, 2 x 2:\n  13 15\n  23 25\n"), max.out());
        CliRun avg = ok("pool", "--input", COUNT, "--size", "3", "--stride", "2", "--kind", "avg");
        assertTrue(avg.out().contains("output, 2 x 2:\n   7  9\n  17 19\n"), avg.out());
        CliRun floor = ok("pool", "--input", COUNT, "--size", "2", "--stride", "2");
        assertTrue(floor.out().contains("H' = floor((H - F)/s) + 1 = floor((5 - 2)/2) + 1 = floor(1.5) + 1 = 2\n"),
                floor.out());
        assertTrue(floor.out().contains("output, 2 x 2:\n   7  9\n  17 19\n"), floor.out());
    }

    @Test
    void eachChannelIsPooledOnItsOwn() throws Exception {
        CliRun r = ok("pool", "--input", X, "--input", "0,-1,-2,-3;-4,-5,-6,-7;1,1,1,1;2,2,2,2", "--steps");
        assertTrue(r.out().contains("output, 2 channels of 2 x 2:\nchannel 1:\n  6 5\n  7 9\nchannel 2:\n"
                + "   0 -2\n   2  2\n"), r.out());
        assertTrue(r.out().contains("D' = D = 2"), r.out());
        assertTrue(r.out().contains("\nchannel 2, step 2 of 4: rows 1-2, cols 3-4: max(-2, -3, -6, -7) = -2, at row 1,"
                + " col 3\n"), r.out());

        JsonNode json = new ObjectMapper().readTree(ok("pool", "--input", X + "|" + X, "--json", "--steps").out());
        assertEquals(9, json.get("output").get(1).get(1).get(1).asDouble());
        assertEquals(2, json.get("sizes").get("outputDepth").asInt());
        assertEquals(0, json.get("sizes").get("parameters").asInt());
        assertEquals(8, json.get("steps").size());
        assertEquals(3, json.get("steps").get(3).get("winner").get(1).asInt());
        JsonNode avg = new ObjectMapper().readTree(ok("pool", "--input", X, "--kind", "avg", "--json", "--steps")
                .out());
        assertFalse(avg.get("steps").get(0).has("winner"), avg.toString());
    }

    @Test
    void badInputIsOneLine() {
        assertUsage("conv4j: the window 3 x 3 is larger than the input 2 x 2", "--input", "1,2;3,4", "--size", "3");
        assertUsage("conv4j: --stride must be at least 1, received 0", "--input", "1,2;3,4", "--stride", "0");
        assertUsage("conv4j: --size must be at least 1, received 0", "--input", "1,2;3,4", "--size", "0");
        assertUsage("conv4j: --kind must be max or avg, received 'median'", "--input", "1,2;3,4", "--kind",
                "median");
        assertUsage("conv4j: --input: row 1, column 2 is \"two\", not a number", "--input", "1,two;3,4");
    }

    private static void assertUsage(String line, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "pool";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRun r = CliRun.of(all);
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(line + " (see 'conv4j pool --help')", r.errorLine());
    }
}
