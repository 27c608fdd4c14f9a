package conv4j.bench;

import conv4j.kernels.Kernels;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a figure was measured on, printed at the top of every benchmark's output (from the JVM that runs the kernels:
 * inside JMH's fork, that is the fork): the CPU model, the Java runtime and its flags, and the kernels the flags
 * selected ({@link Kernels}).
 */
public final class Machine {
    private Machine() {
    }

    /** Several lines, each "key: value". */
    public static String describe() {
        StringBuilder b = new StringBuilder();
        b.append("cpu: ").append(cpuModel()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores\n");
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(f -> f.startsWith("-XX:") || f.startsWith("-Dconv4j") || f.startsWith("--add-modules"))
                .collect(Collectors.toList());
        b.append("java: ").append(System.getProperty("java.version")).append(' ')
                .append(System.getProperty("java.vm.name")).append(flags.isEmpty() ? "" : ", " + String.join(" ", flags))
                .append('\n');
        b.append(Kernels.describe());
        return b.toString();
    }

    /**
     * The model name the kernel reports (Linux), with the family and model numbers, which tell CPU generations apart
     * where a virtual machine's name does not ("AMD EPYC (family 26, model 2)": Zen 5); else the architecture.
     */
    static String cpuModel() {
        String name = null;
        String family = null;
        String model = null;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                String value = line.substring(line.indexOf(':') + 1).trim();
                if (line.startsWith("model name") && name == null) {
                    name = value;
                } else if (line.startsWith("cpu family") && family == null) {
                    family = value;
                } else if (line.matches("model\\s*:.*") && model == null) {
                    model = value;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: the architecture will do
        }
        if (name == null) {
            return System.getProperty("os.arch");
        }
        return family == null || model == null ? name : name + " (family " + family + ", model " + model + ")";
    }
}
