package conv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.vision.models.Models;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The heap or the stack running out is one line a user can act on, with the trace only under --debug. */
class FatalErrorsTest {
    @Command(name = "exhaust")
    static final class Exhaust implements Runnable {
        @CommandLine.Option(names = "--stack")
        boolean stack;

        @Override
        public void run() {
            if (stack) {
                throw new StackOverflowError();
            }
            throw new OutOfMemoryError("Java heap space");
        }
    }

    private static String[] run(String... args) {
        CommandLine cl = Main.commandLine(Models.registry());
        cl.addSubcommand(new Exhaust());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int code = Main.execute(cl, args);
        return new String[] {Integer.toString(code), err.toString()};
    }

    @Test
    void anOutOfMemoryErrorIsOneLineWithTheHeapAndWhatToTry() {
        String[] r = run("exhaust");
        assertEquals("1", r[0]);
        assertEquals(1, r[1].lines().count(), r[1]);
        assertTrue(r[1].startsWith("conv4j: out of memory (Java heap space) with a heap of "), r[1]);
        assertTrue(r[1].strip().endsWith("MiB: give the JVM more (CONV4J_JAVA_OPTS=-Xmx8g) or use a smaller "
                + "--batch-size"), r[1]);
    }

    @Test
    void aStackOverflowIsOneLineAndDebugAddsTheTrace() {
        String[] r = run("exhaust", "--stack");
        assertEquals("1", r[0]);
        assertEquals("conv4j: the call stack overflowed (StackOverflowError); a model nested this deeply is beyond "
                + "conv4j: CONV4J_JAVA_OPTS=-Xss16m gives threads a larger stack", r[1].strip());
        String[] debug = run("--debug", "exhaust", "--stack");
        assertTrue(debug[1].lines().count() > 1 && debug[1].contains("at conv4j.cli.FatalErrorsTest$Exhaust.run"),
                debug[1]);
    }
}
