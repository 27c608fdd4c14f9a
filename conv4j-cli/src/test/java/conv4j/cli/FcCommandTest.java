package conv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** SEED-EXAMPLES section 6: the lecture's fully connected layer, whose slide misprints the third score. */
class FcCommandTest {
    private static final String W = "0.2,-0.5,0.1,2.0;1.5,1.3,2.1,0.0;0,0.25,0.2,-0.3";

    @Test
    void theLecturesScoresWithEachSumWrittenOut() {
        CliRun r = CliRun.of("fc", "--weights", W, "--input", "56,231,24,2", "--bias", "1.1,3.2,-1.2");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("W, 3 x 4, one row per score:\n"
                + "   0.2 -0.5  0.1    2\n"
                + "   1.5  1.3  2.1    0\n"
                + "     0 0.25  0.2 -0.3\n"
                + "x = (56, 231, 24, 2)\n"
                + "b = (1.1, 3.2, -1.2)\n"), r.out());
        assertTrue(r.out().contains("score 1 = 0.2x56 + (-0.5)x231 + 0.1x24 + 2x2 + 1.1"
                + " = 11.2 - 115.5 + 2.4 + 4 + 1.1 = -96.8\n"), r.out());
        assertTrue(r.out().contains("score 2 = 1.5x56 + 1.3x231 + 2.1x24 + 0x2 + 3.2"
                + " = 84 + 300.3 + 50.4 + 0 + 3.2 = 437.9\n"), r.out());
        // The slide prints 61.95; 0 + 57.75 + 4.8 - 0.6 - 1.2 is 60.75.
        assertTrue(r.out().contains("score 3 = 0x56 + 0.25x231 + 0.2x24 + (-0.3)x2 + (-1.2)"
                + " = 0 + 57.75 + 4.8 - 0.6 - 1.2 = 60.75\n"), r.out());
        assertTrue(r.out().contains("scores = (-96.8, 437.9, 60.75)\n"
                + "learned parameters: out x (in + 1) = 3 x (4 + 1) = 15\n"), r.out());
    }

    @Test
    void jsonGivesTheScoresAndAColumnInputReadsAsARow() throws Exception {
        CliRun r = CliRun.of("fc", "--weights", W, "--input", "56;231;24;2", "--bias", "1.1", "--bias", "3.2",
                "--bias", "-1.2", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(-96.8, json.get("scores").get(0).get("value").asDouble(), 1e-4);
        assertEquals(437.9, json.get("scores").get(1).get("value").asDouble(), 1e-4);
        assertEquals(60.75, json.get("scores").get(2).get("value").asDouble(), 1e-4);
        assertEquals(57.75, json.get("scores").get(2).get("products").get(1).asDouble(), 1e-9);
        assertEquals(15, json.get("parameters").asInt());
    }

    @Test
    void mismatchedSizesAreOneLine() {
        CliRun input = CliRun.of("fc", "--weights", W, "--input", "56,231,24");
        assertEquals(2, input.exitCode());
        assertEquals("conv4j: --input gives 3 values for 4 columns of --weights; give one per column of --weights"
                + " (see 'conv4j fc --help')", input.errorLine());
        CliRun bias = CliRun.of("fc", "--weights", W, "--input", "56,231,24,2", "--bias", "1,2");
        assertEquals(2, bias.exitCode());
        assertEquals("conv4j: --bias gives 2 values for 3 scores; give one per score (see 'conv4j fc --help')",
                bias.errorLine());
        CliRun ragged = CliRun.of("fc", "--weights", "1,2;3", "--input", "1,2");
        assertEquals(2, ragged.exitCode());
        assertTrue(ragged.errorLine().startsWith("conv4j: --weights: row 2 has 1 number (\"3\"), row 1 has 2"),
                ragged.err());
    }
}
