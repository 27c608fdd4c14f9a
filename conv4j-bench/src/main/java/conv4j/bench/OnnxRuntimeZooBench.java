package conv4j.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.ExecutionMode;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The zoo's forward figures in ONNX Runtime, the runtime a Java user would take instead of conv4j, as bench/zoo.sh
 * runs them next to ZooBench and PyTorch: the torchvision models that bench/zoo_onnx.py exports (one file a model,
 * dynamic batch), on ONNX Runtime's CPU execution provider through its Java binding. Latency at batch 1 and throughput
 * at batch 8 on 3 x 224 x 224, timed by ZooBench's rule ({@link MedianTimer}), on seeded normal inputs. There is no
 * training step: an inference session does not train. Prints the version and the session options, then one line per
 * figure in ZooBench's format:
 *
 * <pre>
 * resnet18 onnxruntime fwd b1: 22.80 ms (median of 9)
 * resnet18 onnxruntime fwd b8: 40.1 img/s (median of 3)
 * </pre>
 *
 * ONNX Runtime's kernels (MLAS) choose their instruction set from cpuid alone, with no option to narrow it, so these
 * figures are always at the CPU's full width.
 */
public final class OnnxRuntimeZooBench {
    private static final Shape IMAGENET = Shape.of(3, 224, 224);
    /** As conv4j (CONV4J_THREADS) and PyTorch (torch.set_num_threads) in bench/zoo.sh; the caller is one of them. */
    static final int INTRA_OP_THREADS = 2;
    /** One operator at a time: a sequential session has no inter-op pool, and this says so. */
    private static final int INTER_OP_THREADS = 1;
    private static final OptLevel OPTIMISATION = OptLevel.ALL_OPT;
    private static final ExecutionMode EXECUTION = ExecutionMode.SEQUENTIAL;
    /** ONNX Runtime's default, set so that it is printed: its pool's threads spin between operators. */
    private static final String SPINNING = "session.intra_op.allow_spinning";

    private OnnxRuntimeZooBench() {
    }

    public static void main(String[] args) throws OrtException {
        List<String> models = List.of("resnet18", "resnet50", "vgg16", "googlenet", "alexnet");
        int runs = 9;
        Path dir = Path.of("bench/results/onnx");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--models" -> models = Arrays.asList(value(args, ++i).split(","));
                case "--runs" -> runs = Integer.parseInt(value(args, ++i));
                case "--dir" -> dir = Path.of(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "' (known: --models a,b --runs N --dir FOLDER)");
            }
        }
        for (String name : models) {
            if (!Files.isRegularFile(onnxFile(dir, name))) {
                throw new IllegalArgumentException(onnxFile(dir, name) + " is missing: bench/zoo_onnx.py writes it");
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (SessionOptions options = sessionOptions()) {
            System.out.println("cpu: " + Machine.cpuModel() + ", " + Runtime.getRuntime().availableProcessors()
                    + " cores");
            System.out.println("onnxruntime: " + env.getVersion() + " (Java binding), providers available: "
                    + OrtEnvironment.getAvailableProviders() + "; CPU execution provider, full CPU width");
            System.out.println("session: intra-op threads " + INTRA_OP_THREADS + ", inter-op threads "
                    + INTER_OP_THREADS + ", graph optimisation " + OPTIMISATION + ", execution " + EXECUTION
                    + ", CPU arena on, memory patterns on, " + options.getConfigEntries());
            for (String name : models) {
                forward(env, options, name, onnxFile(dir, name), runs);
            }
        }
    }

    static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static Path onnxFile(Path dir, String name) {
        return dir.resolve(name + ".onnx");
    }

    static SessionOptions sessionOptions() throws OrtException {
        SessionOptions options = new SessionOptions();
        options.setIntraOpNumThreads(INTRA_OP_THREADS);
        options.setInterOpNumThreads(INTER_OP_THREADS);
        options.setOptimizationLevel(OPTIMISATION);
        options.setExecutionMode(EXECUTION);
        options.setCPUArenaAllocator(true);
        options.setMemoryPatternOptimization(true);
        options.addConfigEntry(SPINNING, "1");
        return options;
    }

    private static void forward(OrtEnvironment env, SessionOptions options, String name, Path file, int runs)
            throws OrtException {
        Rng rng = new Rng(1);
        try (OrtSession session = env.createSession(file.toString(), options);
             OnnxTensor one = input(env, Tensor.randn(IMAGENET.withBatch(1), rng, 1.0));
             OnnxTensor eight = input(env, Tensor.randn(IMAGENET.withBatch(8), rng, 1.0))) {
            double b1 = MedianTimer.seconds(() -> run(session, one), 3, runs);
            int runs8 = Math.max(3, runs / 3);
            double b8 = MedianTimer.seconds(() -> run(session, eight), 2, runs8);
            System.out.printf("%s onnxruntime fwd b1: %.2f ms (median of %d)%n", name, b1 * 1e3, runs);
            System.out.printf("%s onnxruntime fwd b8: %.1f img/s (median of %d)%n", name, 8 / b8, runs8);
        }
    }

    private static OnnxTensor input(OrtEnvironment env, Tensor x) throws OrtException {
        long[] shape = Arrays.stream(x.shape().dims()).asLongStream().toArray();
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(x.data()), shape);
    }

    /** One forward pass; the result (the logits, in native memory) is released within the timed call. */
    static void run(OrtSession session, OnnxTensor input) {
        try {
            session.run(Map.of("input", input)).close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
