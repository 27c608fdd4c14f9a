package conv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.vision.models.ModelRegistry;
import conv4j.vision.models.Models;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process run of the command: its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        return of(Models.registry(), args);
    }

    /** A run with the models of {@code registry}: the zoo and more, for networks the zoo does not hold. */
    static CliRun of(ModelRegistry registry, String... args) {
        CommandLine cl = Main.commandLine(registry);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = Main.execute(cl, args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The error output is exactly one line starting with the program name; that line. */
    String errorLine() {
        assertTrue(err.startsWith("conv4j: "), err);
        assertEquals(1, err.lines().count(), err);
        return err.strip();
    }
}
