package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The JVM flags that narrow the vector unit narrow what {@link Simd} reports; each case starts a fresh JVM. */
class SimdTest {
    private static final String MODULE = "--add-modules=jdk.incubator.vector";

    private static String probe(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+IgnoreUnrecognizedVMOptions");
        command.addAll(List.of(jvmOptions));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SimdProbe.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "probe JVM did not finish");
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    private static String value(String output, String key) {
        return output.lines().filter(l -> l.startsWith(key + ": ")).map(l -> l.substring(key.length() + 2))
                .findFirst().orElse("(no " + key + " line) " + output);
    }

    private static boolean x86() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return arch.equals("amd64") || arch.equals("x86_64");
    }

    @Test
    void withoutTheModuleTheScalarTwinsRunAndSaySo() throws Exception {
        String output = probe();
        assertEquals("false", value(output, "vectorized"), output);
        assertEquals("scalar (jdk.incubator.vector not added)", value(output, "describe"), output);
    }

    @Test
    void thePropertySwitchesEveryKernelToScalar() throws Exception {
        String output = probe(MODULE, "-Dconv4j.vector=false");
        assertEquals("false", value(output, "vectorized"), output);
        assertEquals("0", value(output, "bits"), output);
        assertEquals("scalar (-Dconv4j.vector=false)", value(output, "describe"), output);
    }

    @Test
    void maxVectorSizeNarrowsTheVectors() throws Exception {
        assumeTrue(Simd.vectorized(), "no vector unit here: " + Simd.describe());
        String output = probe(MODULE, "-XX:MaxVectorSize=16");
        assertEquals("128", value(output, "bits"), output);
        assertTrue(value(output, "describe").startsWith("128-bit vectors (4 floats), "), output);
        if (Simd.bits() >= 256) {
            assertEquals("256", value(probe(MODULE, "-XX:MaxVectorSize=32"), "bits"));
        }
    }

    @Test
    void avx2Has16RegistersAndAvx512Has32() throws Exception {
        assumeTrue(Simd.vectorized() && x86(), "an x86 vector unit: " + Simd.describe());
        String avx2 = probe(MODULE, "-XX:UseAVX=2");
        assertEquals("256", value(avx2, "bits"), avx2);
        assertEquals("16", value(avx2, "registers"), avx2);
        if (Simd.bits() == 512) {
            assertEquals("32", value(probe(MODULE), "registers"));
            assertEquals("32", value(probe(MODULE, "-XX:MaxVectorSize=32"), "registers"),
                    "AVX-512 keeps its 32 registers at 256 bits");
        }
    }
}
