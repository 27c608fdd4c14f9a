package conv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import conv4j.vision.models.Models;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LearnKernelCommandTest {

    private record Run(int exitCode, String out, String err) {
        String errorLine() {
            assertTrue(err.startsWith("conv4j: "), err);
            assertEquals(1, err.lines().count(), err);
            return err.strip();
        }
    }

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine(Models.registry());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theDemoPrintsEachStepAndEndsNearOneMinusOne() {
        Run r = run("learn-kernel");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("X, 6 x 8, every row: "), r.out());
        assertTrue(r.out().contains(" 1 1 0 0 0 0 1 1\nY = corr2d(X, [[1, -1]]), 6 x 7, every row: 0 1 0 0 0 -1 0\n"),
                r.out());
        assertTrue(r.out().contains("plain gradient descent, lr 0.03"), r.out());
        assertEquals(16, r.out().lines().filter(l -> l.startsWith("step ")).count(), r.out());
        assertTrue(r.out().contains("\nstep  30  loss "), r.out());
    }

    @Test
    void theDemoAsJsonIsWithinTheLecturesTolerance() throws Exception {
        for (String seed : new String[] {"0", "1", "2"}) {
            Run r = run("learn-kernel", "--json", "--seed", seed);
            assertEquals(0, r.exitCode(), r.err());
            JsonNode json = new ObjectMapper().readTree(r.out());
            assertEquals(1, json.get("learned").get(0).get(0).asDouble(), 0.05, r.out());
            assertEquals(-1, json.get("learned").get(0).get(1).asDouble(), 0.05, r.out());
            assertTrue(json.get("maxDifference").asDouble() < 0.05, r.out());
            assertEquals(0, json.get("steps").get(0).get("step").asInt());
        }
    }

    @Test
    void aGaussianIsLearnedFromTheBundledCat() throws Exception {
        Run r = run("learn-kernel", "--target", "gaussian", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("sample:chelsea", json.get("input").asText());
        assertTrue(json.get("whitened").asBoolean());
        // Half a grey level over 9 weights: the learned kernel makes the same 8-bit picture.
        assertTrue(json.get("maxDifference").asDouble() < 0.5 / (255 * 9), r.out());
        assertEquals(0.25, json.get("truth").get(1).get(1).asDouble(), 0.0);

        Run text = run("learn-kernel", "--target", "gaussian", "--steps", "40");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("  learned                        true\n"), text.out());
        assertTrue(text.out().contains("[  0.0625   0.1250   0.0625]\n"), text.out());
        assertTrue(text.out().contains("normalised step"), text.out());
    }

    @Test
    void mistakesAreOneLine() {
        Run unknown = run("learn-kernel", "--target", "sobel");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.errorLine().contains("unknown kernel 'sobel'"), unknown.err());
        Run image = run("learn-kernel", "--image", "photo.png");
        assertEquals(2, image.exitCode());
        assertEquals("conv4j: --image needs --target or --kernel (see 'conv4j learn-kernel --help')",
                image.errorLine());
        Run missing = run("learn-kernel", "--target", "edge", "--image", "no-such-photo.png");
        assertEquals(1, missing.exitCode());
        assertEquals("conv4j: no-such-photo.png does not exist", missing.errorLine());
        Run steps = run("learn-kernel", "--steps", "-1");
        assertEquals(2, steps.exitCode());
        Run lr = run("learn-kernel", "--lr", "0");
        assertEquals(2, lr.exitCode());
        Run bad = run("learn-kernel", "--kernel", "1,2;3,4");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.errorLine().contains("the kernel is 2 x 2"), bad.err());
    }

    @Test
    void tooLargeALearningRateStopsWithAMessage() {
        Run r = run("learn-kernel", "--lr", "1", "--steps", "400");
        assertEquals(1, r.exitCode());
        assertTrue(r.errorLine().matches("conv4j: the loss became (Infinity|NaN) at step \\d+; the learning rate is too"
                + " large"), r.err());
    }
}
