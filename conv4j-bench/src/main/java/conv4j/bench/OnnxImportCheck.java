package conv4j.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import conv4j.onnx.OnnxImport;
import conv4j.onnx.OnnxModel;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Checks conv4j's ONNX import against ONNX Runtime on the same file: both run the torchvision exports of
 * bench/zoo_onnx.py on one seeded normal batch, and one line per model gives the largest absolute difference relative
 * to the largest absolute output. Not a unit test: the files are hundreds of megabytes and need torch to make.
 *
 * <pre>
 * java -cp conv4j-bench/target/benchmarks.jar conv4j.bench.OnnxImportCheck --models resnet18 --batch 2
 * resnet18: 2x1000, max |diff| 4.05e-06, max |output| 6.00e+00, relative 6.76e-07
 * </pre>
 */
public final class OnnxImportCheck {
    private static final Shape IMAGENET = Shape.of(3, 224, 224);

    private OnnxImportCheck() {
    }

    public static void main(String[] args) throws IOException, OrtException {
        List<String> models = List.of("resnet18", "resnet50", "googlenet", "alexnet", "vgg16");
        Path dir = Path.of("bench/results/onnx");
        int batch = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--models" -> models = Arrays.asList(args[++i].split(","));
                case "--dir" -> dir = Path.of(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "' (known: --models a,b --dir FOLDER --batch N)");
            }
        }
        for (String name : models) {
            Path file = dir.resolve(name + ".onnx");
            if (!Files.exists(file)) {
                System.out.println(name + ": skipped, no " + file);
                continue;
            }
            check(name, file, batch);
        }
    }

    private static void check(String name, Path file, int batch) throws IOException, OrtException {
        OnnxModel model = OnnxImport.load(file);
        Tensor x = Tensor.randn(IMAGENET.withBatch(batch), new Rng(42), 1.0);
        float[] ours = model.predict(x).data();
        float[] theirs;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions());
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.data()),
                     new long[] {batch, IMAGENET.dim(0), IMAGENET.dim(1), IMAGENET.dim(2)});
             OrtSession.Result out = session.run(Map.of(model.inputName(), in))) {
            FloatBuffer values = ((OnnxTensor) out.get(0)).getFloatBuffer();
            theirs = new float[values.remaining()];
            values.get(theirs);
        }
        if (theirs.length != ours.length) {
            System.out.println(name + ": conv4j gives " + ours.length + " values, ONNX Runtime " + theirs.length);
            return;
        }
        double maxDiff = 0;
        double maxAbs = 0;
        for (int i = 0; i < ours.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(ours[i] - theirs[i]));
            maxAbs = Math.max(maxAbs, Math.abs(theirs[i]));
        }
        System.out.printf("%s: %s, max |diff| %.2e, max |output| %.2e, relative %.2e%n", name,
                model.outputShape(IMAGENET.withBatch(batch)), maxDiff, maxAbs, maxDiff / maxAbs);
    }
}
