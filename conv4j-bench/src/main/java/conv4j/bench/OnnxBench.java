package conv4j.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import conv4j.onnx.OnnxImport;
import conv4j.onnx.OnnxModel;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * conv4j and ONNX Runtime on the same ONNX file, as bench/onnx.sh runs them: conv4j imports the file
 * ({@link OnnxImport}) and runs it, ONNX Runtime's Java binding runs it on its CPU execution provider with the session
 * options of {@link OnnxRuntimeZooBench} (2 intra-op threads; conv4j takes CONV4J_THREADS from the script). Per model:
 * the import's wall time (the first load, then the median of the next ones in the same JVM), how far the two
 * outputs differ, and the milliseconds a forward pass takes at batch 1 and 8 on 3 x 224 x 224 for each, timed by the
 * zoo's rule ({@link MedianTimer}). conv4j runs first, then ONNX Runtime, whose session is open only while it is timed.
 *
 * <pre>
 * resnet50 load: first 1234 ms (the JVM's first import), median 98 ms of 4 more (102.1 MB)
 * resnet50 outputs: max |diff| 3.8e-05, max |output| 1.1e+02, relative 3.5e-07
 * resnet50 b1: conv4j 48.73 ms, onnxruntime 23.62 ms, ratio 2.06 (median of 9)
 * </pre>
 */
public final class OnnxBench {
    private static final Shape IMAGENET = Shape.of(3, 224, 224);
    private static final int[] BATCHES = {1, 8};

    private OnnxBench() {
    }

    public static void main(String[] args) throws IOException, OrtException {
        List<String> models = List.of("resnet50", "resnet18");
        Path dir = Path.of("bench/results/onnx");
        int runs = 9;
        int loads = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--models" -> models = Arrays.asList(OnnxRuntimeZooBench.value(args, ++i).split(","));
                case "--dir" -> dir = Path.of(OnnxRuntimeZooBench.value(args, ++i));
                case "--runs" -> runs = Integer.parseInt(OnnxRuntimeZooBench.value(args, ++i));
                case "--loads" -> loads = Integer.parseInt(OnnxRuntimeZooBench.value(args, ++i));
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "' (known: --models a,b --dir FOLDER --runs N --loads N)");
            }
        }
        System.out.print(Machine.describe());
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        System.out.println("onnxruntime: " + env.getVersion() + " (Java binding), CPU execution provider, "
                + OnnxRuntimeZooBench.INTRA_OP_THREADS + " intra-op threads, sequential, all graph optimisations");
        for (String name : models) {
            Path file = dir.resolve(name + ".onnx");
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + " is missing: bench/zoo_onnx.py writes it");
            }
            bench(env, name, file, runs, loads, name.equals(models.get(0)));
        }
    }

    /** {@code cold}: the JVM's first import, before the JIT has compiled the reader. */
    private static void bench(OrtEnvironment env, String name, Path file, int runs, int loads, boolean cold)
            throws IOException, OrtException {
        long start = System.nanoTime();
        OnnxModel model = OnnxImport.load(file);
        double first = (System.nanoTime() - start) / 1e6;
        List<Double> again = new ArrayList<>();
        for (int i = 1; i < loads; i++) {
            long s = System.nanoTime();
            OnnxImport.load(file);
            again.add((System.nanoTime() - s) / 1e6);
        }
        System.out.printf("%s load: first %.0f ms%s, median %.0f ms of %d more (%.1f MB)%n", name, first,
                cold ? " (the JVM's first import)" : "", median(again), again.size(), Files.size(file) / 1e6);

        Rng rng = new Rng(1);
        Tensor[] inputs = new Tensor[BATCHES.length];
        double[] ours = new double[BATCHES.length];
        for (int b = 0; b < BATCHES.length; b++) {
            Tensor x = Tensor.randn(IMAGENET.withBatch(BATCHES[b]), rng, 1.0);
            inputs[b] = x;
            ours[b] = MedianTimer.seconds(() -> model.predict(x), 2, runs(runs, BATCHES[b]));
        }
        float[] conv4jOut = model.predict(inputs[0]).data();

        double[] theirs = new double[BATCHES.length];
        float[] ortOut;
        try (SessionOptions options = OnnxRuntimeZooBench.sessionOptions();
             OrtSession session = env.createSession(file.toString(), options)) {
            for (int b = 0; b < BATCHES.length; b++) {
                try (OnnxTensor x = tensor(env, inputs[b])) {
                    theirs[b] = MedianTimer.seconds(() -> OnnxRuntimeZooBench.run(session, x), 2,
                            runs(runs, BATCHES[b]));
                }
            }
            try (OnnxTensor x = tensor(env, inputs[0]);
                 OrtSession.Result out = session.run(Map.of(model.inputName(), x))) {
                FloatBuffer values = ((OnnxTensor) out.get(0)).getFloatBuffer();
                ortOut = new float[values.remaining()];
                values.get(ortOut);
            }
        }
        double maxDiff = 0;
        double maxAbs = 0;
        for (int i = 0; i < Math.min(ortOut.length, conv4jOut.length); i++) {
            maxDiff = Math.max(maxDiff, Math.abs(conv4jOut[i] - ortOut[i]));
            maxAbs = Math.max(maxAbs, Math.abs(ortOut[i]));
        }
        System.out.printf("%s outputs: max |diff| %.1e, max |output| %.1e, relative %.1e%n", name, maxDiff, maxAbs,
                maxDiff / maxAbs);
        for (int b = 0; b < BATCHES.length; b++) {
            System.out.printf("%s b%d: conv4j %.2f ms, onnxruntime %.2f ms, ratio %.2f (median of %d)%n", name,
                    BATCHES[b], ours[b] * 1e3, theirs[b] * 1e3, ours[b] / theirs[b], runs(runs, BATCHES[b]));
        }
    }

    /** Fewer timed calls at batch 8, as the zoo benches take, so that a run stays within minutes. */
    private static int runs(int runs, int batch) {
        return batch == 1 ? runs : Math.max(3, runs / 3);
    }

    private static OnnxTensor tensor(OrtEnvironment env, Tensor x) throws OrtException {
        long[] shape = Arrays.stream(x.shape().dims()).asLongStream().toArray();
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(x.data()), shape);
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
