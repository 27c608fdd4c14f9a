package conv4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import conv4j.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * ONNX's own backend node tests: every generated test whose graph uses only supported operators is imported afresh,
 * run on its inputs, and each output compared with ONNX's tolerance. The tests that cannot pass (integer, double or
 * boolean arithmetic, modes the import refuses) are listed with a reason in {@code onnx-node-skips.txt}; any other
 * failure fails the build. A per-operator table goes to {@code target/onnx-node-tests.txt}.
 */
class OnnxNodeTest {
    static final String VARIABLE = "CONV4J_ONNX_NODE_TESTS";
    /** ONNX's backend test tolerances: |actual - expected| <= ATOL + RTOL * |expected|. */
    private static final double RTOL = 1e-3;
    private static final double ATOL = 1e-7;

    /** Per operator: passed, run, and the listed tests with their reasons. */
    private static final Map<String, int[]> COUNTS = new TreeMap<>();
    private static final Map<String, List<String>> SKIPPED = new TreeMap<>();
    private static final List<String> LISTED_BUT_PASSING = new ArrayList<>();
    private static final List<String> FAILED = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> backendNodeTests() throws IOException {
        String dir = System.getenv(VARIABLE);
        Assumptions.assumeTrue(dir != null && !dir.isEmpty(), VARIABLE + " is unset: generate ONNX's node tests "
                + "with a Python that has the onnx package (Debian's python3-onnx: /usr/bin/python3):  python3 -c \"import numpy as np; np.float=float; np.int=int; np.bool=bool; "
                + "np.object=object; import sys; from onnx.backend.test.cmd_tools import main; "
                + "sys.argv=['x','generate-data','-o','/tmp/onnx-node']; main()\"  and set " + VARIABLE
                + "=/tmp/onnx-node");
        Path node = Path.of(dir, "node");
        Map<String, String> skips = skips();
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> folders = Files.list(node)) {
            for (Path folder : folders.sorted().toList()) {
                Path file = folder.resolve("model.onnx");
                if (!Files.exists(file)) {
                    continue;
                }
                ModelProto model = OnnxReader.read(file);
                Set<String> ops = new LinkedHashSet<>();
                boolean supported = true;
                for (NodeProto n : model.graph().node()) {
                    boolean defaultDomain = n.domain().isEmpty() || n.domain().equals("ai.onnx");
                    supported &= defaultDomain && OnnxOperators.SUPPORTED.contains(n.opType());
                    ops.add(n.opType());
                }
                if (!supported) {
                    continue;
                }
                String name = folder.getFileName().toString();
                String op = ops.stream().filter(o -> !o.equals("Constant")).findFirst().orElse("Constant");
                tests.add(DynamicTest.dynamicTest(name, () -> check(name, op, model, folder, skips.get(name))));
            }
        }
        return tests.stream();
    }

    private static void check(String name, String op, ModelProto model, Path folder, String skipReason) {
        String failure = failure(model, folder.resolve("test_data_set_0"));
        synchronized (COUNTS) {
            int[] c = COUNTS.computeIfAbsent(op, k -> new int[2]);
            c[1]++;
            if (failure == null) {
                c[0]++;
                if (skipReason != null) {
                    LISTED_BUT_PASSING.add(name);
                }
            } else if (skipReason != null) {
                SKIPPED.computeIfAbsent(op, k -> new ArrayList<>()).add(name + ": " + skipReason);
            } else {
                FAILED.add(name + ": " + failure);
            }
        }
        Assumptions.assumeTrue(skipReason == null || failure == null, "listed: " + skipReason);
        if (failure != null) {
            fail(failure);
        }
    }

    /** Why the test fails, or null where every output matches. */
    private static String failure(ModelProto model, Path data) {
        try {
            OnnxModel imported = OnnxImport.fromModel(model);
            Map<String, Tensor> inputs = new HashMap<>();
            List<String> names = imported.inputNames();
            for (int k = 0; k < names.size(); k++) {
                inputs.put(names.get(k), tensor(data.resolve("input_" + k + ".pb")));
            }
            Map<String, Tensor> outputs = imported.run(inputs);
            List<String> outNames = imported.outputNames();
            for (int k = 0; k < outNames.size(); k++) {
                String problem = compare(tensor(data.resolve("output_" + k + ".pb")), outputs.get(outNames.get(k)));
                if (problem != null) {
                    return "output '" + outNames.get(k) + "': " + problem;
                }
            }
            return null;
        } catch (RuntimeException | IOException e) {
            return e.toString();
        }
    }

    private static Tensor tensor(Path file) throws IOException {
        return OnnxTensors.values(OnnxReader.readTensor(Files.readAllBytes(file)));
    }

    private static String compare(Tensor expected, Tensor actual) {
        if (!expected.shape().equals(actual.shape())) {
            return "shape " + actual.shape() + ", expected " + expected.shape();
        }
        float[] e = expected.data();
        float[] a = actual.data();
        for (int i = 0; i < e.length; i++) {
            boolean bothNaN = Float.isNaN(e[i]) && Float.isNaN(a[i]);
            if (!bothNaN && !(Math.abs(a[i] - (double) e[i]) <= ATOL + RTOL * Math.abs(e[i]))) {
                return "element " + i + " is " + a[i] + ", expected " + e[i];
            }
        }
        return null;
    }

    private static Map<String, String> skips() throws IOException {
        Map<String, String> skips = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                OnnxNodeTest.class.getResourceAsStream("/onnx-node-skips.txt")), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+", 2);
                skips.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return skips;
    }

    @AfterAll
    static void writeTable() throws IOException {
        if (COUNTS.isEmpty()) {
            return;
        }
        StringBuilder out = new StringBuilder(String.format("%-20s %6s %6s %7s%n", "operator", "passed", "total",
                "skipped"));
        int passed = 0;
        int total = 0;
        int skipped = 0;
        for (Map.Entry<String, int[]> e : COUNTS.entrySet()) {
            List<String> s = SKIPPED.getOrDefault(e.getKey(), List.of());
            out.append(String.format("%-20s %6d %6d %7d%n", e.getKey(), e.getValue()[0], e.getValue()[1], s.size()));
            for (String reason : s) {
                out.append("    skipped ").append(reason).append('\n');
            }
            passed += e.getValue()[0];
            total += e.getValue()[1];
            skipped += s.size();
        }
        out.append(String.format("%-20s %6d %6d %7d%n", "total", passed, total, skipped));
        for (String name : FAILED) {
            out.append("FAILED ").append(name).append('\n');
        }
        for (String name : LISTED_BUT_PASSING) {
            out.append("listed in onnx-node-skips.txt but passes: ").append(name).append('\n');
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "onnx-node-tests.txt"), out.toString());
        System.out.println("ONNX node tests: " + passed + " passed, " + skipped + " skipped (listed), of " + total
                + "; table in target/onnx-node-tests.txt");
        assertEquals(total, passed + skipped, "unlisted failures");
    }
}
