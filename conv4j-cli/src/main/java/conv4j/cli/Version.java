package conv4j.cli;

import conv4j.kernels.Kernels;
import conv4j.kernels.Parallel;
import conv4j.kernels.Simd;
import conv4j.train.Plural;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The project's version (filtered into a resource at build time), the Java runtime, and whether SIMD is on. */
final class Version implements IVersionProvider {

    static String projectVersion() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        return new String[] {
            "conv4j " + projectVersion(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
            "Vector API: " + (Simd.vectorized() ? "on, " + Simd.describe()
                    : module ? "off, " + Simd.describe()
                    : "off (start Java with --add-modules jdk.incubator.vector)"),
            "Kernels: GEMM " + Kernels.choices().get("gemm") + ", direct convolution "
                    + Kernels.choices().get("direct convolution") + ", " + Plural.of(Parallel.threads(), "thread")};
    }
}
