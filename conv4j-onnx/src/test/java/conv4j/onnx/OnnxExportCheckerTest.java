package conv4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import conv4j.kernels.Padding;
import conv4j.nn.AvgPool2d;
import conv4j.nn.Conv2d;
import conv4j.nn.LocalResponseNorm;
import conv4j.nn.Module;
import conv4j.nn.Sequential;
import conv4j.nn.GlobalAvgPool2d;
import conv4j.nn.Softmax;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.vision.models.Models;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The onnx package's own checker, with full_check (its shape inference over the whole graph), accepts exported files:
 * zoo models that between them use every operator the export writes, and the layers whose export takes a less usual
 * form (LRN of an even size, average pooling that counts padding in ceil mode). Skipped where the system Python has
 * no onnx package (Debian's python3-onnx provides it).
 */
class OnnxExportCheckerTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String CHECK = "import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), "
            + "full_check=True)";

    @TempDir
    static Path folder;

    @BeforeAll
    static void requireOnnx() throws Exception {
        boolean available = Files.isExecutable(Path.of(PYTHON)) && python("import onnx").exitCode == 0;
        assumeTrue(available, PYTHON + " cannot import onnx (install python3-onnx): the checker test is skipped");
    }

    static Stream<Arguments> models() {
        Supplier<Module> unusual = () -> new Sequential(Conv2d.builder(3, 6, 3).padding(new Padding(0, 1, 1, 0))
                .build(new Rng(5)), new LocalResponseNorm(4, 1e-3, 0.75, 2), new AvgPool2d(3, 2, 1, true, true),
                new GlobalAvgPool2d(), new Softmax());
        return Stream.of(
                zoo("lenet5", Shape.of(1, 28, 28)),
                zoo("resnet18", Shape.of(3, 64, 64)),
                zoo("googlenet-aux", Shape.of(3, 96, 96)),
                zoo("alexnet-lrn", Shape.of(3, 227, 227)),
                zoo("vgg-a-bn", Shape.of(3, 64, 64)), // adaptive pooling from 2x2 to 7x7: the MatMul form
                Arguments.of("even LRN, padded ceil-mode average pooling, softmax", Shape.of(3, 11, 11), unusual));
    }

    private static Arguments zoo(String name, Shape input) {
        Supplier<Module> build = () -> Models.registry().create(name, Models.list().get(name).classes(), input,
                new Rng(1));
        return Arguments.of(name, input, build);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void onnxCheckerAcceptsTheFile(String name, Shape input, Supplier<Module> model) throws Exception {
        Path file = folder.resolve(name.replaceAll("[^a-z0-9-]", "_") + ".onnx");
        OnnxExport.write(model.get(), input, file);
        Result r = python(CHECK, file.toString());
        System.out.println("onnx.checker full_check " + name + ": " + (r.exitCode == 0 ? "valid" : r.output));
        assertEquals(0, r.exitCode, name + ": onnx.checker says\n" + r.output);
        Files.delete(file);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result python(String code, String... args) throws IOException, InterruptedException {
        String[] command = new String[3 + args.length];
        command[0] = PYTHON;
        command[1] = "-c";
        command[2] = code;
        System.arraycopy(args, 0, command, 3, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
