package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Starts fresh JVMs, because the kernel is chosen once per JVM from how it was launched. */
class GemmKernelSelectionTest {

    private static String probe(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(GemmKernelProbe.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "probe JVM did not finish");
        assertEquals(0, process.exitValue(), output);
        assertFalse(output.contains("mismatch"), output);
        return output;
    }

    private static String line(String output, String key) {
        return output.lines().filter(l -> l.startsWith(key)).findFirst().orElse("(no " + key + " line) " + output);
    }

    @Test
    void runsOnTheScalarKernelWithoutTheVectorModule() throws Exception {
        String output = probe();
        assertTrue(line(output, "kernel:").startsWith("kernel: scalar"), output);
    }

    @Test
    void propertyForcesTheScalarKernel() throws Exception {
        String output = probe("--add-modules", "jdk.incubator.vector", "-Dconv4j.vector=false");
        assertTrue(line(output, "kernel:").startsWith("kernel: scalar"), output);
    }

    /** The tile of the kernel a probe ran, "8x48", and the one the table names for its vector unit. */
    private static void assertTableTile(String output) {
        int bits = Integer.parseInt(line(output, "bits:").substring("bits: ".length()).trim());
        int registers = Integer.parseInt(line(output, "registers:").substring("registers: ".length()).trim());
        GemmKernelShapes.Shape shape = GemmKernelShapes.forVectorUnit(bits, registers);
        String tile = shape.rows() + "x" + shape.vectors() * (bits / Float.SIZE);
        assertEquals("kernel: vector " + tile + " (" + bits + "-bit, " + registers + " registers)",
                line(output, "kernel:"), output);
    }

    @Test
    void everyVectorUnitGetsTheTileOfItsRowInTheTable() throws Exception {
        assumeTrue(Simd.vectorized(), "no vector unit here: " + Simd.describe());
        List<String[]> flags = List.of(new String[0], new String[] {"-XX:UseAVX=2"},
                new String[] {"-XX:MaxVectorSize=32"}, new String[] {"-XX:MaxVectorSize=16"});
        String scalar = probe();
        for (String[] flag : flags) {
            List<String> options = new ArrayList<>(List.of("--add-modules", "jdk.incubator.vector",
                    "-XX:+IgnoreUnrecognizedVMOptions"));
            options.addAll(List.of(flag));
            String output = probe(options.toArray(String[]::new));
            assertTableTile(output);
            assertEquals(line(scalar, "sum:"), line(output, "sum:"), output);
        }
    }

    @Test
    void vectorModuleSelectsTheVectorKernelWithTheSameResult() throws Exception {
        String vector = probe("--add-modules", "jdk.incubator.vector");
        String scalar = probe();
        assertTrue(line(vector, "kernel:").startsWith("kernel: vector"), vector);
        assertEquals(line(scalar, "sum:"), line(vector, "sum:"));
    }
}
