package conv4j.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import conv4j.nn.Module;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference implementation, where Python has it ({@code pip install safetensors numpy}): it reads our files and we
 * read its files. Skipped when {@code python3} or the package is absent.
 */
class SafeTensorsPythonTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsPythonSafetensors() {
        assumeTrue(run(List.of("-c", "import safetensors.numpy, numpy")) != null,
                "python3 with the safetensors and numpy packages is not installed");
    }

    /** Runs python3 with the arguments; its stdout, or null if it could not run or failed. */
    static String run(List<String> args) {
        try {
            List<String> command = new ArrayList<>(List.of("python3"));
            command.addAll(args);
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), UTF_8);
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void theReferenceReaderReadsAModelFile() throws Exception {
        Rng rng = new Rng(8);
        Module model = TestModels.everyLayer(rng);
        TestModels.warmUp(model, rng);
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(file, model, TestModels.info());
        String script = String.join("\n",
                "import hashlib, sys",
                "from safetensors import safe_open",
                "with safe_open(sys.argv[1], 'np') as f:",
                "    print('meta', ' '.join(sorted(f.metadata().keys())))",
                "    for k in f.keys():",
                "        t = f.get_tensor(k)",
                "        print(k, t.dtype, 'x'.join(map(str, t.shape)) or 'scalar',"
                        + " hashlib.sha256(t.tobytes()).hexdigest())");
        String out = run(List.of("-c", script, file.toString()));
        assertNotNull(out, "the reference reader failed on our file");
        Map<String, String> lines = new HashMap<>();
        for (String line : out.split("\n")) {
            lines.put(line.substring(0, line.indexOf(' ')), line.substring(line.indexOf(' ') + 1));
        }
        assertEquals("conv4j.architecture conv4j.info format", lines.get("meta"));
        for (Map.Entry<String, Tensor> e : model.stateDict().entrySet()) {
            assertEquals("float32 " + e.getValue().shape() + " " + sha256(SafeTensorsFormatTest.littleEndian(
                    e.getValue().data())), lines.get(e.getKey()), e.getKey());
        }
        assertEquals("int64 scalar " + sha256(new byte[] {3, 0, 0, 0, 0, 0, 0, 0}),
                lines.get("features.1.num_batches_tracked"));
    }

    @Test
    void ourReaderReadsAFileOfTheReferenceWriter() throws IOException {
        Path file = dir.resolve("py.safetensors");
        String script = String.join("\n",
                "import sys, numpy as np",
                "from safetensors.numpy import save_file",
                "save_file({'h': np.array([[1, -2, 0.5], [65504, 0, -0.25]], dtype=np.float16),",
                "           'd': np.array([0.1, -3.5], dtype=np.float64),",
                "           'i': np.array([-1, 7, 2**31 - 1], dtype=np.int32),",
                "           'n': np.array(261, dtype=np.int64),",
                "           'f': np.arange(12, dtype=np.float32).reshape(3, 4)}, sys.argv[1], metadata={'k': 'v'})");
        assumeTrue(run(List.of("-c", script, file.toString())) != null, "the reference writer failed");
        SafeTensorsFile read = SafeTensors.read(file);
        assertEquals(Map.of("k", "v"), read.metadata());
        assertEquals(Shape.of(2, 3), read.tensors().get("h").shape());
        assertArrayEquals(new float[] {1, -2, 0.5f, 65504, 0, -0.25f}, read.tensors().get("h").floats());
        assertArrayEquals(new float[] {0.1f, -3.5f}, read.tensors().get("d").floats());
        assertArrayEquals(new long[] {-1, 7, Integer.MAX_VALUE}, read.tensors().get("i").longs());
        assertArrayEquals(new long[] {261}, read.tensors().get("n").longs());
        assertEquals(Shape.of(), read.tensors().get("n").shape());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, read.tensors().get("f").floats());
    }
}
