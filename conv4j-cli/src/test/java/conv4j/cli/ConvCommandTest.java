package conv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The lecture's worked examples (SEED-EXAMPLES sections 1, 3, 4, 5), typed in and checked line by line. */
class ConvCommandTest {
    private static final String EDGE_ROW = "1,1,0,0,0,0,1,1";
    private static final String LECTURE_X = "1,3,-1,2;2,-2,0,1;1,4,0,-1;-1,0,3,2";
    private static final String LECTURE_K = "0,1,0;1,-1,1;0,1,0";
    private static final String VERTICAL_X = "10 10 10 0 0;10 10 10 0 0;10 10 10 0 0;10 10 10 0 0;10 10 10 0 0";
    private static final String VERTICAL_K = "1,0,-1;1,0,-1;1,0,-1";

    private static CliRun ok(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        return r;
    }

    /** The heading and the grid's lines follow each other exactly. */
    private static void assertGrid(String out, String heading, String... lines) {
        String block = heading + ":\n" + String.join("\n", lines) + "\n";
        assertTrue(out.contains(block), "expected\n" + block + "in\n" + out);
    }

    @Test
    void theOneByTwoKernelFindsTheEdgesOfTheLecturesPicture() {
        String x = String.join(";", EDGE_ROW, EDGE_ROW, EDGE_ROW, EDGE_ROW, EDGE_ROW, EDGE_ROW);
        CliRun r = ok("conv", "--input", x, "--kernel", "1,-1");
        String row = "   0  1  0  0  0 -1  0";
        assertGrid(r.out(), "output, 6 x 7, stride 1", row, row, row, row, row, row);
        assertGrid(r.out(), "kernel, 1 x 2, bias 0", "   1 -1");
        assertTrue(r.out().contains("W' = (W + 2p - F)/s + 1 = (8 + 2x0 - 2)/1 + 1 = 7\n"), r.out());
    }

    @Test
    void paddingOneKeepsTheSizeOfTheFourByFourExample() {
        CliRun r = ok("conv", "--input", LECTURE_X, "--kernel", LECTURE_K, "--padding", "1");
        assertGrid(r.out(), "input, 4 x 4", "   1  3 -1  2", "   2 -2  0  1", "   1  4  0 -1", "  -1  0  3  2");
        assertGrid(r.out(), "padding p = 1 on every side; padded input, 6 x 6 ('.' is a padding zero)",
                "   .  .  .  .  .  .", "   .  1  3 -1  2  .", "   .  2 -2  0  1  .", "   .  1  4  0 -1  .",
                "   . -1  0  3  2  .", "   .  .  .  .  .  .");
        assertGrid(r.out(), "output, 4 x 4, stride 1", "   4 -5  6 -2", "  -2 11 -2  0", "   4 -5  6  4",
                "   2  6 -1  0");
        assertTrue(r.out().contains("H' = (H + 2p - F)/s + 1 = (4 + 2x1 - 3)/1 + 1 = 4\n"), r.out());
        assertTrue(r.out().contains("learned parameters: (F x F x D + 1) x K = (3 x 3 x 1 + 1) x 1 = 10\n"),
                r.out());
    }

    @Test
    void theVerticalEdgeKernelWithValidSameAndStrideTwo() {
        CliRun valid = ok("conv", "--input", VERTICAL_X, "--kernel", VERTICAL_K, "--padding", "valid");
        assertGrid(valid.out(), "output, 3 x 3, stride 1", "   0 30 30", "   0 30 30", "   0 30 30");

        CliRun same = ok("conv", "--input", VERTICAL_X, "--kernel", VERTICAL_K, "--padding", "same");
        assertGrid(same.out(), "output, 5 x 5, stride 1", "  -20   0  20  20   0", "  -30   0  30  30   0",
                "  -30   0  30  30   0", "  -30   0  30  30   0", "  -20   0  20  20   0");
        assertTrue(same.out().contains("padding same, p = 1 on every side; padded input, 7 x 7"), same.out());

        CliRun strided = ok("conv", "--input", VERTICAL_X, "--kernel", VERTICAL_K, "--stride", "2");
        assertGrid(strided.out(), "output, 2 x 2, stride 2", "   0 30", "   0 30");
        // Section 5: H' = (H + 2p - F)/s + 1 and (F x F x D + 1) x K with this case's numbers.
        assertTrue(strided.out().contains("H' = (H + 2p - F)/s + 1 = (5 + 2x0 - 3)/2 + 1 = 2\n"
                + "W' = (W + 2p - F)/s + 1 = (5 + 2x0 - 3)/2 + 1 = 2\n"
                + "D' = K = 1\n"
                + "learned parameters: (F x F x D + 1) x K = (3 x 3 x 1 + 1) x 1 = 10\n"), strided.out());
    }

    @Test
    void aWindowThatDoesNotDivideTheInputIsRoundedDown() {
        CliRun r = ok("conv", "--input", "1,2,3,4,5,6", "--kernel", "1,1,1", "--stride", "2");
        assertTrue(r.out().contains("W' = floor((W + 2p - F)/s) + 1 = floor((6 + 2x0 - 3)/2) + 1 = floor(1.5) + 1"
                + " = 2\n"), r.out());
        assertGrid(r.out(), "output, 1 x 2, stride 2", "   6 12");
    }

    @Test
    void sameWithAnEvenKernelPadsTheBottomAndRightOneMore() {
        CliRun r = ok("conv", "--input", "4,3,2,1;2,3,9,8;1,2,3,4;3,4,0,0", "--kernel", "1,0;0,1", "--padding",
                "same");
        assertTrue(r.out().contains("H' = (H + p_top + p_bottom - F)/s + 1 = (4 + 0 + 1 - 2)/1 + 1 = 4\n"),
                r.out());
        // 4 + 3, 3 + 9, 2 + 8, 1 + 0 ... the last row and column meet the padding.
        assertGrid(r.out(), "output, 4 x 4, stride 1", "   7 12 10  1", "   4  6 13  8", "   5  2  3  4",
                "   3  4  0  0");
    }

    @Test
    void theStepsAreTheSixteenWindowsAndTheirSumsAreTheOutput() {
        CliRun r = ok("conv", "--input", LECTURE_X, "--kernel", LECTURE_K, "--padding", "1", "--steps");
        List<String> steps = r.out().lines().filter(l -> l.startsWith("step ")).toList();
        assertEquals(16, steps.size(), r.out());
        assertEquals("step 1 of 16: rows 1-3, cols 1-3: 0x0 + 0x1 + 0x0 + 0x1 + 1x(-1) + 3x1 + 0x0 + 2x1 + (-2)x0"
                + " = 4", steps.get(0));
        assertTrue(steps.get(15).startsWith("step 16 of 16: rows 4-6, cols 4-6: "), steps.get(15));
        int[] golden = {4, -5, 6, -2, -2, 11, -2, 0, 4, -5, 6, 4, 2, 6, -1, 0};
        Pattern product = Pattern.compile("\\(?(-?[0-9.]+)\\)?x\\(?(-?[0-9.]+)\\)?");
        for (int i = 0; i < 16; i++) {
            String line = steps.get(i);
            String sums = line.substring(line.indexOf(": ", line.indexOf("cols")) + 2, line.lastIndexOf(" = "));
            double total = 0;
            int count = 0;
            for (Matcher m = product.matcher(sums); m.find(); count++) {
                total += Double.parseDouble(m.group(1)) * Double.parseDouble(m.group(2));
            }
            assertEquals(9, count, line);
            assertEquals(golden[i], total, 0, line);
            assertTrue(line.endsWith(" = " + golden[i]), line);
        }
    }

    @Test
    void twoFiltersOnTwoChannelsMakeTwoMapsEachWithItsSharedBias() {
        // By hand: map 1 = x1 * [[1,0],[0,1]] + x2 * [[0,1],[1,0]] + 1, map 2 = x1 * ones - x2 * identity - 2.
        String[] repeated = {"conv", "--input", "1,2,0;0,1,1;2,0,1", "--input", "0,1,1;1,0,2;1,1,0",
            "--kernel", "1,0;0,1|0,1;1,0", "--bias", "1", "--kernel", "1,1;1,1|-1,0;0,-1", "--bias", "-2"};
        CliRun r = ok(repeated);
        assertTrue(r.out().contains("output, 2 maps of 2 x 2, one per filter, stride 1:\n"
                + "map of filter 1:\n  5 5\n  2 6\n"
                + "map of filter 2:\n   2 -1\n  -1  1\n"), r.out());
        assertTrue(r.out().contains("filter 1: 2 kernels of 2 x 2, one per input channel, and one bias shared by"
                + " them, b = 1:\nkernel on channel 1:\n  1 0\n  0 1\nkernel on channel 2:\n  0 1\n  1 0\n"), r.out());
        assertTrue(r.out().contains("D' = K = 2\nlearned parameters: (F x F x D + 1) x K = (2 x 2 x 2 + 1) x 2 = 18"),
                r.out());

        CliRun piped = ok("conv", "--input", "1,2,0;0,1,1;2,0,1|0,1,1;1,0,2;1,1,0", "--kernel", "1,0;0,1|0,1;1,0",
                "--kernel", "1,1;1,1|-1,0;0,-1", "--bias", "1,-2", "--steps");
        assertTrue(piped.out().startsWith(r.out()), piped.out());
        assertTrue(piped.out().contains("\nfilter 1, step 1 of 4: rows 1-2, cols 1-2: (1x1 + 2x0 + 0x0 + 1x1)"
                + " + (0x0 + 1x1 + 1x1 + 0x0) + bias 1 = 5\n"), piped.out());
        assertTrue(piped.out().contains("\nfilter 2, step 2 of 4: rows 1-2, cols 2-3: (2x1 + 0x1 + 1x1 + 1x1)"
                + " + (1x(-1) + 1x0 + 0x0 + 2x(-1)) + bias -2 = -1\n"), piped.out());
    }

    @Test
    void jsonHoldsEveryGridTheSizesAndTheSteps() throws Exception {
        CliRun r = ok("conv", "--input", LECTURE_X, "--kernel", LECTURE_K, "--padding", "1", "--steps", "--json");
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(11, json.get("output").get(0).get(1).get(1).asDouble());
        assertEquals(-1, json.get("input").get(0).get(0).get(2).asDouble());
        assertEquals(6, json.get("paddedInput").get(0).size());
        assertEquals(0, json.get("filters").get(0).get("bias").asDouble());
        assertEquals(-1, json.get("filters").get(0).get("kernels").get(0).get(1).get(1).asDouble());
        assertEquals(1, json.get("padding").get("top").asInt());
        assertEquals(10, json.get("sizes").get("parameters").asLong());
        assertEquals(4, json.get("sizes").get("outputHeight").asInt());
        assertEquals(16, json.get("steps").size());
        assertEquals(9, json.get("steps").get(0).get("terms").size());
        assertEquals(4, json.get("steps").get(0).get("value").asDouble());

        JsonNode plain = new ObjectMapper().readTree(ok("conv", "--input", "1,2;3,4", "--kernel", "1", "--json")
                .out());
        assertFalse(plain.has("steps"), plain.toString());
    }

    @Test
    void badInputIsOneLineNamingWhatIsWrong() {
        assertUsage("conv4j: --input: row 2 has 1 number (\"3\"), row 1 has 2; every row needs as many",
                "--input", "1,2;3", "--kernel", "1");
        assertUsage("conv4j: --input: row 2, column 2 is \"x\", not a number", "--input", "1,2;3,x", "--kernel", "1");
        assertUsage("conv4j: --kernel: row 1, column 2 is empty (two separators in a row?)", "--input", "1,2;3,4",
                "--kernel", "1,,2");
        assertUsage("conv4j: the kernel is 3 x 3, larger than the padded input 2 x 2 (input 2 x 2, padding 0); pad"
                + " more or use a smaller kernel", "--input", "1,2;3,4", "--kernel", LECTURE_K);
        assertUsage("conv4j: --stride must be at least 1, received 0", "--input", "1,2;3,4", "--kernel", "1",
                "--stride", "0");
        assertUsage("conv4j: --kernel has 1 kernel for an input of 2 channels; a filter has one kernel per input"
                + " channel, separated by '|'", "--input", "1,2;3,4|5,6;7,8", "--kernel", "1");
        assertUsage("conv4j: --input channel 2 is 1 x 2, channel 1 is 2 x 2; all channels need one size",
                "--input", "1,2;3,4", "--input", "5,6", "--kernel", "1|1");
        assertUsage("conv4j: --kernel 2 is 2 x 2, the first kernel 1 x 1; the kernels of a layer have one size",
                "--input", "1,2;3,4", "--kernel", "1", "--kernel", "1,0;0,1");
        assertUsage("conv4j: --bias gives 1 value for 2 filters; give one per filter", "--input", "1,2;3,4",
                "--kernel", "1", "--kernel", "2", "--bias", "1");
        assertUsage("conv4j: Missing required option: '--kernel=ROWS'", "--input", "1,2;3,4");
        String big = String.join(";", java.util.Collections.nCopies(100, String.join(",",
                java.util.Collections.nCopies(100, "1"))));
        String half = String.join(";", java.util.Collections.nCopies(50, String.join(",",
                java.util.Collections.nCopies(50, "1"))));
        assertUsage("conv4j: --steps would write 6502500 products, more than 1000000; leave it out for the output"
                + " alone", "--input", big, "--kernel", half, "--steps");
    }

    private static void assertUsage(String line, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "conv";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRun r = CliRun.of(all);
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(line + " (see 'conv4j conv --help')", r.errorLine());
        assertEquals("", r.out());
    }
}
