package conv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import conv4j.nn.Flatten;
import conv4j.nn.Linear;
import conv4j.nn.Sequential;
import conv4j.tensor.Shape;
import conv4j.vision.models.ModelEntry;
import conv4j.vision.models.ModelRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    /** What one in-process run of the command printed and returned. */
    private record Run(int exitCode, String out, String err) {
        /** The error output is exactly one line that starts with the program name. */
        String errorLine() {
            assertTrue(err.startsWith("conv4j: "), err);
            assertEquals(1, err.lines().count(), err);
            return err.strip();
        }
    }

    private static ModelRegistry registry() {
        Map<String, ModelEntry> table = new LinkedHashMap<>();
        // 1x4x4 -> 16 features -> classes scores: 16 * classes + classes parameters
        table.put("tiny", new ModelEntry("flatten and one linear layer", Shape.of(1, 4, 4), 3,
                (rng, classes, input) -> new Sequential(new Flatten(), new Linear(16, classes, rng))));
        table.put("broken", new ModelEntry("a factory that fails", Shape.of(1, 4, 4), 3, (rng, classes, input) -> {
            throw new IllegalStateException("factory failed");
        }));
        return new ModelRegistry(table);
    }

    private static Run run(ModelRegistry registry, String... args) {
        CommandLine cl = Main.commandLine(registry);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = Main.execute(cl, args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run run(String... args) {
        return run(registry(), args);
    }

    @Test
    void helpListsTheCommands() {
        Run r = run("--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("summary"), r.out());
        assertTrue(r.out().contains("models"), r.out());
        assertTrue(r.out().contains("CONV4J_THREADS"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void theLecturesWorkedExamplesAreListedAfterFilterAndLearnKernel() {
        String out = run("--help").out();
        int[] at = {out.indexOf("\n  filter "), out.indexOf("\n  learn-kernel "), out.indexOf("\n  conv "),
            out.indexOf("\n  pool "), out.indexOf("\n  fc ")};
        for (int i = 0; i < at.length; i++) {
            assertTrue(at[i] > 0 && (i == 0 || at[i] > at[i - 1]), out);
        }
        // The list shows each command's first line whole.
        assertTrue(out.contains("\n  conv          A convolution on numbers you type, worked out as on the slides.\n"
                + "  pool          Max or average pooling on numbers you type, window by window.\n"
                + "  fc            A fully connected layer, W x + b, on numbers you type.\n"), out);
    }

    /** picocli wraps help at 80 columns: an example cut in the middle could not be pasted. */
    @Test
    void theWorkedExamplesInHelpAreWholeLines() {
        assertTrue(run("conv", "--help").out().contains("\n  conv4j conv --input \"4,3,2,1;2,3,9,8;1,2,3,4;3,4,0,0\""
                + " --kernel \"1,0;0,1\" \\\n      --padding same --steps\n"));
        assertTrue(run("pool", "--help").out().contains("\n  conv4j pool --input \"...\" --size 3 --stride 2"
                + "   (overlapping, as AlexNet's)\n"));
        assertTrue(run("fc", "--help").out().contains("\n      --input \"56,231,24,2\" --bias \"1.1,3.2,-1.2\"\n"));
    }

    @Test
    void everyCommandHasHelp() {
        Run r = run("summary", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("--input"), r.out());
        assertTrue(r.out().contains("--classes"), r.out());
        assertEquals(0, run("models", "--help").exitCode());
    }

    @Test
    void versionNamesTheProjectVersionAndJava() {
        Run r = run("--version");
        assertEquals(0, r.exitCode());
        String first = r.out().lines().findFirst().orElseThrow();
        assertTrue(first.matches("conv4j \\d+\\.\\d+\\.\\d+.*"), first);
        assertTrue(r.out().contains("Java " + System.getProperty("java.version")), r.out());
    }

    @Test
    void summaryPrintsTheTableTotalsAndTheFullyConnectedComparison() {
        Run r = run("summary", "tiny");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("tiny: flatten and one linear layer\n"), r.out());
        assertTrue(r.out().contains("Linear(16, 3)"), r.out());
        assertTrue(r.out().contains("Total parameters:     51\n"), r.out());
        assertTrue(r.out().contains("Total multiply-adds:  48\n"), r.out());
        assertTrue(r.out().contains("1x4x4 input (16 values) would need 1,600 weights"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void summaryTakesAnotherInputAndClassCount() {
        Run r = run("summary", "tiny", "--input", "4x2x2", "--classes", "5");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Total parameters:     85\n"), r.out());
        assertTrue(r.out().contains("1x5 "), r.out());
    }

    @Test
    void summaryAsJsonHasRowsAndTotals() throws Exception {
        Run r = run("summary", "tiny", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("tiny", json.get("model").asText());
        assertEquals("[1,4,4]", json.get("input").toString());
        assertEquals(2, json.get("rows").size());
        JsonNode linear = json.get("rows").get(1);
        assertEquals("1", linear.get("name").asText());
        assertEquals("Linear(16, 3)", linear.get("layer").asText());
        assertEquals("[1,3]", linear.get("outputShape").toString());
        assertEquals(51, linear.get("parameters").asLong());
        assertEquals(48, linear.get("multiplyAdds").asLong());
        assertEquals(12, linear.get("activationBytes").asLong());
        assertTrue(linear.get("receptiveField").get("wholeInput").asBoolean());
        assertEquals(51, json.get("totals").get("parameters").asLong());
        assertEquals(204, json.get("totals").get("parameterBytes").asLong());
        assertEquals(1_600, json.get("fullyConnected").get("weights").asLong());
        assertEquals(6_400, json.get("fullyConnected").get("weightBytes").asLong());
    }

    @Test
    void aLayerThatRefusesTheInputFailsWithItsMessage() {
        Run r = run("summary", "tiny", "--input", "1x5x5");
        assertEquals(1, r.exitCode());
        assertEquals("conv4j: Linear '1': expected N x 16 input, received 1x25", r.errorLine());
        assertEquals("", r.out());
    }

    @Test
    void anUnknownModelIsBadUsageListingTheKnownOnes() {
        Run r = run("summary", "lenet");
        assertEquals(2, r.exitCode());
        assertTrue(r.errorLine().startsWith("conv4j: unknown model 'lenet'; known models: tiny, broken"), r.err());
    }

    @Test
    void aMalformedInputShapeIsBadUsage() {
        Run r = run("summary", "tiny", "--input", "3x22");
        assertEquals(2, r.exitCode());
        String line = r.errorLine();
        assertTrue(line.contains("--input"), line);
        assertTrue(line.contains("'3x22'"), line);
        assertTrue(line.contains("1x28x28"), line);
    }

    @Test
    void aNonNumericInputShapeIsBadUsage() {
        Run r = run("summary", "tiny", "--input", "3xbig");
        assertEquals(2, r.exitCode());
        assertTrue(r.errorLine().contains("'big'"), r.err());
    }

    @Test
    void noClassesIsBadUsage() {
        Run r = run("summary", "tiny", "--classes", "0");
        assertEquals(2, r.exitCode());
        assertTrue(r.errorLine().contains("received 0"), r.err());
    }

    @Test
    void anUnknownOptionIsBadUsage() {
        Run r = run("summary", "tiny", "--colour");
        assertEquals(2, r.exitCode());
        String line = r.errorLine();
        assertTrue(line.contains("--colour"), line);
        assertTrue(line.endsWith("(see 'conv4j summary --help')"), line);
    }

    @Test
    void aMisspelledCommandGetsASuggestion() {
        Run r = run("sumary", "tiny");
        assertEquals(2, r.exitCode());
        assertTrue(r.errorLine().contains("did you mean summary"), r.err());
    }

    @Test
    void noCommandIsBadUsage() {
        Run r = run();
        assertEquals(2, r.exitCode());
        assertTrue(r.errorLine().contains("summary, models"), r.err());
    }

    @Test
    void anUnexpectedErrorIsOneLineThatPointsToDebug() {
        Run r = run("summary", "broken");
        assertEquals(1, r.exitCode());
        assertEquals("conv4j: IllegalStateException: factory failed (run with --debug for the stack trace)",
                r.errorLine());
    }

    @Test
    void aBadThreadCountInTheEnvironmentIsOneLineBeforeAnyWork() throws Exception {
        for (String value : List.of("abc", "0", "-2", "1.5")) {
            // only a fresh JVM has another environment; 'models' touches no thread pool of its own
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                    "conv4j.cli.Main", "models");
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
            builder.environment().put("CONV4J_THREADS", value);
            builder.environment().remove("CONV4J_DEBUG");
            Process p = builder.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("WARNING: Using incubator modules"))
                    .collect(Collectors.joining("\n"));
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), output);
            assertEquals(2, p.exitValue(), output);
            assertTrue(output.matches("conv4j: CONV4J_THREADS must be a positive whole number of worker threads "
                    + "\\(unset: one per core, \\d+ here\\), received '" + Pattern.quote(value) + "'"), output);
        }
    }

    @Test
    void debugPrintsTheStackTraceBeforeOrAfterTheCommand() {
        for (String[] args : new String[][] {
            {"--debug", "summary", "tiny", "--input", "1x5x5"}, {"summary", "tiny", "--input", "1x5x5", "--debug"}}) {
            Run r = run(args);
            assertEquals(1, r.exitCode());
            assertTrue(r.err().startsWith("conv4j: Linear '1': expected N x 16 input"), r.err());
            assertTrue(r.err().contains("\tat conv4j.nn.Linear.outputShape"), r.err());
        }
    }

    @Test
    void modelsListsNamesInputsClassesAndDescriptions() {
        Run r = run("models");
        assertEquals(0, r.exitCode(), r.err());
        String tiny = r.out().lines().filter(l -> l.startsWith("tiny ")).findFirst().orElseThrow();
        assertTrue(tiny.matches("tiny\\s+1x4x4\\s+3\\s+flatten and one linear layer"), tiny);
        assertTrue(r.out().lines().findFirst().orElseThrow().startsWith("Model "), r.out());
    }

    @Test
    void modelsAsJson() throws Exception {
        Run r = run("models", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(2, json.size());
        assertEquals("tiny", json.get(0).get("name").asText());
        assertEquals("[1,4,4]", json.get(0).get("input").toString());
        assertEquals(3, json.get(0).get("classes").asInt());
    }

    @Test
    void anEmptyRegistrySaysSo() {
        Run r = run(new ModelRegistry(Map.of()), "models");
        assertEquals(0, r.exitCode());
        assertEquals("No models are registered.\n", r.out());
        assertFalse(r.out().contains("Model "), r.out());
    }

    @Test
    void fullyConnectedCostOfATwelveMegapixelPhoto() {
        // SEED-EXAMPLES section 10: 3 x 3000 x 4000 = 36M values; 100 neurons -> 3.6 billion weights, 14.4 GB.
        Run r = run("fc-cost", "3x3000x4000");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("36,000,000 values") && r.out().contains("3,600,000,000 weights")
                && r.out().contains("14.4 GB"), r.out());
        Run json = run("fc-cost", "3x3000x4000", "--json", "--hidden", "10");
        assertTrue(json.out().contains("\"weights\":360000000"), json.out());
    }

    @Test
    void fullyConnectedCostRefusesABadShape() {
        Run r = run("fc-cost", "3x3000");
        assertEquals(2, r.exitCode());
        assertTrue(r.errorLine().contains("3x3000"), r.err());
        assertEquals(2, run("fc-cost", "1x28x28", "--hidden", "0").exitCode());
    }
}
